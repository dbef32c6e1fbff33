import { ApiError } from '#exceptions/api_error'
import type { SessionTenancy } from '#services/tenancy'

/** Recordings: sessions with the `recorder` widget read; all but viewers record and edit. */
export const RecorderPolicy = {
  read(tenancy: SessionTenancy) {
    if (!tenancy.widgets.includes('recorder'))
      throw ApiError.forbidden('This session does not include the recorder')
  },
  write(tenancy: SessionTenancy) {
    RecorderPolicy.read(tenancy)
    if (tenancy.role === 'viewer') throw ApiError.forbidden('Viewers can read but not record')
  },
}
