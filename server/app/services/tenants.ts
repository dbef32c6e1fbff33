import { isIP } from 'node:net'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import Tenant from '#models/tenant'
import TenantOrigin from '#models/tenant_origin'
import ApiKey, { type KeyType } from '#models/api_key'
import { createKey } from '#services/api_keys'
import { audit, type AuditEntry } from '#services/audit'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { withTenant } from '#services/tenant_context'
import { invalidateTenant } from '#services/tenant_cache'
import { isDnsName } from '#services/domains/hostnames'
import { recordEvent } from '#services/outbox'
import TenantSuspension, { type SuspensionCategory } from '#models/tenant_suspension'

/**
 * Operator use cases (ace commands, the dev seed, tests). They run on the `operator` connection
 * by default, still inside a transaction scoped to the tenant they touch.
 */
const OPERATOR: TenantActor = { type: 'operator', id: process.env.USER ?? null }

/**
 * An origin is scheme://host[:port] exactly as a browser sends it in `Origin`: one host (a DNS
 * name, localhost or an IP address; no wildcard, see docs/security.md) and a port from 1 to
 * 65535. URL alone takes `*.example.com`, port 0 and punycode that decodes to nothing.
 */
export function normaliseOrigin(input: string): string {
  const url = new URL(input)
  if (!['http:', 'https:'].includes(url.protocol))
    throw new Error(`Origin must be http(s): ${input}`)
  if (url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`Origin must be scheme://host[:port] with no path: ${input}`)
  }
  if (url.hostname.includes('*'))
    throw new Error(`An origin has no wildcard; list each host: ${input}`)
  if (url.port === '0') throw new Error(`Origin port must be from 1 to 65535: ${input}`)
  const ip = isIP(url.hostname.replace(/^\[|\]$/g, ''))
  if (!ip && !isDnsName(url.hostname.replace(/\.$/, ''), { underscores: true }))
    throw new Error(`Origin host must be a host name, localhost or an IP address: ${input}`)
  return url.origin
}

export async function createTenant(
  input: { name: string; origins: string[]; logoUrl?: string; locale?: string },
  connection = 'operator',
  actor: TenantActor = OPERATOR
) {
  const id = uuidv7()
  const origins = [...new Set(input.origins.map(normaliseOrigin))]
  return withTenant(
    { tenantId: id },
    async (trx) => {
      const tenant = await Tenant.create(
        {
          id,
          name: input.name,
          status: 'active',
          logoUrl: input.logoUrl ?? null,
          locale: input.locale ?? 'en',
          sessionPolicy: {},
        },
        { client: trx }
      )
      for (const origin of origins)
        await TenantOrigin.create({ tenantId: id, origin }, { client: trx })
      const publishable = await createKey(trx, id, 'publishable')
      const secret = await createKey(trx, id, 'secret')
      await audit(trx, {
        tenantId: id,
        action: 'tenant.created',
        actor,
        target: { type: 'tenant', id },
        data: { name: input.name, origins },
      })
      for (const k of [publishable, secret]) {
        await audit(trx, {
          tenantId: id,
          action: 'key.created',
          actor,
          target: { type: 'api_key', id: k.key.id },
          data: { type: k.key.type },
        })
      }
      return {
        tenant,
        origins,
        publishableKey: publishable.plain,
        secretKey: secret.plain,
        keyIds: { publishable: publishable.key.id, secret: secret.key.id },
      }
    },
    connection
  )
}

/** Who changes a tenant: an operator at the command line, or a platform admin. */
export type TenantActor = { type: 'operator' | 'platform_user'; id: string | null }

export interface SuspensionInput {
  category: SuspensionCategory
  /** Shown to the tenant's console users ('' when nothing is shared). */
  reason: string
  /** For platform admins only. */
  note?: string | null
}

/** A status change's outcome: no such tenant, already in that state, or done. */
export type StatusChange =
  { outcome: 'missing' } | { outcome: 'unchanged' | 'changed'; tenant: Tenant }

/**
 * Suspends a tenant: its keys, sessions, visitors and streams are refused at once on every
 * instance (`access:changed` closes open streams; caches dropped after commit), its console users
 * can still sign in and read why. The suspension is kept as history (tenant_suspensions).
 */
export async function suspendTenant(
  tenantId: string,
  input: SuspensionInput,
  actor: TenantActor = OPERATOR
): Promise<StatusChange> {
  const result = await withTenant(
    { tenantId },
    async (trx): Promise<StatusChange> => {
      // Locked: two admins suspending at once see each other's change, not the same 'active'.
      const tenant = await Tenant.query({ client: trx }).where('id', tenantId).forUpdate().first()
      if (!tenant) return { outcome: 'missing' }
      if (tenant.status === 'suspended') return { outcome: 'unchanged', tenant }
      const now = DateTime.now()
      tenant.merge({ status: 'suspended', suspendedAt: now })
      await tenant.useTransaction(trx).save()
      await TenantSuspension.create(
        {
          tenantId,
          category: input.category,
          reason: input.reason,
          note: input.note || null,
          suspendedAt: now,
          suspendedByType: actor.type,
          suspendedById: actor.id,
        },
        { client: trx }
      )
      // The audit log is the tenant's to read: the shared reason, never the admin's note.
      await audit(trx, {
        tenantId,
        action: 'tenant.suspended',
        actor,
        target: { type: 'tenant', id: tenantId },
        data: { category: input.category, reason: input.reason },
      })
      await recordEvent(trx, 'access:changed', { tenantId, reason: 'tenant_suspended' })
      return { outcome: 'changed', tenant }
    },
    'operator'
  )
  if (result.outcome === 'changed') await invalidateTenant(tenantId)
  return result
}

