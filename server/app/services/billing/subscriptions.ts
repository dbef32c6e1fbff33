import { DateTime } from 'luxon'
import type Stripe from 'stripe'
import { ApiError } from '#exceptions/api_error'
import Plan, { type PlanPrice } from '#models/plan'
import WorkspaceBilling from '#models/workspace_billing'
import { recordEvent } from '#services/outbox'
import {
  ENTITLED_STATUSES,
  planState,
  usageSeries,
  usageSummary,
  usedOf,
  type BillingScope,
} from '#services/billing/entitlements'
import { showPlan } from '#services/billing/plans'
import { stripeFailure, type StripeSettings } from '#services/billing/stripe_client'
import { iso } from '#transformers/time'
import type { MeteredFeature } from '#validators/billing'

/** A workspace's billing context: its transaction and the tenant's Stripe. */
export interface BillingContext extends BillingScope {
  stripe: Stripe
  settings: StripeSettings
}

const EXPAND = ['latest_invoice.confirmation_secret', 'default_payment_method', 'schedule']
const seconds = (value: number | null | undefined) =>
  value ? DateTime.fromSeconds(value).toUTC() : null
const yearly = (p: Pick<PlanPrice, 'amount' | 'interval'>) =>
  p.interval === 'year' ? p.amount : p.amount * 12

/** Wraps a Stripe call: its failures become the contract's errors (stripe_client.ts). */
async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    return stripeFailure(error)
  }
}

export async function billingRow(scope: BillingScope) {
  return WorkspaceBilling.query({ client: scope.trx })
    .where('tenant_id', scope.tenantId)
    .where('workspace_id', scope.workspaceId)
    .first()
}

export async function rowForUpdate(scope: BillingScope) {
  await scope.trx
    .table('workspace_billing')
    .insert({ tenant_id: scope.tenantId, workspace_id: scope.workspaceId })
    .onConflict(['tenant_id', 'workspace_id'])
    .ignore()
  // The row is the lock: two clicks on "subscribe" run one after the other.
  return WorkspaceBilling.query({ client: scope.trx })
    .where('tenant_id', scope.tenantId)
    .where('workspace_id', scope.workspaceId)
    .forUpdate()
    .firstOrFail()
}

/**
 * The workspace's Stripe customer, made on first need. Its idempotency key is the workspace's
 * id, so two first requests racing (or a retry after a lost answer) make one customer.
 */
export async function ensureCustomer(ctx: BillingContext, row: WorkspaceBilling) {
  if (row.stripeCustomerId) return row.stripeCustomerId
  const workspace = await ctx.trx
    .from('workspaces')
    .where('tenant_id', ctx.tenantId)
    .where('id', ctx.workspaceId)
    .select('name', 'external_id')
    .firstOrFail()
  const customer = await call(() =>
    ctx.stripe.customers.create(
      {
        name: workspace.name ?? workspace.external_id,
        metadata: {
          parley_tenant_id: ctx.tenantId,
          parley_workspace_id: ctx.workspaceId,
          external_id: workspace.external_id,
        },
      },
      { idempotencyKey: `parley-customer-${ctx.workspaceId}` }
    )
  )
  row.stripeCustomerId = customer.id
  await row.useTransaction(ctx.trx).save()
  return customer.id
}

/**
 * What Stripe.js needs in the browser: the publishable key (the tenant's own, else the platform's
 * in Connect mode) and, in Connect mode, the connected account. Null without a publishable key.
 */
export function stripeKeys(settings: StripeSettings) {
  if (!settings.publishableKey) return null
  return {
    publishableKey: settings.publishableKey,
    ...(settings.mode === 'connect' ? { stripeAccount: settings.accountId } : {}),
  }
}

/**
 * GET /v1/billing: plan, subscription, usage (with its series over the period) and card, all
 * from PostgreSQL; with the tenant's settings, the keys Stripe.js needs, so a 3-D Secure
 * confirmation needs no SetupIntent.
 */
