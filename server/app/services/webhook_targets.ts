import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import env from '#start/env'
import app from '@adonisjs/core/services/app'

/**
 * Webhook URLs must not reach into Parley's own network: https only (http allowed in development),
 * and no host that resolves to a loopback, private, link-local or otherwise internal address.
 * Checked when a webhook is registered and again before every delivery (DNS can change).
 */
const internal = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
] as const) {
  internal.addSubnet(net, prefix, 'ipv4')
}
for (const [net, prefix] of [
  ['::1', 128],
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  internal.addSubnet(net, prefix, 'ipv6')
}

/** Private targets are allowed in development and when an operator says so (tests, on-premise). */
export function privateTargetsAllowed() {
  return app.inDev || env.get('WEBHOOKS_ALLOW_PRIVATE') === 'true'
}

/** Why a URL may not receive webhooks, or null when it may. */
export async function refuseTarget(raw: string): Promise<string | null> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'must be an absolute URL'
  }
  if (url.username || url.password) return 'must not contain credentials'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && privateTargetsAllowed()))
    return 'must use https'
  if (privateTargetsAllowed()) return null
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: { address: string; family: number }[]
  try {
    addresses = isIP(host)
      ? [{ address: host, family: isIP(host) }]
      : await lookup(host, { all: true })
  } catch {
    return 'host does not resolve'
  }
  const bad = addresses.find((a) => {
    // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is checked as the IPv4 address it maps.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a.address)?.[1]
    return mapped
      ? internal.check(mapped, 'ipv4')
      : internal.check(a.address, a.family === 6 ? 'ipv6' : 'ipv4')
  })
  return bad ? `resolves to an internal address (${bad.address})` : null
}