/** Resumes a suspended tenant and closes its open suspension. */
export async function resumeTenant(
  tenantId: string,
  actor: TenantActor = OPERATOR
): Promise<StatusChange> {
  const result = await withTenant(
    { tenantId },
    async (trx): Promise<StatusChange> => {
      const tenant = await Tenant.query({ client: trx }).where('id', tenantId).forUpdate().first()
      if (!tenant) return { outcome: 'missing' }
      if (tenant.status === 'active') return { outcome: 'unchanged', tenant }
      tenant.merge({ status: 'active', suspendedAt: null })
      await tenant.useTransaction(trx).save()
      await TenantSuspension.query({ client: trx })
        .where('tenant_id', tenantId)
        .whereNull('resumed_at')
        .update({ resumed_at: new Date(), resumed_by_type: actor.type, resumed_by_id: actor.id })
      await audit(trx, {
        tenantId,
        action: 'tenant.resumed',
        actor,
        target: { type: 'tenant', id: tenantId },
      })
      return { outcome: 'changed', tenant }
    },
    'operator'
  )
  if (result.outcome === 'changed') await invalidateTenant(tenantId)
  return result
}

/**
 * The operator's switch (tests, older callers): suspends with no category or shared reason, or
 * resumes; already in that state is no error. The tenant, or null when there is none.
 */
export async function setTenantStatus(tenantId: string, status: 'active' | 'suspended') {
  const change =
    status === 'suspended'
      ? await suspendTenant(tenantId, { category: 'other', reason: '' })
      : await resumeTenant(tenantId)
  return change.outcome === 'missing' ? null : change.tenant
}

export async function addKey(
  tenantId: string,
  type: KeyType,
  label: string | null = null,
  connection = 'operator'
) {
  return withTenant(
    { tenantId },
    async (trx) => {
      const tenant = await Tenant.find(tenantId, { client: trx })
      if (!tenant) return null
      const created = await createKey(trx, tenantId, type, label)
      await audit(trx, {
        tenantId,
        action: 'key.created',
        actor: OPERATOR,
        target: { type: 'api_key', id: created.key.id },
        data: { type },
      })
      return created
    },
    connection
  )
}

/** Revokes a key by id; the operator may not know its tenant, so the lookup is unscoped. */
export async function revokeKey(keyId: string) {
  const row = await db
    .connection('operator')
    .from('api_keys')
    .where('id', keyId)
    .select('tenant_id')
    .first()
  if (!row) return null
  const key = await withTenant(
    { tenantId: row.tenant_id },
    async (trx) => {
      const apiKey = await ApiKey.query({ client: trx }).where('id', keyId).firstOrFail()
      await revokeKeyIn(trx, apiKey, OPERATOR)
      return apiKey
    },
    'operator'
  )
  await invalidateTenant(row.tenant_id)
  return key
}

/**
 * Revokes `apiKey` in `trx` (the operator's, or a tenant-settings request's): once, audited, and
 * announced as `access:changed` so its sessions end and open streams close on every instance.
 */
export async function revokeKeyIn(
  trx: TransactionClientContract,
  apiKey: ApiKey,
  actor: AuditEntry['actor']
) {
  if (apiKey.revokedAt) return
  await trx.rawQuery('update api_keys set revoked_at = now() where tenant_id = ? and id = ?', [
    apiKey.tenantId,
    apiKey.id,
  ])
  await audit(trx, {
    tenantId: apiKey.tenantId,
    action: 'key.revoked',
    actor,
    target: { type: 'api_key', id: apiKey.id },
    data: { type: apiKey.type },
  })
  await recordEvent(trx, 'access:changed', {
    tenantId: apiKey.tenantId,
    keyId: apiKey.id,
    reason: 'key_revoked',
  })
}

export async function setOrigins(tenantId: string, change: { add?: string[]; remove?: string[] }) {
  const result = await withTenant(
    { tenantId },
    async (trx) => {
      const tenant = await Tenant.find(tenantId, { client: trx })
      if (!tenant) return null
      const add = (change.add ?? []).map(normaliseOrigin)
      const remove = (change.remove ?? []).map(normaliseOrigin)
      for (const origin of add) {
        await trx.rawQuery(
          'insert into tenant_origins (tenant_id, id, origin) values (?, ?, ?) on conflict (tenant_id, origin) do nothing',
          [tenantId, uuidv7(), origin]
        )
      }
      if (remove.length)
        await trx
          .from('tenant_origins')
          .where('tenant_id', tenantId)
          .whereIn('origin', remove)
          .delete()
      if (add.length || remove.length) {
        await audit(trx, {
          tenantId,
          action: 'tenant.origins_changed',
          actor: OPERATOR,
          target: { type: 'tenant', id: tenantId },
          data: { added: add, removed: remove },
        })
      }
      const rows = await TenantOrigin.query({ client: trx })
        .where('tenant_id', tenantId)
        .orderBy('origin')
      return rows.map((o) => o.origin)
    },
    'operator'
  )
  await invalidateTenant(tenantId)
  return result
}
