import { ApiError } from '#exceptions/api_error'
import type { SessionTenancy } from '#services/tenancy'

/**
 * Who may do what in the inbox: viewers read; agents also write (messages, notes, status,
 * assignment); admins and owners also manage the workspace (deleting contacts, settings).
 */
export const InboxPolicy = {
  read(tenancy: SessionTenancy) {
    if (!tenancy.widgets.includes('inbox'))
      throw ApiError.forbidden('This session does not include the inbox')
  },

  write(tenancy: SessionTenancy) {
    InboxPolicy.read(tenancy)
    if (tenancy.role === 'viewer') throw ApiError.forbidden('Viewers can read but not write')
  },

  manage(tenancy: SessionTenancy) {
    InboxPolicy.read(tenancy)
    if (tenancy.role !== 'owner' && tenancy.role !== 'admin') {
      throw ApiError.forbidden('Only admins and owners can do this')
    }
  },
}
