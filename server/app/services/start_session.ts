import type { Infer } from '@vinejs/vine/types'
import { ApiError } from '#exceptions/api_error'
import Member from '#models/member'
import Workspace from '#models/workspace'
import { columnsOf, preparedRows } from '#services/prepared_statements'
import { sessionRules } from '#services/lazy_tenant'
import { issueSessionToken } from '#services/session_tokens'
import { audit } from '#services/audit'
import { recordEvent } from '#services/outbox'
import { memberJoined } from '#services/billing/seats'
import type { Tenancy } from '#services/tenancy'
import { v7 as uuidv7 } from 'uuid'
import { DEFAULT_TTL_SECONDS, type createSessionValidator } from '#validators/session'

type Payload = Infer<typeof createSessionValidator>

/** A prepared statement's text, made once (the columns as the models declare them). */
const once = (make: () => string) => {
  let text: string | undefined
  return () => (text ??= make())
}

/**
 * Insert-or-read of the workspace without locking, and the request's RLS scope narrowed to it
 * in the same round trip (setScope's workspace setting, transaction-local). Concurrent sessions
 * of one workspace neither race into a unique violation nor queue behind a row lock. A session
 * whose insert waited for another one's new workspace gets no row: the row was committed after
 * this statement's snapshot was taken, so it is read again by a new statement (startSession).
 */
const WORKSPACE_SQL = once(
  () => `with inserted as (
       insert into workspaces (tenant_id, id, external_id, name) values ($1::uuid, $2::uuid, $3::text, $4::text)
       on conflict (tenant_id, external_id) do nothing
       returning ${columnsOf(Workspace)}),
     chosen as (
       select * from inserted
       union all
       select ${columnsOf(Workspace)} from workspaces
        where tenant_id = $1::uuid and external_id = $3::text and not exists (select 1 from inserted))
   select chosen.*, set_config('parley.workspace_id', chosen.id::text, true) as scoped from chosen`
)

/**
 * The member, inserted, updated or kept as it is, with the role and widgets it had before (null
 * when new). Nothing is written when nothing changed and it was seen less than a minute ago:
 * most sessions are minted for known users, and their transaction then commits without a write
 * (no WAL flush, no row lock). Like the workspace's, a waited-for new member gives no row.
 */
const MEMBER_SQL = once(
  () => `with previous as (
       select ${columnsOf(Member)} from members
        where tenant_id = $1::uuid and workspace_id = $2::uuid and external_id = $3::text),
     inserted as (
       insert into members (tenant_id, workspace_id, id, external_id, name, email, avatar_url, role, widgets, last_seen_at)
       select $1::uuid, $2::uuid, $4::uuid, $3::text, $5::text, $6::text, $7::text, $8::text, $9::text[], now()
        where not exists (select 1 from previous)
       on conflict (tenant_id, workspace_id, external_id) do nothing
       returning ${columnsOf(Member)}),
     updated as (
       update members set name = coalesce($5::text, members.name),
                          email = coalesce($6::text, members.email),
                          avatar_url = coalesce($7::text, members.avatar_url),
                          role = $8::text, widgets = $9::text[],
                          last_seen_at = now(), updated_at = now()
         from previous
        where members.tenant_id = $1::uuid and members.id = previous.id
          and (previous.role <> $8::text or previous.widgets is distinct from $9::text[]
               or ($5::text is not null and previous.name is distinct from $5::text)
               or ($6::text is not null and previous.email is distinct from $6::text)
               or ($7::text is not null and previous.avatar_url is distinct from $7::text)
               or previous.last_seen_at is null
               or previous.last_seen_at < now() - interval '1 minute')
       returning ${columnsOf(Member)})
   select inserted.*, null::text as previous_role, null::text[] as previous_widgets from inserted
   union all
   select updated.*, previous.role, previous.widgets from updated, previous
   union all
   select previous.*, previous.role, previous.widgets from previous
    where not exists (select 1 from updated)`
)

interface MemberRow extends Record<string, unknown> {
  id: string
  role: string
  previous_role: string | null
  previous_widgets: string[] | null
}

/** Tries a statement that finds no row when it waited for a concurrent insert (see above). */
async function firstRow<Row>(run: () => Promise<Row[]>, what: string): Promise<Row> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [row] = await run()
    if (row) return row
  }
  throw new Error(`The ${what} was neither inserted nor found`)
}

/**
 * Mints a session for one of the reseller's users: creates the workspace and member on first use,
 * updates name, email and role on later calls (a role change is audited), and signs a short-lived
 * token bound to tenant, workspace, member, role and widgets.
 */
export async function startSession(tenancy: Tenancy, payload: Payload) {
  const { trx, tenantId } = tenancy
  const { policy, enabledWidgets: enabled } = sessionRules(tenancy)

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
  const widgets = payload.widgets ?? enabled
  const refused = widgets.filter((widget) => !enabled.includes(widget))
  if (refused.length) {
    throw ApiError.forbidden(`Widgets not enabled for this tenant: ${refused.join(', ')}`)
  }

  const workspaceRow = await firstRow(
    () =>
      preparedRows<Record<string, unknown>>(trx, WORKSPACE_SQL(), [
        tenantId,
        uuidv7(),
        payload.workspace.id,
        payload.workspace.name ?? null,
      ]),
    'workspace'
  )
  const workspace = Workspace.$createFromAdapterResult(workspaceRow, undefined, { client: trx })!
  if (workspace.status !== 'active') throw ApiError.forbidden('This workspace is suspended')
  if (payload.workspace.name && payload.workspace.name !== workspace.name) {
    workspace.name = payload.workspace.name
    await workspace.useTransaction(trx).save()
  }

  const memberRow = await firstRow(
    () =>
      preparedRows<MemberRow>(trx, MEMBER_SQL(), [
        tenantId,
        workspace.id,
        payload.user.id,
        uuidv7(),
        payload.user.name ?? null,
        payload.user.email ?? null,
        payload.user.avatarUrl ?? null,
        payload.user.role,
        widgets,
      ]),
    'member'
  )
  const member = Member.$createFromAdapterResult(memberRow, undefined, { client: trx })!
  const previousRole = memberRow.previous_role
  // A new member takes a seat: 402 past the plan's seats (this transaction then undoes the join).
  if (previousRole === null) await memberJoined({ trx, tenantId, workspaceId: workspace.id })
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
  const previousWidgets = memberRow.previous_widgets
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
