import { isIP } from 'node:net'
import { domainToASCII, domainToUnicode } from 'node:url'
import { publicUrl } from '#config/app'

/** PUBLIC_URL's host name: what a custom domain's CNAME points at. */
export const targetHost = () => new URL(publicUrl).hostname.toLowerCase()

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/
/** Browsers also load pages from hosts with underscores (`my_app.example.com`): origins may have them. */
const LABEL_WITH_UNDERSCORES = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/

/**
 * Whether a lower-case ASCII host name is a DNS name: at most 253 characters, labels of letters,
 * digits and hyphens, and every punycode label (`xn--…`) the encoding of a Unicode one. Neither
 * URL nor domainToASCII checks that (xn--zz.com passes both), and domainToUnicode leaves such a
 * label as it is (older Node answered ''), so the name must decode and encode back to itself.
 */
export function isDnsName(hostname: string, options: { underscores?: boolean } = {}): boolean {
  const label = options.underscores ? LABEL_WITH_UNDERSCORES : LABEL
  if (hostname.length > 253 || !hostname.split('.').every((part) => label.test(part))) return false
  if (!hostname.includes('xn--')) return true
  const unicode = domainToUnicode(hostname)
  return (
    unicode !== '' &&
    !unicode.split('.').some((part) => part.startsWith('xn--')) &&
    domainToASCII(unicode) === hostname
  )
}

/**
 * A custom domain as stored (lower-case ASCII, IDNs in punycode, no trailing dot), or the reason
 * it cannot be one: a real DNS name of two labels or more, not an IP address, not Parley's own.
 */
export function normaliseHostname(input: string): { hostname: string } | { error: string } {
  const trimmed = input.trim().replace(/\.$/, '')
  if (isIP(trimmed) || isIP(trimmed.replace(/^\[|\]$/g, '')))
    return { error: 'An IP address cannot be a custom domain; use a host name' }
  if (/[/:@?#\s]/.test(trimmed))
    return { error: 'Give the host name alone (widgets.example.com), no scheme, port or path' }
  const hostname = domainToASCII(trimmed)
  if (!hostname || hostname.length > 253) return { error: 'Not a valid host name' }
  const labels = hostname.split('.')
  if (labels.length < 2 || !isDnsName(hostname))
    return { error: 'Not a valid host name (letters, digits and hyphens, two labels or more)' }
  if (/^\d+$/.test(labels.at(-1)!)) return { error: 'Not a valid host name' }
  if (hostname === 'localhost' || hostname.endsWith('.localhost'))
    return { error: 'localhost cannot be a custom domain' }
  if (hostname === targetHost())
    return { error: "This is Parley's own host; add a host name of yours" }
  return { hostname }
}
