import dns from 'node:dns'
import { isIP } from 'node:net'
import type { LookupAddress } from 'node:dns'
import ipaddr from 'ipaddr.js'
import { Agent, buildConnector } from 'undici'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/**
 * The one guard for every request Parley makes to a URL someone else chose (webhooks, a tenant's
 * provider base URL, anything added later): http(s) only, https unless private targets are
 * allowed, and no address that reaches into the network Parley runs in. The URL is checked when it
 * is saved (a clear 422) and again at connect time, on the very addresses the connection uses, so a
 * name that resolves elsewhere later (DNS rebinding) is refused too. Redirects are never followed.
 */

/** What the guard lets through. */
export interface OutboundPolicy {
  /** Loopback, private (RFC 1918), shared (CGNAT) and unique-local networks are reachable. */
  allowPrivate: boolean
  /** Plain http is refused. */
  requireHttps: boolean
}

/**
 * Private targets are allowed in development and when the operator says so (on-premise installs,
 * local tests): `OUTBOUND_ALLOW_PRIVATE=true`, or the older `WEBHOOKS_ALLOW_PRIVATE=true`. Read on
 * every call, so a test can flip it. http is only allowed where private targets are.
 */
export function outboundPolicy(): OutboundPolicy {
  const allowPrivate =
    app.inDev ||
    env.get('OUTBOUND_ALLOW_PRIVATE') === 'true' ||
    env.get('WEBHOOKS_ALLOW_PRIVATE') === 'true'
  return { allowPrivate, requireHttps: !allowPrivate }
}

/** Ranges (ipaddr.js names, plus ours) that `allowPrivate` opens; every other special range stays shut. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'carrierGradeNat', 'uniqueLocal'])

/** How a refused range is named in a refusal. */
const RANGE_LABELS: Record<string, string> = {
  'unspecified': 'an unspecified',
  'broadcast': 'a broadcast',
  'multicast': 'a multicast',
  'linkLocal': 'a link-local',
  'loopback': 'a loopback',
  'carrierGradeNat': 'a shared (CGNAT)',
  'private': 'a private',
  'reserved': 'a reserved or documentation',
  'benchmarking': 'a benchmarking',
  'uniqueLocal': 'a unique-local',
  'deprecatedSiteLocal': 'a site-local',
  'ipv4Mapped': 'an IPv4-mapped',
  'ipv4Compatible': 'an IPv4-compatible',
  'rfc6145': 'an IPv4-translated',
  'rfc6052': 'a NAT64',
  '6to4': 'a 6to4',
  'teredo': 'a Teredo',
}

// What ipaddr.js does not name itself. The deprecated IPv4-compatible form (::a.b.c.d, RFC 4291)
// embeds an IPv4 address some stacks still route to; anything outside 2000::/3 is not global
// unicast (IANA), whatever it is called.
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96')
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3')

/**
 * An IPv6 address in plain hex groups. ipaddr.js reads the deprecated `::a.b.c.d` as the mapped
 * `::ffff:a.b.c.d`, a different address (and getaddrinfo prints IPv4-compatible answers that way):
 * the URL parser writes it out as `::7f00:1`, as the network stack will use it.
 */
function canonical(address: string): string {
  const bare = address.replace(/%.*$/, '')
  if (isIP(bare) !== 6) return address
  return new URL(`http://[${bare}]/`).hostname.slice(1, -1)
}

/**
 * The special range an address is in ('loopback', 'rfc6052'…), or 'unicast' for a public one.
 * IPv4 is public when ipaddr.js knows no special range for it; IPv6 must also be global unicast.
 */
export function addressRange(address: string): string {
  const parsed = ipaddr.parse(canonical(address))
  if (parsed.kind() === 'ipv4') return parsed.range()
  const v6 = parsed as ipaddr.IPv6
  const range: string = v6.range()
  if (range !== 'unicast') return range
  if (v6.match(IPV4_COMPATIBLE)) return 'ipv4Compatible'
  if (!v6.match(GLOBAL_UNICAST_V6)) return 'reserved'
  return range
}

/** What kind of refused address this is ('a loopback address'), or null when it may be reached. */
export function refuseAddress(address: string, policy: OutboundPolicy): string | null {
  let range: string
  try {
    range = addressRange(address)
  } catch {
    return 'not an IP address'
  }
  if (range === 'unicast') return null
  if (policy.allowPrivate && PRIVATE_RANGES.has(range)) return null
  return `${RANGE_LABELS[range] ?? 'a special-purpose'} address`
}

/** A connection the guard refused; found as the `cause` of a failed fetch. */
export class OutboundRefusedError extends Error {
  readonly code = 'E_OUTBOUND_REFUSED'
  constructor(readonly reason: string) {
    super(`Outbound request refused: the URL ${reason}`)
  }
}

