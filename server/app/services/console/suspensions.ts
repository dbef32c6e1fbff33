import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PlatformUser from '#models/platform_user'
import type Tenant from '#models/tenant'
import TenantSuspension, { type SuspensionActorType } from '#models/tenant_suspension'

/**
 * Reading suspensions: the whole history for platform admins (operator connection), and the
 * open one as a suspended tenant's console users see it (their own RLS transaction, which may
 * read only the category, the shared reason and the times: migration 0036).
 */

/** The open suspension of a console user's tenant: what the console shows, or null. */
export async function suspensionForConsole(trx: TransactionClientContract, tenant: Tenant) {
  if (tenant.status !== 'suspended') return null
  const open = await TenantSuspension.query({ client: trx })
    .select(TenantSuspension.publicColumns)
    .where('tenant_id', tenant.id)
    .whereNull('resumed_at')
    .first()
  return {
    category: open?.category ?? 'other',
    reason: open?.reason || null,
    since: (open?.suspendedAt ?? tenant.suspendedAt)?.toUTC().toISO() ?? null,
  }
}

/** A tenant's suspensions, newest first, as the platform admin shows them. */
export async function suspensionHistory(tenantId: string) {
  const rows = await TenantSuspension.query({ connection: 'operator' })
    .where('tenant_id', tenantId)
    .orderBy('suspended_at', 'desc')
    .orderBy('id', 'desc')
  const adminIds = [
    ...new Set(
      rows.flatMap((r) => [
        r.suspendedByType === 'platform_user' ? r.suspendedById : null,
        r.resumedByType === 'platform_user' ? r.resumedById : null,
      ])
    ),
  ].filter((id): id is string => Boolean(id))
  const admins = adminIds.length
    ? await PlatformUser.query().whereIn('id', adminIds).select('id', 'email')
    : []
  const emails = new Map(admins.map((a) => [a.id, a.email]))
  const actor = (type: SuspensionActorType | null, id: string | null) =>
    type
      ? { type, id, email: type === 'platform_user' && id ? (emails.get(id) ?? null) : null }
      : null

  return rows.map((r) => ({
    id: r.id,
    category: r.category,
    reason: r.reason,
    note: r.note,
    suspendedAt: r.suspendedAt.toUTC().toISO(),
    suspendedBy: actor(r.suspendedByType, r.suspendedById),
    resumedAt: r.resumedAt?.toUTC().toISO() ?? null,
    resumedBy: actor(r.resumedByType, r.resumedById),
  }))
}
