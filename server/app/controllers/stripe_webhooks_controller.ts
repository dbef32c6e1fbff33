import type { HttpContext } from '@adonisjs/core/http'
import Stripe from 'stripe'
import { ApiError } from '#exceptions/api_error'
import { receiveConnectEvent, receiveOwnEvent } from '#services/billing/stripe_events'

/**
 * Stripe → Parley. The signature is checked over the raw body as received (the body parser
 * keeps it, `request.raw()`); 400 for a bad or stale one, 200 once the event is applied or
 * known, 503 when Stripe could not be asked for the object's current state (Stripe retries).
 */
export default class StripeWebhooksController {
  async connect({ request }: HttpContext) {
    return answer(() =>
      receiveConnectEvent(request.raw() ?? '', request.header('stripe-signature'))
    )
  }

  async own({ request, params }: HttpContext) {
    return answer(() =>
      receiveOwnEvent(
        String(params.tenantId),
        request.raw() ?? '',
        request.header('stripe-signature')
      )
    )
  }
}

async function answer(work: () => Promise<{ received: boolean; applied: boolean }>) {
  try {
    return await work()
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      // The object is gone from Stripe: nothing left to apply.
      if (error.statusCode === 404) return { received: true, applied: false }
      throw new ApiError('SERVICE_UNAVAILABLE', 'Stripe could not be reached; try again')
    }
    throw error
  }
}
