import { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { withLazyTenant, type TenantRow } from '#services/lazy_tenant'
import { ApiError } from '#exceptions/api_error'
import Tenant from '#models/tenant'
import {
  tokenKind,
  verifySessionToken,
  verifyVisitorToken,
  type SessionClaims,
  type TokenProblem,
  type VisitorClaims,
} from '#services/session_tokens'
import { withTenantRequest } from '#services/tenant_context'
import { columnsOf, preparedRows } from '#services/prepared_statements'
import { bearer } from '#services/bearer'
import { allowOrigin } from '#middleware/cors_middleware'
import type { SessionTenancy, VisitorTenancy } from '#services/tenancy'

// Typed views of the tenancy this middleware binds, instead of casts in every controller.
HttpContext.getter('member', function (this: HttpContext) {
  if (!this.tenancy?.memberId) throw new Error('ctx.member is only bound on member session routes')
  return this.tenancy as SessionTenancy
})
HttpContext.getter('visitor', function (this: HttpContext) {
  if (!this.tenancy?.contactId) throw new Error('ctx.visitor is only bound on visitor routes')
  return this.tenancy as VisitorTenancy
})

const NO_ID = '00000000-0000-0000-0000-000000000000'

const PROBLEMS = {
  malformed: 'Invalid session token',
  signature: 'Invalid session token',
  expired: 'Session token expired; mint a new one',
}

/** Which tokens a route takes: members' sessions (default), web chat visitors', or both. */
export interface SessionTokenOptions {
  accept?: 'members' | 'visitors' | 'both'
}

/**
 * Widget routes: `Authorization: Bearer <session token>`. The token's claims scope the request's
 * transaction to one tenant and one workspace; the database confirms on every request that the
 * tenant is active, the minting key is not revoked and the calling origin (if any) is allowed,
 * and for a visitor that its contact still exists and is not blocked.
 */
export default class SessionTokenMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: SessionTokenOptions = {}) {
    const accept = options.accept ?? 'members'
    const token = bearer(ctx)
    if (!token)
      throw ApiError.unauthenticated('Send a session token as Authorization: Bearer <token>')
    const kind = tokenKind(token)
    if (kind === 'visitor' && accept === 'members') {
      throw ApiError.unauthenticated('This route needs a member session, not a visitor token')
    }
    if (kind === 'member' && accept === 'visitors') {
      throw ApiError.unauthenticated('This route takes a web chat visitor token')
    }
    const verified = kind === 'visitor' ? verifyVisitorToken(token) : verifySessionToken(token)
    if ('problem' in verified)
      throw ApiError.unauthenticated(PROBLEMS[verified.problem as TokenProblem])
    const { claims } = verified
    const origin = ctx.request.header('origin') ?? null

    const scope = { tenantId: claims.tenantId, workspaceId: claims.workspaceId }
    return withTenantRequest(ctx, scope, async (trx) => {
      const row = await checkTenant(trx, claims, origin)
      allowOrigin(ctx)
      ctx.tenancy = withLazyTenant(
        row,
        'memberId' in claims
          ? {
              tenantId: claims.tenantId,
              trx,
              actor: { type: 'session', id: claims.memberId },
              workspaceId: claims.workspaceId,
              memberId: claims.memberId,
              keyId: claims.keyId,
              role: claims.role,
              widgets: claims.widgets,
            }
          : {
              tenantId: claims.tenantId,
              trx,
              actor: { type: 'visitor', id: claims.contactId },
              workspaceId: claims.workspaceId,
              contactId: claims.contactId,
              keyId: claims.keyId,
            }
      )
      ctx.logger = ctx.logger.child({
        tenant_id: claims.tenantId,
        workspace_id: claims.workspaceId,
      })
      return next()
    })
  }
}

/** What checkTenant reads: the tenant's row and the answers to its questions. */
interface TenantCheckRow extends TenantRow {
  key_revoked_at: Date | null
  origin_allowed: boolean
  contact_ok: boolean | null
  member_role: string | null
  workspace_status: string | null
}

/** The check's SQL (the tenant's columns as its model declares them: see columnsOf). */
let checkSql: string | undefined
const CHECK_SQL = () =>
  (checkSql ??= `select ${columnsOf(Tenant)},
    (select revoked_at from api_keys k where k.tenant_id = tenants.id and k.id = $2) as key_revoked_at,
    ($3 = '' or exists (select 1 from tenant_origins o
                         where o.tenant_id = tenants.id and o.origin = $3)) as origin_allowed,
    (select not c.blocked from contacts c where c.tenant_id = tenants.id and c.id = $4) as contact_ok,
    (select m.role from members m where m.tenant_id = tenants.id and m.id = $5) as member_role,
    (select w.status from workspaces w where w.tenant_id = tenants.id and w.id = $6) as workspace_status
  from tenants where tenants.id = $1`)

/**
 * One round trip (a statement prepared once per connection): the tenant, whether the minting key
 * was revoked, whether the origin is allowed, and (visitors) whether the contact is still there
 * and not blocked. Answers the tenant's row.
 */
async function checkTenant(
  trx: TransactionClientContract,
  claims: SessionClaims | VisitorClaims,
  origin: string | null
) {
  const { tenantId, keyId } = claims
  const contactId = 'contactId' in claims ? claims.contactId : undefined
  const memberId = 'memberId' in claims ? claims.memberId : undefined
  const [tenant] = await preparedRows<TenantCheckRow>(trx, CHECK_SQL(), [
    tenantId,
    keyId,
    origin ?? '',
    contactId ?? NO_ID,
    memberId ?? NO_ID,
    claims.workspaceId,
  ])
  if (!tenant) throw ApiError.unauthenticated('Invalid session token')
  if (tenant.status !== 'active') throw ApiError.tenantSuspended()
  if (tenant.workspace_status !== 'active') {
    throw ApiError.forbidden('This workspace is suspended')
  }
  if (tenant.key_revoked_at) {
    throw ApiError.unauthenticated('The key that minted this session has been revoked')
  }
  if (!tenant.origin_allowed) {
    throw ApiError.forbidden(`Origin ${origin} is not allowed for this tenant`)
  }
  if (contactId && tenant.contact_ok !== true) {
    throw ApiError.unauthenticated('This visitor is no longer allowed to chat')
  }
  // A session minted before the member's role changed speaks for a role the member no longer has.
  if ('role' in claims && tenant.member_role !== claims.role) {
    throw ApiError.unauthenticated(
      'This session is out of date (the member changed); mint a new one'
    )
  }
  return tenant
}
