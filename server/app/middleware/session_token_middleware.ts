import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_error'
import Tenant from '#models/tenant'
import { verifySessionToken } from '#services/session_tokens'
import { withTenant } from '#services/tenant_context'
import { bearer } from '#services/bearer'
import { allowOrigin } from '#middleware/cors_middleware'

const PROBLEMS = {
  malformed: 'Invalid session token',
  signature: 'Invalid session token',
  expired: 'Session token expired; mint a new one',
}

/**
 * Widget routes: `Authorization: Bearer <session token>`. The token's claims scope the request's
 * transaction to one tenant and one workspace; the database confirms on every request that the
 * tenant is active, the minting key is not revoked and the calling origin (if any) is allowed.
 */
export default class SessionTokenMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const token = bearer(ctx)
    if (!token)
      throw ApiError.unauthenticated('Send a session token as Authorization: Bearer <token>')
    const verified = verifySessionToken(token)
    if ('problem' in verified) throw ApiError.unauthenticated(PROBLEMS[verified.problem])
    const { claims } = verified
    const origin = ctx.request.header('origin') ?? null

    const scope = { tenantId: claims.tenantId, workspaceId: claims.workspaceId }
    return withTenant(scope, async (trx) => {
      // One round trip: the tenant, whether the minting key was revoked, whether the origin is allowed.
      const tenant = await Tenant.query({ client: trx })
        .where('id', claims.tenantId)
        .select(
          'tenants.*',
          trx.raw(
            '(select revoked_at from api_keys k where k.tenant_id = tenants.id and k.id = ?) as key_revoked_at',
            [claims.keyId]
          ),
          trx.raw(
            "(? = '' or exists (select 1 from tenant_origins o where o.tenant_id = tenants.id and o.origin = ?)) as origin_allowed",
            [origin ?? '', origin ?? '']
          )
        )
        .first()
      if (!tenant) throw ApiError.unauthenticated('Invalid session token')
      if (tenant.status !== 'active') throw ApiError.forbidden('This tenant is suspended')
      if (tenant.$extras.key_revoked_at) {
        throw ApiError.unauthenticated('The key that minted this session has been revoked')
      }
      if (!tenant.$extras.origin_allowed) {
        throw ApiError.forbidden(`Origin ${origin} is not allowed for this tenant`)
      }

      allowOrigin(ctx)
      ctx.tenancy = {
        tenantId: claims.tenantId,
        tenant,
        trx,
        actor: { type: 'session', id: claims.memberId },
        workspaceId: claims.workspaceId,
        memberId: claims.memberId,
        keyId: claims.keyId,
        role: claims.role,
        widgets: claims.widgets,
      }
      ctx.logger = ctx.logger.child({
        tenant_id: claims.tenantId,
        workspace_id: claims.workspaceId,
      })
      return next()
    })
  }
}