/** Whether an error (or one of its causes: fetch and SDKs wrap it) is the guard's refusal. */
export function outboundRefusal(error: unknown): OutboundRefusedError | null {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundRefusedError) return e
  }
  return null
}

/** Resolves a host name to all its addresses. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>

const systemResolve: Resolve = (hostname) => dns.promises.lookup(hostname, { all: true })

/** Why a URL is malformed or its scheme is not allowed, without looking at addresses. */
function refuseShape(raw: string | URL, policy: OutboundPolicy): string | URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'must be an absolute URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use https'
  if (url.protocol === 'http:' && policy.requireHttps) return 'must use https'
  if (url.username || url.password) return 'must not contain credentials'
  return url
}

/**
 * Why a host (a name or an address literal) may not be reached, or the addresses it may be reached
 * at (every one of them passed). A name that does not resolve rejects with the resolver's error.
 */
async function refuseHost(
  host: string,
  policy: OutboundPolicy,
  resolve: Resolve
): Promise<{ refused: string } | { addresses: LookupAddress[] }> {
  const literal = host.replace(/^\[|\]$/g, '')
  if (isIP(literal)) {
    const refused = refuseAddress(literal, policy)
    return refused
      ? { refused: `points to ${refused}` }
      : { addresses: [{ address: literal, family: isIP(literal) }] }
  }
  const addresses = await resolve(literal)
  if (!addresses.length)
    throw Object.assign(new Error(`No address for ${literal}`), { code: 'ENOTFOUND' })
  for (const { address } of addresses) {
    // The resolved address is not named: it would tell a tenant how internal names resolve.
    const refused = refuseAddress(address, policy)
    if (refused) return { refused: `resolves to ${refused}` }
  }
  return { addresses }
}

/** Options of a guard; the defaults are the environment's policy and the system resolver. */
export interface OutboundGuardOptions {
  policy?: () => OutboundPolicy
  resolve?: Resolve
  /** Connect timeout (ms). */
  connectTimeout?: number
}

/** A URL check and a fetch that enforce one policy; `outbound` below is the application's. */
export function createOutboundGuard(options: OutboundGuardOptions = {}) {
  const policy = options.policy ?? outboundPolicy
  const resolve = options.resolve ?? systemResolve

  /** Why the URL may not be called, or null when it may (resolves it: every address must pass). */
  async function check(raw: string | URL): Promise<string | null> {
    const current = policy()
    const url = refuseShape(raw, current)
    if (typeof url === 'string') return url
    try {
      const host = await refuseHost(url.hostname, current, resolve)
      return 'refused' in host ? host.refused : null
    } catch {
      return 'has a host that does not resolve'
    }
  }

  // Resolution happens here, inside the connection: the addresses checked are the addresses the
  // socket is given, so nothing can resolve differently between the check and the connect. A name
  // that does not resolve fails as a network error does (worth retrying), not as a refusal.
  const lookup = (
    hostname: string,
    opts: { all?: boolean },
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void
  ) => {
    refuseHost(hostname, policy(), resolve).then(
      (host) => {
        if ('refused' in host) return callback(new OutboundRefusedError(host.refused), [])
        if (opts.all) return callback(null, host.addresses)
        callback(null, host.addresses[0].address, host.addresses[0].family)
      },
      (error) => callback(error, [])
    )
  }
  const connector = buildConnector({ lookup, timeout: options.connectTimeout ?? 10_000 } as never)

  /** Connections only to checked addresses (Node skips `lookup` for a literal: checked here). */
  const dispatcher = new Agent({
    connect(opts, callback) {
      const literal = opts.hostname.replace(/^\[|\]$/g, '')
      if (isIP(literal)) {
        const refused = refuseAddress(literal, policy())
        if (refused) return callback(new OutboundRefusedError(`points to ${refused}`), null)
      }
      return connector(opts, callback)
    },
  })

  /**
   * `fetch` through the guard. Redirects are never followed: a 3xx comes back as it is, and
   * callers treat it as the failure it is. A refused URL or address rejects with an
   * {@link OutboundRefusedError} (directly, or as the cause of fetch's `TypeError`).
   */
  async function guardedFetch(input: string | URL | Request, init: RequestInit = {}) {
    const target = input instanceof Request ? input.url : input
    const url = refuseShape(target, policy())
    if (typeof url === 'string') throw new OutboundRefusedError(url)
    return fetch(input, { ...init, redirect: 'manual', dispatcher } as RequestInit)
  }

  return { check, fetch: guardedFetch, dispatcher, close: () => dispatcher.close() }
}

/** The application's guard: the environment's policy, the system resolver. */
export const outbound = createOutboundGuard()

/** Why a URL may not be called from Parley, or null when it may. */
export const checkOutboundUrl = outbound.check

/** `fetch` that refuses internal addresses at connect time and never follows redirects. */
export const outboundFetch = outbound.fetch