export async function billingSummary(scope: BillingScope, settings?: StripeSettings) {
  const row = await billingRow(scope)
  const state = await planState(scope)
  const plan = row?.planId ? await Plan.scoped(scope).where('id', row.planId).first() : null
  const scheduled = row?.scheduledPlanId
    ? await Plan.scoped(scope).where('id', row.scheduledPlanId).first()
    : null
  const subscribed = row?.planId && row.status
  const usage = await usageSummary(scope, state)
  const series = await usageSeries(scope, state)
  return {
    plan: plan ? showPlan(plan, false) : null,
    subscription: subscribed
      ? {
          status: row.status,
          interval: row.interval,
          currency: row.currency,
          quantity: row.quantity,
          currentPeriodStart: iso(row.currentPeriodStart),
          currentPeriodEnd: iso(row.currentPeriodEnd),
          cancelAt: iso(row.cancelAt),
          cancelReason: row.cancelReason,
          trialEnd: iso(row.trialEnd),
          // A downgrade waiting for the period's end.
          scheduledChange: scheduled
            ? {
                planId: scheduled.id,
                planName: scheduled.name,
                interval: row.scheduledInterval,
                at: iso(row.currentPeriodEnd),
              }
            : null,
          // Stripe asks the customer to authenticate a payment (3-D Secure): confirm it with Stripe.js.
          actionRequired: row.pendingClientSecret
            ? { clientSecret: row.pendingClientSecret }
            : null,
          pastDue: row.status === 'past_due' || row.status === 'unpaid',
        }
      : null,
    usage: usage.map(({ feature, used, limit, resetsAt }) => {
      const points = series.get(feature as MeteredFeature)
      return { feature, used, limit, resetsAt, ...(points ? { series: points } : {}) }
    }),
    paymentMethod: row?.paymentMethod ?? null,
    ...(settings ? { stripe: stripeKeys(settings) } : {}),
  }
}

/** The tenant's plans a workspace may choose (public, not archived). */
export function publicPlans(scope: BillingScope) {
  return Plan.scoped(scope).whereNull('archived_at').where('public', true).orderBy('created_at')
}

async function choosablePlan(scope: BillingScope, planId: string) {
  const plan = await Plan.findScoped(scope, planId, 'Plan')
  if (plan.archivedAt || !plan.public) throw ApiError.notFound('Plan')
  return plan
}

function priceOf(plan: Plan, interval: 'month' | 'year', currency?: string | null) {
  if (plan.isFree) return null
  const price =
    plan.prices.find((p) => p.interval === interval && (!currency || p.currency === currency)) ??
    null
  if (!price?.stripePriceId) {
    throw ApiError.validation([
      {
        field: 'interval',
        message: `The plan has no ${interval}ly price${currency ? ` in ${currency}` : ''}`,
      },
    ])
  }
  return price
}

/** The subscription's items for a plan: its price (per seat: one per member) and its overage meters. */
async function itemsFor(scope: BillingScope, plan: Plan, price: PlanPrice) {
  const state = await planState(scope)
  const quantity = plan.perSeat ? Math.max(1, await usedOf(scope, state, 'seats')) : 1
  const slot = `${price.interval}:${price.currency}`
  const metered = Object.values(plan.overage)
    .map((o) => o!.stripePriceIds[slot])
    .filter(Boolean)
    .map((id) => ({ price: id }))
  return [{ price: price.stripePriceId!, quantity }, ...metered] as [
    { price: string; quantity: number },
    ...{ price: string; quantity?: number }[],
  ]
}

/**
 * Copies a subscription as Stripe has it now into the workspace's row: plan (by its price),
 * status, period, cancellation, trial, a downgrade scheduled for the period's end, a payment
 * waiting for 3-D Secure, the card. Returns whether anything shown changed.
 */
