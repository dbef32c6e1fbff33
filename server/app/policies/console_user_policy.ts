import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type ConsoleUser from '#models/console_user'
import type ConsoleInvitation from '#models/console_invitation'
import type { ConsoleRole } from '#models/console_user'

const deny = (message: string) => AuthorizationResponse.deny(message, 403)

/**
 * Managing a tenant's console users: owners manage everyone; admins manage admins, developers
 * and support but never an owner, and never make one. Others only read the list.
 */
export default class ConsoleUserPolicy extends BasePolicy {
  invite(actor: ConsoleUser, role: ConsoleRole) {
    if (actor.role === 'owner') return true
    if (actor.role !== 'admin') return deny('Only owners and admins invite console users')
    return role !== 'owner' || deny('Only owners invite owners')
  }

  update(actor: ConsoleUser, target: ConsoleUser, role?: ConsoleRole) {
    if (actor.role === 'owner') return true
    if (actor.role !== 'admin') return deny('Only owners and admins change console users')
    if (target.role === 'owner') return deny('Only owners change owners')
    return role !== 'owner' || deny('Only owners make owners')
  }

  delete(actor: ConsoleUser, target: ConsoleUser) {
    if (actor.role === 'owner') return true
    if (actor.role !== 'admin') return deny('Only owners and admins remove console users')
    return target.role !== 'owner' || deny('Only owners remove owners')
  }

  /** Withdrawing a pending invitation: whoever may invite its role (a mistyped address, say). */
  cancelInvitation(actor: ConsoleUser, invitation: ConsoleInvitation) {
    if (actor.role === 'owner') return true
    if (actor.role !== 'admin') return deny('Only owners and admins cancel invitations')
    return invitation.role !== 'owner' || deny('Only owners cancel invitations of owners')
  }
}
