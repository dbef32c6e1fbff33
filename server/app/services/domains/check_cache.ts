import db from '@adonisjs/lucid/services/db'

/**
 * Whether a host name is a verified custom domain: the answer to Caddy's on-demand TLS `ask` and
 * to "which host should absolute URLs name". Answers are kept per process for a few seconds
 * (Caddy asks on every handshake for a name it holds no certificate for, and a scan of random
 * names must not reach the database each time). A database error is thrown, never cached, so the
 * caller answers 503 rather than yes: this endpoint must not fail open.
 */
const TTL_MS = 10_000
const MAX_ENTRIES = 10_000
const answers = new Map<string, { tenantId: string | null; until: number }>()

export async function isVerifiedDomain(hostname: string): Promise<boolean> {
  return (await domainTenant(hostname)) !== null
}

/** The tenant whose verified custom domain `hostname` is, or null. */
export async function domainTenant(hostname: string): Promise<string | null> {
  const now = Date.now()
  const cached = answers.get(hostname)
  if (cached && cached.until > now) return cached.tenantId

  // The relay connection (the operator role) reads across tenants: the name alone says whose it is.
  const row = await db
    .connection('relay')
    .from('custom_domains')
    .where('hostname', hostname)
    .where('status', 'verified')
    .select('tenant_id')
    .first()
  const tenantId: string | null = row?.tenant_id ?? null
  if (answers.size >= MAX_ENTRIES) answers.clear()
  answers.set(hostname, { tenantId, until: now + TTL_MS })
  return tenantId
}

/** Drops this process's answer for `hostname` (after a check or a delete changed it). */
export function forgetDomain(hostname: string) {
  answers.delete(hostname)
}