export async function applySubscription(
  scope: BillingScope,
  row: WorkspaceBilling,
  sub: Stripe.Subscription
) {
  // Compared by value: a time read back from PostgreSQL and the same time from Stripe differ
  // only in their zone.
  const shown = () =>
    JSON.stringify(
      Object.entries(row.$attributes)
        .filter(([key]) => key !== 'updatedAt')
        .map(([key, value]) => [key, DateTime.isDateTime(value) ? value.toMillis() : value])
    )
  const before = shown()
  const plans = await Plan.scoped(scope)
  const priceIds = sub.items.data.map((i) => (typeof i.price === 'string' ? i.price : i.price.id))
  const planOf = (ids: string[]) =>
    plans.find((p) => p.prices.some((x) => x.stripePriceId && ids.includes(x.stripePriceId)))
  const plan = planOf(priceIds)
  const item = sub.items.data.find((i) =>
    plan?.prices.some(
      (x) => x.stripePriceId === (typeof i.price === 'string' ? i.price : i.price.id)
    )
  )
  const price = plan?.prices.find((x) => x.stripePriceId === item?.price.id)
  const ended = sub.status === 'canceled' || sub.status === 'incomplete_expired'
  const invoice = typeof sub.latest_invoice === 'object' ? sub.latest_invoice : null
  const waiting =
    !ended && invoice?.status === 'open' && invoice.confirmation_secret?.client_secret
      ? invoice.confirmation_secret.client_secret
      : null
  let scheduledPlanId: string | null = null
  let scheduledInterval: 'month' | 'year' | null = null
  const schedule = typeof sub.schedule === 'object' ? sub.schedule : null
  const next = schedule?.phases?.[1]
  if (!ended && next) {
    const ids = next.items.map((i) => (typeof i.price === 'string' ? i.price : i.price.id))
    const target = planOf(ids)
    if (target && target.id !== plan?.id) scheduledPlanId = target.id
    if (target) {
      scheduledInterval =
        target.prices.find((x) => x.stripePriceId && ids.includes(x.stripePriceId))?.interval ??
        null
      if (target.id === plan?.id && scheduledInterval !== price?.interval)
        scheduledPlanId = target.id
    }
  }
  // A downgrade to a free plan is a cancellation at the period's end that lands on that plan.
  const freeAfter = row.scheduledPlanId && ended ? row.scheduledPlanId : null
  row.merge({
    stripeSubscriptionId: ended ? null : sub.id,
    planId: ended ? freeAfter : (plan?.id ?? null),
    status: ended ? (freeAfter ? 'active' : null) : sub.status,
    interval: ended ? null : (price?.interval ?? null),
    currency: ended ? null : (price?.currency ?? sub.currency ?? null),
    quantity: ended ? null : (item?.quantity ?? null),
    currentPeriodStart: ended ? null : seconds(item?.current_period_start),
    currentPeriodEnd: ended ? null : seconds(item?.current_period_end),
    cancelAt: ended ? null : seconds(sub.cancel_at),
    cancelReason: ended ? null : (sub.cancellation_details?.comment ?? row.cancelReason),
    trialEnd: ended ? null : seconds(sub.trial_end),
    scheduledPlanId: ended
      ? null
      : (scheduledPlanId ?? (sub.cancel_at_period_end ? row.scheduledPlanId : null)),
    scheduledInterval: ended ? null : scheduledInterval,
    pendingClientSecret: waiting,
  })
  const pm = typeof sub.default_payment_method === 'object' ? sub.default_payment_method : null
  if (pm?.card) row.paymentMethod = showCard(pm)
  const changed = shown() !== before
  await row.useTransaction(scope.trx).save()
  return changed
}

export const showCard = (pm: Stripe.PaymentMethod) => ({
  brand: pm.card!.brand,
  last4: pm.card!.last4,
  expMonth: pm.card!.exp_month,
  expYear: pm.card!.exp_year,
})

export async function announce(scope: BillingScope, cause: string) {
  await recordEvent(scope.trx, 'billing:changed', {
    tenantId: scope.tenantId,
    workspaceId: scope.workspaceId,
    cause,
  })
}

/** The price the workspace pays now (its plan's, at its interval and currency). */
async function currentPriceOf(scope: BillingScope, row: WorkspaceBilling) {
  if (!row.planId) return null
  const plan = await Plan.scoped(scope).where('id', row.planId).first()
  return (
    plan?.prices.find((p) => p.interval === row.interval && p.currency === row.currency) ?? null
  )
}

const retrieve = (ctx: BillingContext, id: string) =>
  call(() => ctx.stripe.subscriptions.retrieve(id, { expand: EXPAND }))

/**
 * POST /v1/billing/subscription: subscribes (with the plan's trial), or changes plan or
 * interval: an upgrade now, prorated and invoiced at once; a downgrade at the period's end
 * (a subscription schedule's second phase). A payment that needs 3-D Secure leaves the
 * subscription waiting and returns the client secret for Stripe.js.
 */
