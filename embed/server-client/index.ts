/**
 * @parley/sdk/server: the typed client for a reseller's backend and the webhook signature check.
 * Node 18+ (global fetch, node:crypto). Never import it into browser code: it holds the secret key.
 */
export {
  createParleyClient,
  type ParleyClient,
  type ParleyClientOptions,
  type ParleyMemberClient,
  type ParleyRawClient,
  type ParleyWebhooks,
  type QueryParams,
  type RequestBody,
  type ResponseBody,
} from './client.js'
export {
  ParleyApiError,
  isParleyApiError,
  type ParleyErrorCode,
  type ParleyErrorDetail,
} from './errors.js'
export type { RetryOptions } from './retrying-fetch.js'
export {
  DEFAULT_TOLERANCE_SECONDS,
  WEBHOOK_HEADERS,
  WebhookVerificationError,
  verifyWebhook,
  type HeadersLike,
  type VerifiedWebhook,
  type VerifyWebhookInput,
  type WebhookEvent,
  type WebhookVerificationReason,
} from './webhooks.js'
export type { components, operations, paths } from './schema.js'
