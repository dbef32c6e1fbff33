import Tenant from '#models/tenant'
import type { Tenancy } from '#services/tenancy'
import { audit } from '#services/audit'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'
import { invalidateTenant } from '#services/tenant_cache'
import { discardReplacedAssets } from '#services/branding_assets'

/** GET /v1/branding's answer, as PATCH and the uploads also answer. */
export const brandingOf = (t: Tenant) => ({
  name: t.name,
  logoUrl: t.logoUrl,
  fontUrl: t.fontUrl ?? null,
  elementPrefix: t.elementPrefix ?? null,
  parleyElements: t.parleyElements ?? true,
})

/**
 * The tenant's row, locked for the rest of the request's transaction: two changes at once (an
 * upload and a PATCH) each see the other's result, so neither deletes a file the other just set.
 */
export async function lockTenant(tenancy: Tenancy) {
  const tenant = await Tenant.query({ client: tenancy.trx })
    .where('id', tenancy.tenantId)
    .forUpdate()
    .firstOrFail()
  tenancy.tenant = tenant
  return tenant
}

/**
 * Saves a branding change made on the locked tenant: audited in the same transaction; once
 * committed, every instance reloads the embed config and the files no longer named are deleted.
 */
export async function saveBranding(
  tenancy: Tenancy,
  tenant: Tenant,
  { action, data = {} }: { action: string; data?: Record<string, unknown> }
) {
  const before = {
    logoUrl: tenant.$original.logoUrl ?? null,
    fontUrl: tenant.$original.fontUrl ?? null,
  }
  const changed = Object.keys(tenant.$dirty)
  await tenant.useTransaction(tenancy.trx).save()
  if (!changed.length) return
  await audit(tenancy.trx, {
    tenantId: tenancy.tenantId,
    action,
    actor: settingsActor(tenancy),
    target: { type: 'tenant', id: tenancy.tenantId },
    data: { ...brandingOf(tenant), ...data },
  })
  const after = { logoUrl: tenant.logoUrl, fontUrl: tenant.fontUrl }
  tenancy.trx.after('commit', async () => {
    await invalidateTenant(tenancy.tenantId)
    await discardReplacedAssets(tenancy.tenantId, before, after)
  })
}
