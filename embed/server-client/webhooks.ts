import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Checks a Parley webhook request the way the server signs it (server/app/services/webhooks.ts
 * and jobs/deliver_webhook.ts): `Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">` with the endpoint's `whsec_…` secret. Node's `node:crypto` (synchronous, so
 * it fits any framework's handler); runtimes without it (Next.js edge) are not supported.
 */

/** The headers every delivery carries (lower case, as Node and fetch's Headers read them). */
export const WEBHOOK_HEADERS = {
  signature: 'parley-signature',
  event: 'parley-event',
  delivery: 'parley-delivery',
} as const

/** The replay window docs/inbox.md asks receivers to keep: five minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300

export type WebhookVerificationReason =
  'MISSING_HEADER' | 'MALFORMED_HEADER' | 'STALE_TIMESTAMP' | 'BAD_SIGNATURE' | 'BAD_PAYLOAD'

/** Why a request was refused: answer it with a 400 and do not act on it. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError'
  constructor(
    public readonly reason: WebhookVerificationReason,
    message: string
  ) {
    super(message)
  }
}

/** A delivery's body: `{ id, type, createdAt, data }`. */
export interface WebhookEvent<T = Record<string, unknown>> {
  id: string
  type: string
  createdAt: string
  data: T
}

/** Node's `req.headers`, a fetch `Headers`, or any record of header names (any case). */
export type HeadersLike =
  { get(name: string): string | null } | Record<string, string | string[] | undefined>

export interface VerifyWebhookInput {
  /** The raw request body, byte for byte as received: not a parsed and re-serialised object. */
  payload: string | Uint8Array
  headers: HeadersLike
  /** The endpoint's secret; several while you move from one endpoint's secret to another's. */
  secret: string | string[]
  /** How old a timestamp may be, either way, in seconds (default 300). */
  toleranceSeconds?: number
  /** The time to check against, in Unix seconds (tests). */
  now?: number
}

export interface VerifiedWebhook<T = Record<string, unknown>> {
  event: WebhookEvent<T>
  /** `Parley-Delivery`: the same on every retry of one delivery; drop duplicates by it. */
  deliveryId: string | null
  /** `Parley-Event`, e.g. `message.created`. */
  eventType: string | null
  /** The signed time, in Unix seconds. */
  timestamp: number
}

function header(headers: HeadersLike, name: string): string | null {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(n: string): string | null }).get(name)
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue
    return Array.isArray(value) ? value.join(',') : value
  }
  return null
}

/** `t=…,v1=…[,v1=…]`: the timestamp and every v1 signature (several when secrets rotate). */
function parseSignature(value: string) {
  let timestamp: number | null = null
  const signatures: string[] = []
  for (const part of value.split(',')) {
    const [key, ...rest] = part.trim().split('=')
    const item = rest.join('=')
    if (key === 't' && /^\d+$/.test(item)) timestamp = Number(item)
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(item)) signatures.push(item.toLowerCase())
  }
  if (timestamp === null || signatures.length === 0) {
    throw new WebhookVerificationError(
      'MALFORMED_HEADER',
      'Parley-Signature must read t=<unix seconds>,v1=<hex HMAC-SHA256>'
    )
  }
  return { timestamp, signatures }
}

/**
 * Verifies a delivery and returns its parsed event, or throws a WebhookVerificationError naming
 * why (a missing or malformed header, a timestamp outside the tolerance, no matching signature).
 */
export function verifyWebhook<T = Record<string, unknown>>(
  input: VerifyWebhookInput
): VerifiedWebhook<T> {
  const { payload, headers, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = input
  if (typeof payload !== 'string' && !(payload instanceof Uint8Array)) {
    throw new WebhookVerificationError(
      'BAD_PAYLOAD',
      'payload must be the raw body (string or bytes); a parsed body cannot be verified'
    )
  }
  const secrets = (Array.isArray(input.secret) ? input.secret : [input.secret]).filter(Boolean)
  if (secrets.length === 0) throw new TypeError('verifyWebhook needs the endpoint secret')

  const value = header(headers, WEBHOOK_HEADERS.signature)
  if (!value) {
    throw new WebhookVerificationError('MISSING_HEADER', 'The Parley-Signature header is missing')
  }
  const { timestamp, signatures } = parseSignature(value)
  const now = input.now ?? Math.floor(Date.now() / 1000)
  if (Math.abs(now - timestamp) > toleranceSeconds) {
    throw new WebhookVerificationError(
      'STALE_TIMESTAMP',
      `The signature's timestamp is ${now - timestamp} s away from now (tolerance ${toleranceSeconds} s)`
    )
  }

  // The HMAC covers "<t>.<raw bytes>": hashing the bytes as given avoids any re-encoding.
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload)
  const matches = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest()
    // Every candidate is compared (no early exit on the first mismatch), in constant time.
    return signatures
      .map((hex) => timingSafeEqual(expected, Buffer.from(hex, 'hex')))
      .includes(true)
  })
  if (!matches) {
    throw new WebhookVerificationError(
      'BAD_SIGNATURE',
      'No signature matches the payload with this secret'
    )
  }

  let event: WebhookEvent<T>
  try {
    event = JSON.parse(body.toString('utf8'))
  } catch {
    throw new WebhookVerificationError('BAD_PAYLOAD', 'The signed payload is not JSON')
  }
  return {
    event,
    deliveryId: header(headers, WEBHOOK_HEADERS.delivery),
    eventType: header(headers, WEBHOOK_HEADERS.event),
    timestamp,
  }
}
