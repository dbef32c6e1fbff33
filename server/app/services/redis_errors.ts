/**
 * Whether an error means "Redis did not answer" (down, restarting, unreachable) rather than a bug:
 * such errors become 503 with Retry-After in requests, and a retry later in the outbox relay.
 * ioredis rejects with these when a command cannot be sent or its connection gave up on it.
 */
const MESSAGES = [
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Reached the max retries per request limit',
  'Command timed out',
  'Connection is in subscriber mode',
]

export function isRedisUnavailable(error: unknown): boolean {
  const err = error as { name?: string; message?: string; code?: string; cause?: unknown }
  if (!err || typeof err !== 'object') return false
  if (err.name === 'MaxRetriesPerRequestError') return true
  if (typeof err.message === 'string' && MESSAGES.some((m) => err.message!.startsWith(m))) {
    return true
  }
  return err.cause ? isRedisUnavailable(err.cause) : false
}
