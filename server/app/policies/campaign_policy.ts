import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { SessionTenancy } from '#services/tenancy'

const deny = (message: string) => AuthorizationResponse.deny(message, 403)

/**
 * Campaigns: every member whose session includes campaigns reads them (list, show, stats,
 * recipients, preview); only admins and owners build, launch, pause, resume, cancel or delete.
 */
export default class CampaignPolicy extends BasePolicy {
  read(member: SessionTenancy) {
    return member.widgets.includes('campaigns') || deny('This session does not include campaigns')
  }

  manage(member: SessionTenancy) {
    const read = this.read(member)
    if (read !== true) return read
    return (
      member.role === 'owner' ||
      member.role === 'admin' ||
      deny('Only admins and owners can manage campaigns')
    )
  }
}
