import type { HttpContext } from '@adonisjs/core/http'
import { audit } from '#services/audit'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'
import { saveStripeSettings, verifyStripe } from '#services/billing/stripe_client'
import { validateBody } from '#validators/strict'
import { stripeInput, stripeProviderValidator } from '#validators/billing'

/**
 * PUT /v1/providers/stripe (secret key, or a console owner or admin): the reseller's Stripe account, Connect (`accountId`)
 * or its own keys (`secretKey`, `webhookSecret`), with the publishable key Stripe.js needs in
 * own mode. Verified with one read call before it is stored; secrets sealed, never returned.
 */
export default class StripeProvidersController {
  async update({ request, tenancy }: HttpContext) {
    const input = stripeInput(await validateBody(request, stripeProviderValidator))
    const verified = await verifyStripe(input)
    await saveStripeSettings(tenancy.trx, tenancy.tenantId, verified, input)
    await audit(tenancy.trx, {
      tenantId: tenancy.tenantId,
      action: 'provider.stripe_set',
      actor: settingsActor(tenancy),
      target: { type: 'provider', id: 'stripe' },
      data: { mode: verified.mode, accountId: verified.accountId },
    })
    return {
      mode: verified.mode,
      accountId: verified.accountId,
      livemode: verified.livemode,
      publishableKey: input.publishableKey ?? null,
    }
  }
}
