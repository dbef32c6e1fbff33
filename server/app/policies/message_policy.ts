import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type Message from '#models/message'
import type { SessionTenancy } from '#services/tenancy'

const deny = (message: string) => AuthorizationResponse.deny(message, 403)
const managesWorkspace = (member: SessionTenancy) =>
  member.role === 'owner' || member.role === 'admin'

/** Authors edit and delete their own messages and read their history; admins and owners anyone's. */
export default class MessagePolicy extends BasePolicy {
  change(member: SessionTenancy, message: Message) {
    if (member.role === 'viewer') return deny('Viewers can read but not write')
    return (
      message.authorMemberId === member.memberId ||
      managesWorkspace(member) ||
      deny('Only the author, an admin or an owner can change this message')
    )
  }

  history(member: SessionTenancy, message: Message) {
    return (
      message.authorMemberId === member.memberId ||
      managesWorkspace(member) ||
      deny('Only the author, an admin or an owner can read the history')
    )
  }
}
