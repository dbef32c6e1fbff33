import type { HttpContext } from '@adonisjs/core/http'
import BillingPolicy from '#policies/billing_policy'
import { requireStripe } from '#services/billing/stripe_client'
import { checkoutPaymentMethod } from '#services/billing/checkout'
import { showPlan } from '#services/billing/plans'
import {
  billingSummary,
  cancel,
  stripeKeys,
  invoices,
  preview,
  publicPlans,
  resume,
  setupPaymentMethod,
  subscribe,
  type BillingContext,
} from '#services/billing/subscriptions'
import type { SessionTenancy } from '#services/tenancy'
import { validateBody, validateQuery } from '#validators/strict'
import {
  cancelValidator,
  checkoutValidator,
  invoicesValidator,
  previewValidator,
} from '#validators/billing'

/** The workspace's billing context, or 424 while the tenant has not connected Stripe. */
async function context(member: SessionTenancy): Promise<BillingContext> {
  const { settings, stripe } = await requireStripe(member.trx, member.tenantId)
  return {
    trx: member.trx,
    tenantId: member.tenantId,
    workspaceId: member.workspaceId,
    settings,
    stripe,
  }
}

/**
 * <parley-billing>'s routes (session token, `billing` widget): owners subscribe, change plan,
 * cancel, resume and set the card; admins read. The state shown comes from PostgreSQL (the
 * local copy of the subscription, the usage ledger); only actions, previews and invoices ask
 * Stripe.
 */
export default class BillingController {
  async show({ member, bouncer }: HttpContext) {
    await bouncer.with(BillingPolicy).authorize('read')
    const ctx = await context(member)
    return billingSummary(member, ctx.settings)
  }

  async plans({ member, bouncer }: HttpContext) {
    await bouncer.with(BillingPolicy).authorize('read')
    await context(member)
    const plans = await publicPlans(member)
    return { data: plans.map((p) => showPlan(p, false)), nextCursor: null }
  }

  async preview({ request, member, bouncer }: HttpContext) {
    await bouncer.with(BillingPolicy).authorize('manage')
    const ctx = await context(member)
    return preview(ctx, await validateBody(request, previewValidator))
  }

  async subscribe({ request, response, member, bouncer }: HttpContext) {
    await bouncer.with(BillingPolicy).authorize('manage')
    const ctx = await context(member)
    const result = await subscribe(ctx, await validateBody(request, previewValidator))
    // A payment the bank must confirm (3-D Secure): its secret with the keys Stripe.js needs.
    const body = {
      ...(await billingSummary(member, ctx.settings)),
      ...(result.clientSecret
        ? { clientSecret: result.clientSecret, ...stripeKeys(ctx.settings) }
        : {}),
    }
    return result.created ? response.created(body) : response.ok(body)
  }

  async cancel({ request, member, bouncer }: HttpContext) {
    await bouncer.with(BillingPolicy).authorize('manage')
    const ctx = await context(member)
    await cancel(ctx, await validateBody(request, cancelValidator))
    return billingSummary(member, ctx.settings)
  }

  async resume({ member, bouncer }: HttpContext) {
    await bouncer.with(BillingPolicy).authorize('manage')
    const ctx = await context(member)
    await resume(ctx)
    return billingSummary(member, ctx.settings)
  }

  async setup({ member, bouncer }: HttpContext) {
    await bouncer.with(BillingPolicy).authorize('manage')
    return setupPaymentMethod(await context(member))
  }

  /** The hosted fallback where the host's CSP refuses Stripe.js: a Checkout page in setup mode. */
  async checkout({ request, member, bouncer }: HttpContext) {
    await bouncer.with(BillingPolicy).authorize('manage')
    const ctx = await context(member)
    return checkoutPaymentMethod(ctx, await validateBody(request, checkoutValidator))
  }

  async invoices({ request, member, bouncer }: HttpContext) {
    await bouncer.with(BillingPolicy).authorize('read')
    const ctx = await context(member)
    return invoices(ctx, await validateQuery(request, invoicesValidator))
  }
}