export async function subscribe(
  ctx: BillingContext,
  input: { planId: string; interval: 'month' | 'year'; currency?: string }
) {
  const row = await rowForUpdate(ctx)
  const plan = await choosablePlan(ctx, input.planId)
  const current = row.stripeSubscriptionId ? await retrieve(ctx, row.stripeSubscriptionId) : null
  const live =
    current && !['canceled', 'incomplete_expired'].includes(current.status) ? current : null
  const price = priceOf(plan, input.interval, input.currency ?? (live ? row.currency : null))

  if (!live) {
    if (!price) {
      // A free plan: no Stripe objects, entitlements over calendar months.
      row.merge({
        planId: plan.id,
        status: 'active',
        interval: null,
        currency: null,
        pendingClientSecret: null,
      })
      await row.useTransaction(ctx.trx).save()
      await announce(ctx, 'subscribed')
      return { created: true, clientSecret: null }
    }
    const customer = await ensureCustomer(ctx, row)
    const items = await itemsFor(ctx, plan, price)
    const sub = await call(() =>
      ctx.stripe.subscriptions.create(
        {
          customer,
          items,
          ...(plan.trialDays ? { trial_period_days: plan.trialDays } : {}),
          // With a card on file Stripe charges it now; without one the first invoice waits for
          // the Payment Element (the client secret below).
          payment_behavior: row.paymentMethod ? 'allow_incomplete' : 'default_incomplete',
          payment_settings: { save_default_payment_method: 'on_subscription' },
          metadata: {
            parley_tenant_id: ctx.tenantId,
            parley_workspace_id: ctx.workspaceId,
            parley_plan_id: plan.id,
          },
          expand: EXPAND,
        },
        {
          idempotencyKey: `parley-sub-${ctx.workspaceId}-${plan.id}-${input.interval}-${price.currency}-after-${row.stripeSubscriptionId ?? 'none'}`,
        }
      )
    )
    await applySubscription(ctx, row, sub)
    await announce(ctx, 'subscribed')
    return { created: true, clientSecret: row.pendingClientSecret }
  }

  const currentPrice = await currentPriceOf(ctx, row)
  if (plan.id === row.planId && input.interval === row.interval && !row.scheduledPlanId) {
    throw new ApiError('CONFLICT', 'The workspace is already on this plan and interval')
  }
  const revision = `${live.id}-${plan.id}-${input.interval}-${row.updatedAt.toMillis()}`
  if (!price) {
    // Down to a free plan: the paid subscription ends with its period, then the free plan holds.
    const sub = await call(() =>
      ctx.stripe.subscriptions.update(
        live.id,
        { cancel_at_period_end: true, expand: EXPAND },
        { idempotencyKey: `parley-free-${revision}` }
      )
    )
    row.scheduledPlanId = plan.id
    await applySubscription(ctx, row, sub)
    await announce(ctx, 'downgrade_scheduled')
    return { created: false, clientSecret: null }
  }
  const upgrade =
    !currentPrice ||
    yearly(price) > yearly(currentPrice) ||
    (yearly(price) === yearly(currentPrice) && price.interval === 'year')
  if (live.schedule) {
    const scheduleId = typeof live.schedule === 'string' ? live.schedule : live.schedule.id
    await call(() =>
      ctx.stripe.subscriptionSchedules.release(
        scheduleId,
        {},
        { idempotencyKey: `parley-release-${revision}` }
      )
    )
  }
  const licensed = live.items.data.filter((i) => i.price.recurring?.usage_type !== 'metered')
  const wanted = await itemsFor(ctx, plan, price)
  if (upgrade) {
    // The licensed item keeps its id (the proration reads as a change of that item); the old
    // overage meters go, the new plan's come.
    const items = [
      licensed[0]
        ? { id: licensed[0].id, price: wanted[0].price, quantity: wanted[0].quantity }
        : wanted[0],
      ...live.items.data.filter((i) => i !== licensed[0]).map((i) => ({ id: i.id, deleted: true })),
      ...wanted.slice(1),
    ]
    const sub = await call(() =>
      ctx.stripe.subscriptions.update(
        live.id,
        {
          items,
          proration_behavior: 'always_invoice',
          payment_behavior: 'allow_incomplete',
          cancel_at_period_end: false,
          metadata: { parley_plan_id: plan.id },
          expand: EXPAND,
        },
        { idempotencyKey: `parley-upgrade-${revision}` }
      )
    )
    row.scheduledPlanId = null
    await applySubscription(ctx, row, sub)
    await announce(ctx, 'upgraded')
    return { created: false, clientSecret: row.pendingClientSecret }
  }
  // Downgrade: the current items to the period's end, then the new ones.
  const schedule = await call(() =>
    ctx.stripe.subscriptionSchedules.create(
      { from_subscription: live.id },
      { idempotencyKey: `parley-schedule-${revision}` }
    )
  )
  const periodEnd = licensed[0]?.current_period_end ?? live.items.data[0].current_period_end
  await call(() =>
    ctx.stripe.subscriptionSchedules.update(
      schedule.id,
      {
        end_behavior: 'release',
        proration_behavior: 'none',
        phases: [
          {
            items: live.items.data.map((i) => ({
              price: i.price.id,
              ...(i.price.recurring?.usage_type === 'metered' ? {} : { quantity: i.quantity }),
            })),
            start_date: schedule.phases[0]?.start_date ?? live.items.data[0].current_period_start,
            end_date: periodEnd,
          },
          { items: wanted, duration: { interval: price.interval, interval_count: 1 } },
        ],
      },
      { idempotencyKey: `parley-schedule-phases-${revision}` }
    )
  )
  await applySubscription(ctx, row, await retrieve(ctx, live.id))
  await announce(ctx, 'downgrade_scheduled')
  return { created: false, clientSecret: null }
}

