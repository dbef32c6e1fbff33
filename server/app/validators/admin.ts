import vine from '@vinejs/vine'
import { SUSPENSION_CATEGORIES } from '#models/tenant_suspension'
import { cursor, displayName, pageLimit } from '#validators/rules'

/** GET /v1/admin/tenants?q=&status=&limit=&cursor= */
export const adminTenantsQueryValidator = vine.create(
  vine.object({
    q: vine.string().trim().maxLength(200).optional(),
    status: vine.enum(['active', 'suspended'] as const).optional(),
    limit: pageLimit(),
    cursor: cursor(),
  })
)

/** POST /v1/admin/tenants { name, origins }: each origin's shape is checked by normaliseOrigin. */
export const createAdminTenantValidator = vine.create(
  vine.object({
    name: displayName(),
    origins: vine.array(vine.string().trim().minLength(1).maxLength(2048)).maxLength(50).optional(),
  })
)

/** POST /v1/admin/tenants/:id/suspend { category, reason, note? } */
export const suspendTenantValidator = vine.create(
  vine.object({
    category: vine.enum(SUSPENSION_CATEGORIES),
    reason: vine.string().trim().minLength(1).maxLength(1000),
    note: vine.string().trim().maxLength(2000).nullable().optional(),
  })
)
