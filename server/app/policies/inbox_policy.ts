import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { SessionTenancy } from '#services/tenancy'

const deny = (message: string) => AuthorizationResponse.deny(message, 403)

/**
 * Who may do what in the inbox: viewers read; agents also write (messages, notes, status,
 * assignment); admins and owners also manage the workspace (contacts, canned responses,
 * webhooks, channels). The user is the request's member session.
 */
export default class InboxPolicy extends BasePolicy {
  read(member: SessionTenancy) {
    return member.widgets.includes('inbox') || deny('This session does not include the inbox')
  }

  write(member: SessionTenancy) {
    const read = this.read(member)
    if (read !== true) return read
    return member.role !== 'viewer' || deny('Viewers can read but not write')
  }

  manage(member: SessionTenancy) {
    const read = this.read(member)
    if (read !== true) return read
    return (
      member.role === 'owner' ||
      member.role === 'admin' ||
      deny('Only admins and owners can do this')
    )
  }
}
