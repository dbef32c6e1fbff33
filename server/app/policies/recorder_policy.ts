import { AuthorizationResponse, BasePolicy } from '@adonisjs/bouncer'
import type { SessionTenancy } from '#services/tenancy'

const deny = (message: string) => AuthorizationResponse.deny(message, 403)

/** Recordings: sessions with the `recorder` widget read; all but viewers record and edit. */
export default class RecorderPolicy extends BasePolicy {
  read(member: SessionTenancy) {
    return member.widgets.includes('recorder') || deny('This session does not include the recorder')
  }

  write(member: SessionTenancy) {
    const read = this.read(member)
    if (read !== true) return read
    return member.role !== 'viewer' || deny('Viewers can read but not record')
  }
}
