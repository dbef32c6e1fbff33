import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import Member from '#models/member'
import Workspace from '#models/workspace'
import { setScope } from '#services/tenant_context'
import { issueSessionToken } from '#services/session_tokens'
import { audit } from '#services/audit'
import { recordEvent } from '#services/outbox'
import { memberJoined } from '#services/billing/seats'
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

  // Insert-or-read without locking: concurrent sessions of one workspace neither race into a
  // unique violation nor queue behind one row lock; the row is written only when its name changes.
  const workspaceRow = await trx.rawQuery(
    `with inserted as (
       insert into workspaces (tenant_id, id, external_id, name) values (?, ?, ?, ?)
       on conflict (tenant_id, external_id) do nothing
       returning *, true as created)
     select * from inserted
     union all
     select *, false as created from workspaces where tenant_id = ? and external_id = ? and not exists (select 1 from inserted)`,
    nullable([
      tenantId,
      uuidv7(),
      payload.workspace.id,
      payload.workspace.name ?? null,
      tenantId,
      payload.workspace.id,
    ])
  )
  const workspace = Workspace.$createFromAdapterResult(workspaceRow.rows[0])!
  if (workspace.status !== 'active') throw ApiError.forbidden('This workspace is suspended')
  if (payload.workspace.name && payload.workspace.name !== workspace.name) {
    workspace.name = payload.workspace.name
    await workspace.useTransaction(trx).save()
  }
  await setScope(trx, { tenantId, workspaceId: workspace.id })

  // One round trip: upsert the member and read the role and widgets it had before (null when new).
  const memberRow = await trx.rawQuery(
    `with previous as (
       select role, widgets from members where tenant_id = ? and workspace_id = ? and external_id = ?)
     insert into members (tenant_id, workspace_id, id, external_id, name, email, avatar_url, role, widgets, last_seen_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], now())
     on conflict (tenant_id, workspace_id, external_id)
       do update set name = coalesce(excluded.name, members.name),
                     email = coalesce(excluded.email, members.email),
                     avatar_url = coalesce(excluded.avatar_url, members.avatar_url),
                     role = excluded.role,
                     widgets = excluded.widgets,
                     last_seen_at = now(),
                     updated_at = now()
     returning *, (select role from previous) as previous_role,
               (select widgets from previous) as previous_widgets`,
    nullable([
      tenantId,
      workspace.id,
      payload.user.id,
      tenantId,
      workspace.id,
      uuidv7(),
      payload.user.id,
      payload.user.name ?? null,
      payload.user.email ?? null,
      payload.user.avatarUrl ?? null,
      payload.user.role,
      widgets as unknown as string,
    ])
  )
  const member = Member.$createFromAdapterResult(memberRow.rows[0])!
  const previousRole = memberRow.rows[0].previous_role as string | null
  // A new member takes a seat: 402 past the plan's seats (this transaction then undoes the join).
  if (previousRole === null)
    await memberJoined({ trx, tenantId, workspaceId: workspace.id })
  if (previousRole && previousRole !== member.role) {
    await audit(trx, {
      tenantId,
      workspaceId: workspace.id,
      action: 'member.role_changed',
      actor: { type: 'secret_key', id: tenancy.actor.id },
      target: { type: 'member', id: member.id },
      data: { from: previousRole, to: member.role },
    })
  }
  // Sessions minted before lose what this one no longer has, open streams included: a new role
  // ends them (requests of the old role are refused), fewer widgets drop the others' channels.
  const previousWidgets = memberRow.rows[0].previous_widgets as string[] | null
  const roleChanged = previousRole !== null && previousRole !== member.role
  const widgetsLost = previousWidgets?.some((w) => !widgets.includes(w as never)) ?? false
  if (roleChanged || widgetsLost) {
    await recordEvent(trx, 'access:changed', {
      tenantId,
      workspaceId: workspace.id,
      memberId: member.id,
      ...(roleChanged ? {} : { widgets }),
      reason: 'member_changed',
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
