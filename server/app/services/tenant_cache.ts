import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import Tenant from '#models/tenant'
import TenantOrigin from '#models/tenant_origin'
import { findPresentedKey, parseKey } from '#services/api_keys'
import { withTenant } from '#services/tenant_context'

/**
 * What a publishable key unlocks, cached per process for a few seconds because browsers ask for
 * it on every page view. Changes (suspend, revoke, origins, theme) publish the tenant id on Redis
 * and every instance drops its copy at once; the TTL only bounds a lost message.
 */
export interface PublicTenant {
  tenant: Tenant
  keyId: string
  keyRevoked: boolean
  origins: Set<string>
  loadedAt: number
  /** The compiled theme, made on first request and kept with the entry. */
  stylesheet?: { css: string; etag: string }
}

const TTL_MS = 30_000
const MAX_ENTRIES = 10_000
const CHANNEL = 'parley:tenant-changed'
const cache = new Map<string, PublicTenant | null>()
const expiry = new Map<string, number>()

export async function resolvePublishableKey(presented: string): Promise<PublicTenant | null> {
  const now = Date.now()
  if ((expiry.get(presented) ?? 0) > now) return cache.get(presented) ?? null

  const parsed = parseKey(presented)
  if (!parsed || parsed.type !== 'publishable') return null
  const entry = await withTenant({ tenantId: parsed.tenantId }, async (trx) => {
    const key = await findPresentedKey(trx, presented)
    if (!key) return null
    const tenant = await Tenant.find(parsed.tenantId, { client: trx })
    if (!tenant) return null
    const origins = await TenantOrigin.query({ client: trx }).where('tenant_id', parsed.tenantId)
    return {
      tenant,
      keyId: key.id,
      keyRevoked: key.revokedAt !== null,
      origins: new Set(origins.map((o) => o.origin)),
      loadedAt: now,
    }
  })
  if (cache.size >= MAX_ENTRIES) {
    cache.clear()
    expiry.clear()
  }
  cache.set(presented, entry)
  expiry.set(presented, now + TTL_MS)
  return entry
}

function dropLocal(tenantId: string) {
  for (const [key, entry] of cache) {
    if (!entry || entry.tenant.id === tenantId || parseKey(key)?.tenantId === tenantId) {
      cache.delete(key)
      expiry.delete(key)
    }
  }
}

/** Tells every instance (this one included) that a tenant's public settings changed. */
export async function invalidateTenant(tenantId: string) {
  dropLocal(tenantId)
  try {
    await redis.publish(CHANNEL, tenantId)
  } catch (error) {
    logger.warn({ err: error }, 'could not publish tenant invalidation; caches expire within 30 s')
  }
}

/** Subscribes this process to invalidations (called once when the HTTP server starts). */
export async function listenForInvalidations() {
  await redis.subscribe(CHANNEL, (tenantId: string) => dropLocal(tenantId))
}
