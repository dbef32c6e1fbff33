import { Resolver } from 'node:dns/promises'
import env from '#start/env'

/**
 * The resolver custom-domain checks use: the system's servers, or DNS_SERVERS (host:port, comma
 * separated) where set — tests and air-gapped installs point it at their own. A fresh Resolver
 * per check keeps no cache of its own, so a record just fixed is seen at once (the servers' TTLs
 * still apply).
 */
export function domainResolver(): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 })
  const servers = env.get('DNS_SERVERS')
  if (servers) resolver.setServers(servers.split(',').map((s) => s.trim()))
  return resolver
}

/** Answers that say the record is not there, as opposed to a lookup that failed. */
const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN'])

export type Lookup<T> = { found: T } | { absent: true } | { failed: string }

async function lookup<T>(query: () => Promise<T>): Promise<Lookup<T>> {
  try {
    return { found: await query() }
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'ERROR'
    return ABSENT.has(code) ? { absent: true } : { failed: code }
  }
}

/** TXT records of `name`, each joined from its strings. */
export function lookupTxt(resolver: Resolver, name: string) {
  return lookup(async () => {
    const records = await resolver.resolveTxt(name)
    return records.map((chunks) => chunks.join(''))
  })
}

/** CNAME targets of `name`, lower-case and without the trailing dot. */
export function lookupCname(resolver: Resolver, name: string) {
  return lookup(async () => {
    const targets = await resolver.resolveCname(name)
    return targets.map((t) => t.toLowerCase().replace(/\.$/, ''))
  })
}
