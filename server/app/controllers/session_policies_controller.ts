import type { HttpContext } from '@adonisjs/core/http'
import { validateBody } from '#validators/strict'
import { sessionPolicyValidator } from '#validators/session'
import { audit } from '#services/audit'
import { invalidateTenant } from '#services/tenant_cache'
import { MAX_TTL_SECONDS } from '#validators/session'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'

/** The tenant's session policy: longest session lifetime and the widgets sessions may open. */
export default class SessionPoliciesController {
  async show({ tenancy }: HttpContext) {
    return this.present(tenancy.tenant.sessionPolicy)
  }

  async update({ request, tenancy }: HttpContext) {
    const policy = await validateBody(request, sessionPolicyValidator)
    const { tenant, trx } = tenancy
    const before = tenant.sessionPolicy
    tenant.sessionPolicy = policy
    await tenant.useTransaction(trx).save()
    await audit(trx, {
      tenantId: tenant.id,
      action: 'session_policy.updated',
      actor: settingsActor(tenancy),
      target: { type: 'tenant', id: tenant.id },
      data: { before, after: policy },
    })
    // Other instances must reload only what is committed.
    trx.after('commit', () => invalidateTenant(tenant.id))
    return this.present(policy)
  }

  private present(policy: { maxTtlSeconds?: number; widgets?: string[] }) {
    return {
      maxTtlSeconds: policy.maxTtlSeconds ?? MAX_TTL_SECONDS,
      widgets: policy.widgets ?? ['inbox', 'recorder', 'campaigns', 'billing'],
    }
  }
}
