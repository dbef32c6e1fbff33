import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import Member from '#models/member'
import Workspace from '#models/workspace'
import { setScope } from '#services/tenant_context'
import { issueSessionToken } from '#services/session_tokens'
import { audit } from '#services/audit'
import type { Tenancy } from '#services/tenancy'
import { v7 as uuidv7 } from 'uuid'
import { DEFAULT_TTL_SECONDS, type createSessionValidator } from '#validators/session'

type Payload = Infer<typeof createSessionValidator>

/** SQL NULL is a fine binding value; knex's types just do not say so. */
const nullable = (values: (string | null)[]) => values as string[]

/**
 * Mints a session for one of the reseller's users: creates the workspace and member on first use,
 * updates name, email and role on later calls (a role change is audited), and signs a short-lived
 * token bound to tenant, workspace, member, role and widgets.
 */
export async function startSession(tenancy: Tenancy, payload: Payload) {
  const { tenant, trx, tenantId } = tenancy
  const policy = tenant.sessionPolicy ?? {}

  const ttl =
    payload.ttlSeconds ?? Math.min(DEFAULT_TTL_SECONDS, policy.maxTtlSeconds ?? DEFAULT_TTL_SECONDS)
  if (policy.maxTtlSeconds && ttl > policy.maxTtlSeconds) {
    throw ApiError.validation([
      {
        field: 'ttlSeconds',
        message: `This tenant allows sessions of at most ${policy.maxTtlSeconds} seconds`,
      },
    ])
  }
  const enabled = tenant.enabledWidgets
  const widgets = payload.widgets ?? enabled
  const refused = widgets.filter((widget) => !enabled.includes(widget))
  if (refused.length) {
    throw ApiError.forbidden(`Widgets not enabled for this tenant: ${refused.join(', ')}`)
  }

  // Upserts keep concurrent first sessions of one workspace from racing into a unique violation.
  const workspaceRow = await trx.rawQuery(
    `insert into workspaces (tenant_id, id, external_id, name)
     values (?, ?, ?, ?)
     on conflict (tenant_id, external_id)
       do update set name = coalesce(excluded.name, workspaces.name),
                     updated_at = case when excluded.name is distinct from workspaces.name and excluded.name is not null
                                       then now() else workspaces.updated_at end
     returning *`,
    nullable([tenantId, uuidv7(), payload.workspace.id, payload.workspace.name ?? null])
  )
  const workspace = Workspace.$createFromAdapterResult(workspaceRow.rows[0])!
  await setScope(trx, { tenantId, workspaceId: workspace.id })

  const existing = await Member.query({ client: trx })
    .where('workspace_id', workspace.id)
    .where('external_id', payload.user.id)
    .forUpdate()
    .first()
  const memberRow = await trx.rawQuery(
    `insert into members (tenant_id, workspace_id, id, external_id, name, email, role, last_seen_at)
     values (?, ?, ?, ?, ?, ?, ?, now())
     on conflict (tenant_id, workspace_id, external_id)
       do update set name = coalesce(excluded.name, members.name),
                     email = coalesce(excluded.email, members.email),
                     role = excluded.role,
                     last_seen_at = now(),
                     updated_at = now()
     returning *`,
    nullable([
      tenantId,
      workspace.id,
      uuidv7(),
      payload.user.id,
      payload.user.name ?? null,
      payload.user.email ?? null,
      payload.user.role,
    ])
  )
  const member = Member.$createFromAdapterResult(memberRow.rows[0])!
  if (existing && existing.role !== member.role) {
    await audit(trx, {
      tenantId,
      workspaceId: workspace.id,
      action: 'member.role_changed',
      actor: { type: 'secret_key', id: tenancy.actor.id },
      target: { type: 'member', id: member.id },
      data: { from: existing.role, to: member.role },
    })
  }

  const { token, claims } = issueSessionToken(
    {
      tenantId,
      workspaceId: workspace.id,
      memberId: member.id,
      role: member.role,
      widgets,
      keyId: tenancy.actor.id,
    },
    ttl
  )
  return { token, expiresAt: new Date(claims.exp * 1000).toISOString(), workspace, member, widgets }
}
