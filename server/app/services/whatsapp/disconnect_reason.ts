/**
 * Why a number is not connected, as a stable code next to WhatsApp's raw message: widgets show
 * words and what to do next for each code (docs/whatsapp.md); the raw message stays for
 * operators. New codes may be added; existing ones keep their meaning.
 */
export const WHATSAPP_REASONS = [
  /** The server cannot reach WhatsApp at all (DNS, no route, refused): retried. */
  'network_unreachable',
  /** An open connection dropped (or WhatsApp closed it): retried. */
  'connection_lost',
  /** WhatsApp did not answer in time: retried. */
  'timed_out',
  /** Nobody scanned the QR codes in time: retried, with a new QR. */
  'qr_expired',
  /** The phone unlinked this device, or WhatsApp logged it out: not retried; link again. */
  'logged_out',
  /** WhatsApp refused the number (banned or restricted): not retried. */
  'banned',
  /** Another session of the same linked device took over: retried. */
  'replaced',
  /** WhatsApp rejected the stored session: retried; if it persists, link again. */
  'bad_session',
  /** WhatsApp is unavailable for now: retried. */
  'service_unavailable',
  /** WhatsApp asked for a restart (after pairing, routinely): reconnects at once. */
  'restart_required',
  /** The device is not on WhatsApp's multi-device: retried. */
  'multidevice_mismatch',
  /** A person disconnected the number from Parley (settings or `whatsapp:disconnect`). */
  'disconnected',
  /** Anything else: the raw message says more. */
  'unknown',
] as const
export type WhatsAppReason = (typeof WHATSAPP_REASONS)[number]

/** Reasons after which reconnecting cannot help: a person has to act. */
export const TERMINAL_REASONS: readonly WhatsAppReason[] = ['logged_out', 'banned']

/** Errors of the machine's network (Node's codes): WhatsApp is out of reach. */
const NETWORK_CODES =
  /\b(ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ECONNREFUSED|ECONNRESET|ENETDOWN|EPIPE|ETIMEDOUT|ECONNABORTED|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|SELF_SIGNED_[A-Z_]+)\b/

/** Baileys' DisconnectReason status codes (Types/index.ts), by meaning. */
const BY_STATUS: Record<number, WhatsAppReason> = {
  401: 'logged_out',
  403: 'banned',
  408: 'connection_lost',
  411: 'multidevice_mismatch',
  428: 'connection_lost',
  440: 'replaced',
  500: 'bad_session',
  503: 'service_unavailable',
  515: 'restart_required',
}

/** What Baileys hands over in `lastDisconnect.error`: a Boom (status code, data) or an Error. */
type DisconnectError =
  (Error & { output?: { statusCode?: number }; data?: unknown; code?: string }) | undefined

/**
 * The reason for a closed connection, from Baileys' error: the network's own error codes first
 * (Baileys reports a DNS failure as a 408 "WebSocket Error (getaddrinfo ENOTFOUND …)"), then the
 * status code, told apart by message where one code has several meanings.
 */
export function disconnectReason(error: DisconnectError): WhatsAppReason {
  if (!error) return 'unknown'
  const message = error.message ?? ''
  const data = error.data as { code?: unknown } | undefined
  const code = typeof data?.code === 'string' ? data.code : (error.code ?? '')
  if (NETWORK_CODES.test(code) || NETWORK_CODES.test(message)) return 'network_unreachable'
  const status = error.output?.statusCode
  if (status === 408) {
    if (/QR refs attempts ended/i.test(message)) return 'qr_expired'
    if (/timed? ?out/i.test(message)) return 'timed_out'
  }
  return (status !== undefined && BY_STATUS[status]) || 'unknown'
}
