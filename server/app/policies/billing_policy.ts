import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { SessionTenancy } from '#services/tenancy'

const deny = (message: string) => AuthorizationResponse.deny(message, 403)

/**
 * The workspace's billing (<parley-billing>): sessions with the `billing` widget; owners change
 * the plan, the payment method and cancel; admins read; agents and viewers see nothing.
 */
export default class BillingPolicy extends BasePolicy {
  read(member: SessionTenancy) {
    if (!member.widgets.includes('billing')) return deny('This session does not include billing')
    return (
      member.role === 'owner' ||
      member.role === 'admin' ||
      deny('Only owners and admins can see billing')
    )
  }

  manage(member: SessionTenancy) {
    const read = this.read(member)
    if (read !== true) return read
    return member.role === 'owner' || deny('Only owners can change billing')
  }
}
