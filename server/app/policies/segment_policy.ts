import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { SessionTenancy } from '#services/tenancy'

const deny = (message: string) => AuthorizationResponse.deny(message, 403)

/**
 * Segments are part of campaigns: every member whose session includes campaigns may read them and preview an
 * audience; only admins and owners save, change or delete them.
 */
export default class SegmentPolicy extends BasePolicy {
  read(member: SessionTenancy) {
    return member.widgets.includes('campaigns') || deny('This session does not include campaigns')
  }

  manage(member: SessionTenancy) {
    const read = this.read(member)
    if (read !== true) return read
    return (
      member.role === 'owner' ||
      member.role === 'admin' ||
      deny('Only admins and owners can manage segments')
    )
  }
}
