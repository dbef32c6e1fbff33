import { createHmac, randomBytes } from 'node:crypto'
import encryption from '@adonisjs/core/services/encryption'

/** The events a webhook can subscribe to. */
export const WEBHOOK_EVENTS = [
  'message.created',
  'conversation.created',
  'conversation.updated',
  'billing.updated',
  'billing.alert',
] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`
export const sealSecret = (secret: string) => encryption.encrypt(secret)
export const openSecret = (sealed: string) => encryption.decrypt<string>(sealed)

/**
 * `Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. Receivers check
 * the HMAC with their secret and refuse timestamps older than a few minutes (replays).
 */
export function signature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `t=${timestamp},v1=${digest}`
}