/** POST /v1/billing/preview: what choosing a plan costs now (upgrade: prorated) or next period. */
export async function preview(
  ctx: BillingContext,
  input: { planId: string; interval: 'month' | 'year'; currency?: string }
) {
  const row = await rowForUpdate(ctx)
  const plan = await choosablePlan(ctx, input.planId)
  const live =
    row.stripeSubscriptionId && row.status && !['canceled'].includes(row.status)
      ? await retrieve(ctx, row.stripeSubscriptionId)
      : null
  const price = priceOf(plan, input.interval, input.currency ?? (live ? row.currency : null))
  if (!price) {
    return {
      amountDue: 0,
      currency: row.currency ?? plan.prices[0]?.currency ?? 'usd',
      lines: [],
      effectiveAt: live ? iso(row.currentPeriodEnd) : null,
    }
  }
  const customer = await ensureCustomer(ctx, row)
  const wanted = await itemsFor(ctx, plan, price)
  const shown = (invoice: Stripe.Invoice, effectiveAt: string | null) => ({
    amountDue: invoice.amount_due,
    currency: invoice.currency,
    lines: invoice.lines.data.map((l) => ({ description: l.description, amount: l.amount })),
    effectiveAt,
  })
  if (!live) {
    const invoice = await call(() =>
      ctx.stripe.invoices.createPreview({
        customer,
        subscription_details: {
          items: wanted,
          ...(plan.trialDays
            ? { trial_end: Math.floor(Date.now() / 1000) + plan.trialDays * 86_400 }
            : {}),
        },
      })
    )
    return shown(invoice, null)
  }
  const currentPrice = await currentPriceOf(ctx, row)
  const upgrade =
    !currentPrice ||
    yearly(price) > yearly(currentPrice) ||
    (yearly(price) === yearly(currentPrice) && price.interval === 'year')
  const licensed = live.items.data.find((i) => i.price.recurring?.usage_type !== 'metered')
  const items = [{ id: licensed?.id, price: wanted[0].price, quantity: wanted[0].quantity }]
  const invoice = await call(() =>
    ctx.stripe.invoices.createPreview({
      customer,
      subscription: live.id,
      subscription_details: upgrade
        ? {
            items,
            proration_behavior: 'always_invoice',
            proration_date: Math.floor(Date.now() / 1000),
          }
        : { items, proration_behavior: 'none' },
    })
  )
  return shown(invoice, upgrade ? null : iso(row.currentPeriodEnd))
}

/** DELETE /v1/billing/subscription: at the period's end (default) or now, with a reason. */
export async function cancel(
  ctx: BillingContext,
  input: {
    atPeriodEnd?: boolean
    reason?: string
    feedback?: Stripe.SubscriptionUpdateParams.CancellationDetails.Feedback
  }
) {
  const row = await rowForUpdate(ctx)
  if (!row.stripeSubscriptionId) {
    if (!row.planId) throw new ApiError('CONFLICT', 'The workspace has no subscription')
    row.merge({ planId: null, status: null, cancelReason: input.reason ?? null })
    await row.save()
    await announce(ctx, 'cancelled')
    return
  }
  const details = {
    ...(input.reason ? { comment: input.reason } : {}),
    ...(input.feedback ? { feedback: input.feedback } : {}),
  }
  const live = await retrieve(ctx, row.stripeSubscriptionId)
  const revision = `${live.id}-${row.updatedAt.toMillis()}`
  if (live.schedule) {
    const scheduleId = typeof live.schedule === 'string' ? live.schedule : live.schedule.id
    await call(() =>
      ctx.stripe.subscriptionSchedules.release(
        scheduleId,
        {},
        { idempotencyKey: `parley-release-${revision}` }
      )
    )
  }
  row.scheduledPlanId = null
  const sub =
    input.atPeriodEnd === false
      ? await call(() =>
          ctx.stripe.subscriptions.cancel(live.id, {
            cancellation_details: details,
            expand: EXPAND,
          })
        )
      : await call(() =>
          ctx.stripe.subscriptions.update(
            live.id,
            { cancel_at_period_end: true, cancellation_details: details, expand: EXPAND },
            { idempotencyKey: `parley-cancel-${revision}` }
          )
        )
  if (input.reason) row.cancelReason = input.reason
  await applySubscription(ctx, row, sub)
  await announce(ctx, 'cancelled')
}

