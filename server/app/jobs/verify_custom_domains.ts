import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import CustomDomain from '#models/custom_domain'
import { withTenant } from '#services/tenant_context'
import { verifyDomain } from '#services/domains/verification'
import { Job } from '#jobs/job'

/** Pending and failed domains are looked at again this often, for a week after they were added. */
export const RECHECK_PENDING_MS = 60_000
/** Verified domains are looked at again this often: a TXT record taken away ends the verification. */
export const RECHECK_VERIFIED_MS = 6 * 3600_000
const PER_RUN = 50

/**
 * Every minute, on one worker: the domains due a DNS check (oldest check first, at most 50 a run),
 * each in its own tenant's transaction. Reads which are due across tenants as the operator.
 */
export default class VerifyCustomDomains extends Job<Record<string, never>> {
  static queue = 'housekeeping'
  static jobName = 'verify-custom-domains'
  static every = 60_000

  async handle() {
    const now = Date.now()
    const due = await db
      .connection('relay')
      .from('custom_domains')
      .where((q) =>
        q
          .where((p) =>
            p
              .whereIn('status', ['pending', 'failed'])
              .where('created_at', '>', new Date(now - 7 * 86400_000))
              .where((c) =>
                c
                  .whereNull('checked_at')
                  .orWhere('checked_at', '<', new Date(now - RECHECK_PENDING_MS))
              )
          )
          .orWhere((v) =>
            v
              .where('status', 'verified')
              .where('checked_at', '<', new Date(now - RECHECK_VERIFIED_MS))
          )
      )
      .orderByRaw('checked_at nulls first')
      .limit(PER_RUN)
      .select('tenant_id', 'id')
    for (const row of due) {
      await withTenant({ tenantId: row.tenant_id }, async (trx) => {
        const domain = await CustomDomain.query({ client: trx }).where('id', row.id).first()
        if (!domain) return
        const was = domain.status
        await verifyDomain(trx, domain)
        if (was !== domain.status)
          logger.info(
            { tenant_id: row.tenant_id, hostname: domain.hostname, status: domain.status },
            'custom domain status changed'
          )
      })
    }
  }
}