/** POST /v1/billing/subscription/resume: undoes a cancellation at the period's end. */
export async function resume(ctx: BillingContext) {
  const row = await rowForUpdate(ctx)
  if (!row.stripeSubscriptionId || !row.cancelAt) {
    throw new ApiError('CONFLICT', 'The subscription is not set to end')
  }
  const sub = await call(() =>
    ctx.stripe.subscriptions.update(
      row.stripeSubscriptionId!,
      { cancel_at_period_end: false, expand: EXPAND },
      { idempotencyKey: `parley-resume-${row.stripeSubscriptionId}-${row.updatedAt.toMillis()}` }
    )
  )
  row.merge({ cancelReason: null, scheduledPlanId: null })
  await applySubscription(ctx, row, sub)
  await announce(ctx, 'resumed')
}

/** POST /v1/billing/payment-method/setup: a SetupIntent for the Payment Element. */
export async function setupPaymentMethod(ctx: BillingContext) {
  if (!ctx.settings.publishableKey) {
    throw new ApiError(
      'PROVIDER_NOT_CONFIGURED',
      ctx.settings.mode === 'connect'
        ? 'The platform has no STRIPE_PUBLISHABLE_KEY for Stripe.js'
        : 'Add your publishable key (publishableKey) with PUT /v1/providers/stripe'
    )
  }
  const row = await rowForUpdate(ctx)
  const customer = await ensureCustomer(ctx, row)
  const intent = await call(() =>
    ctx.stripe.setupIntents.create(
      {
        customer,
        usage: 'off_session',
        automatic_payment_methods: { enabled: true },
        metadata: { parley_workspace_id: ctx.workspaceId },
      },
      { idempotencyKey: `parley-setup-${ctx.workspaceId}-${Date.now().toString(36)}` }
    )
  )
  return { clientSecret: intent.client_secret, ...stripeKeys(ctx.settings) }
}

/** GET /v1/billing/invoices: the customer's invoices, newest first, and the upcoming one. */
export async function invoices(ctx: BillingContext, page: { limit?: number; cursor?: string }) {
  const row = await billingRow(ctx)
  if (!row?.stripeCustomerId) return { data: [], nextCursor: null, upcoming: null }
  const limit = page.limit ?? 20
  if (page.cursor && !/^in_[A-Za-z0-9]+$/.test(page.cursor)) {
    throw ApiError.validation([{ field: 'cursor', message: 'Invalid cursor' }])
  }
  const list = await call(() =>
    ctx.stripe.invoices.list({
      customer: row.stripeCustomerId!,
      limit,
      ...(page.cursor ? { starting_after: page.cursor } : {}),
    })
  )
  const data = list.data.map((i) => ({
    id: i.id,
    number: i.number,
    status: i.status,
    total: i.total,
    currency: i.currency,
    createdAt: DateTime.fromSeconds(i.created).toUTC().toISO(),
    pdfUrl: i.invoice_pdf ?? null,
    hostedUrl: i.hosted_invoice_url ?? null,
  }))
  let upcoming = null
  if (
    !page.cursor &&
    row.stripeSubscriptionId &&
    row.status &&
    ENTITLED_STATUSES.includes(row.status) &&
    !row.cancelAt
  ) {
    const next = await call(() =>
      ctx.stripe.invoices.createPreview({
        customer: row.stripeCustomerId!,
        subscription: row.stripeSubscriptionId!,
      })
    ).catch(() => null)
    if (next) {
      upcoming = {
        total: next.total,
        currency: next.currency,
        at: iso(row.currentPeriodEnd),
      }
    }
  }
  return {
    data,
    nextCursor: list.has_more && data.length ? data[data.length - 1].id : null,
    upcoming,
  }
}
