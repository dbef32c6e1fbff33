import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { channelNames } from '#services/realtime/channels'
import { withTenant } from '#services/tenant_context'
import { recordUsage } from '#services/billing/usage'
import { assertCampaignRecipients } from '#services/billing/entitlements'
import { reportUsage } from '#services/billing/meter_reports'
import { startWebhookReceiver } from '#tests/doubles/webhook_receiver'
import { eventsAfter, makeTenant, mintSession, relayed, visit } from '#tests/helpers'
import {
  connectedTenant,
  createPlan,
  MONTHLY_PRO,
  PLATFORM_WEBHOOK_SECRET,
  stripeWorld,
  webhookUrl,
} from './helpers.js'

const STARTER = {
  name: 'Starter',
  prices: [
    { interval: 'month', amount: 900, currency: 'usd' },
    { interval: 'year', amount: 9000, currency: 'usd' },
  ],
  limits: { seats: 2, transcriptionMinutes: 60 },
  public: true,
}

async function billingRow(tenantId: string, workspaceId: string) {
  return db
    .connection('operator')
    .from('workspace_billing')
    .where('tenant_id', tenantId)
    .where('workspace_id', workspaceId)
    .first()
}

const shuffle = <T>(items: T[]) =>
  items
    .map((item) => ({ item, key: Math.random() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item)

test.group('Billing · subscriptions, webhooks, entitlements, usage', (group) => {
  let world: Awaited<ReturnType<typeof stripeWorld>>
  group.setup(async () => {
    world = await stripeWorld()
    return () => world.close()
  })

  test('subscribe with a card, upgrade with proration, downgrade at period end, cancel and resume', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { tenant, accountId, owner } = await connectedTenant(client, double)
    const starter = await createPlan(client, tenant.secretKey, STARTER)
    const pro = await createPlan(client, tenant.secretKey, MONTHLY_PRO)
    const hidden = await createPlan(client, tenant.secretKey, {
      ...STARTER,
      name: 'Secret',
      public: false,
    })

    const plans = await visit(client, 'billing.plans.index').bearerToken(owner.token)
    assert.deepEqual(
      plans.body().data.map((p: any) => p.name),
      ['Starter', 'Pro']
    )
    assert.notProperty(plans.body().data[0], 'stripeProductId')
    ;(
      await visit(client, 'billing.subscription.store')
        .bearerToken(owner.token)
        .json({ planId: hidden.id, interval: 'month' })
    ).assertStatus(404)

    // The card first (SetupIntent → Payment Element → payment_method.attached).
    const setup = await visit(client, 'billing.paymentMethod.setup').bearerToken(owner.token)
    setup.assertStatus(200)
    assert.match(setup.body().clientSecret, /^seti_.+_secret_/)
    assert.equal(setup.body().publishableKey, 'pk_test_platform_publishable')
    assert.equal(setup.body().stripeAccount, accountId)
    const row = await billingRow(owner.tenantId, owner.workspaceId)
    const customerRequest = double.requests.find((r) => r.path === '/v1/customers')!
    assert.equal(customerRequest.idempotencyKey, `parley-customer-${owner.workspaceId}`)
    const card = double.attachCard(accountId, row.stripe_customer_id, { last4: '4242' })
    const attached = double.event('payment_method.attached', card, { account: accountId })
    assert.equal(
      (await double.deliver(webhookUrl(), attached, PLATFORM_WEBHOOK_SECRET)).status,
      200
    )

    const subscribed = await visit(client, 'billing.subscription.store')
      .bearerToken(owner.token)
      .json({ planId: starter.id, interval: 'month' })
    subscribed.assertStatus(201)
    assert.equal(subscribed.body().plan.id, starter.id)
    assert.include(subscribed.body().subscription, { status: 'active', interval: 'month' })
    assert.deepEqual(subscribed.body().paymentMethod, {
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2034,
    })
    assert.notProperty(subscribed.body(), 'clientSecret')

    // Upgrade: the preview's proration is what is charged now.
    const preview = await visit(client, 'billing.preview')
      .bearerToken(owner.token)
      .json({ planId: pro.id, interval: 'month' })
    preview.assertStatus(200)
    assert.equal(preview.body().currency, 'usd')
    assert.isAbove(preview.body().amountDue, 1900)
    assert.isAtMost(preview.body().amountDue, 2000)
    assert.lengthOf(preview.body().lines, 2)
    assert.isNull(preview.body().effectiveAt)
    const upgraded = await visit(client, 'billing.subscription.store')
      .bearerToken(owner.token)
      .json({ planId: pro.id, interval: 'month' })
    upgraded.assertStatus(200)
    assert.equal(upgraded.body().plan.id, pro.id)
    const subId = (await billingRow(owner.tenantId, owner.workspaceId)).stripe_subscription_id
    const upgrade = double.requests
      .filter((r) => r.path === `/v1/subscriptions/${subId}` && r.method === 'POST')
      .at(-1)!
    assert.equal(upgrade.params.proration_behavior, 'always_invoice')
    assert.equal(upgrade.stripeAccount, accountId)
    assert.match(upgrade.idempotencyKey!, /^parley-upgrade-/)
    ;(
      await visit(client, 'billing.subscription.store')
        .bearerToken(owner.token)
        .json({ planId: pro.id, interval: 'month' })
    ).assertStatus(409)

    // Downgrade: nothing charged now, the plan changes when the period ends.
    const down = await visit(client, 'billing.preview')
      .bearerToken(owner.token)
      .json({ planId: starter.id, interval: 'month' })
    assert.equal(down.body().amountDue, 900)
    assert.isString(down.body().effectiveAt)
    const scheduled = await visit(client, 'billing.subscription.store')
      .bearerToken(owner.token)
      .json({ planId: starter.id, interval: 'month' })
    scheduled.assertStatus(200)
    assert.equal(scheduled.body().plan.id, pro.id)
    assert.include(scheduled.body().subscription.scheduledChange, {
      planId: starter.id,
      interval: 'month',
    })
    double.endPeriod(accountId, subId)
    const renewed = double.event(
      'customer.subscription.updated',
      double.subscription(accountId, subId),
      {
        account: accountId,
      }
    )
    assert.equal((await double.deliver(webhookUrl(), renewed, PLATFORM_WEBHOOK_SECRET)).status, 200)
    const after = await visit(client, 'billing.show').bearerToken(owner.token)
    assert.equal(after.body().plan.id, starter.id)
    assert.isNull(after.body().subscription.scheduledChange)

    // Cancel at the period's end with a reason, then resume.
    const cancelled = await visit(client, 'billing.subscription.destroy')
      .bearerToken(owner.token)
      .json({ atPeriodEnd: true, reason: 'Too expensive for us', feedback: 'too_expensive' })
    cancelled.assertStatus(200)
    assert.equal(
      cancelled.body().subscription.cancelAt,
      cancelled.body().subscription.currentPeriodEnd
    )
    assert.equal(cancelled.body().subscription.cancelReason, 'Too expensive for us')
    assert.equal(double.object(accountId, subId)!.cancellation_details.feedback, 'too_expensive')
    const resumed = await visit(client, 'billing.subscription.resume').bearerToken(owner.token)
    resumed.assertStatus(200)
    assert.isNull(resumed.body().subscription.cancelAt)
    ;(await visit(client, 'billing.subscription.resume').bearerToken(owner.token)).assertStatus(409)

    const invoices = await visit(client, 'billing.invoices.index').bearerToken(owner.token)
    invoices.assertStatus(200)
    assert.isAtLeast(invoices.body().data.length, 2)
    assert.includeMembers(Object.keys(invoices.body().data[0]), [
      'id',
      'number',
      'status',
      'total',
      'currency',
      'createdAt',
      'pdfUrl',
    ])

    const { events } = await eventsAfter(
      channelNames.billing(owner.tenantId, owner.workspaceId),
      undefined,
      100
    )
    assert.includeMembers(
      events.map((e) => (e.data as any).cause),
      ['subscribed', 'upgraded', 'downgrade_scheduled', 'cancelled', 'resumed']
    )
    assert.isTrue(events.every((e) => e.type === 'billing.updated'))
  }).timeout(60_000)

  test('3-D Secure: the subscription waits with a client secret until the payment is authenticated', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { tenant, accountId, owner } = await connectedTenant(client, double)
    const pro = await createPlan(client, tenant.secretKey, MONTHLY_PRO)
    await visit(client, 'billing.paymentMethod.setup').bearerToken(owner.token)
    const row = await billingRow(owner.tenantId, owner.workspaceId)
    const card = double.attachCard(accountId, row.stripe_customer_id, {
      threeDS: true,
      last4: '3155',
    })
    await double.deliver(
      webhookUrl(),
      double.event('payment_method.attached', card, { account: accountId }),
      PLATFORM_WEBHOOK_SECRET
    )

    const response = await visit(client, 'billing.subscription.store')
      .bearerToken(owner.token)
      .json({ planId: pro.id, interval: 'month' })
    response.assertStatus(201)
    assert.match(response.body().clientSecret, /^pi_.+_secret_/)
    assert.equal(response.body().subscription.status, 'incomplete')
    assert.deepEqual(response.body().subscription.actionRequired, {
      clientSecret: response.body().clientSecret,
    })
    // The keys Stripe.js confirms with come beside the secret (no SetupIntent needed for them).
    assert.equal(response.body().publishableKey, 'pk_test_platform_publishable')
    assert.equal(response.body().stripeAccount, accountId)
    // Not entitled yet: the plan's limits do not hold while the payment waits.
    const shown = await visit(client, 'billing.show').bearerToken(owner.token)
    assert.deepEqual(shown.body().stripe, {
      publishableKey: 'pk_test_platform_publishable',
      stripeAccount: accountId,
    })
    assert.isNull(shown.body().usage.find((u: any) => u.feature === 'seats').limit)

    const subId = (await billingRow(owner.tenantId, owner.workspaceId)).stripe_subscription_id
    const invoice = double.completeAction(accountId, subId)
    const paid = double.event('invoice.paid', invoice, { account: accountId })
    assert.equal((await double.deliver(webhookUrl(), paid, PLATFORM_WEBHOOK_SECRET)).status, 200)
    const now = await visit(client, 'billing.show').bearerToken(owner.token)
    assert.equal(now.body().subscription.status, 'active')
    assert.isNull(now.body().subscription.actionRequired)
    assert.equal(now.body().usage.find((u: any) => u.feature === 'seats').limit, 5)

    // A renewal that fails: past due, surfaced.
    const failed = double.failRenewal(accountId, subId)
    await double.deliver(
      webhookUrl(),
      double.event('invoice.payment_failed', failed, { account: accountId }),
      PLATFORM_WEBHOOK_SECRET
    )
    const due = await visit(client, 'billing.show').bearerToken(owner.token)
    assert.equal(due.body().subscription.status, 'past_due')
    assert.isTrue(due.body().subscription.pastDue)
  }).timeout(60_000)

  test('webhooks: each event applied once in any order; bad or stale signatures 400; another account never touches this tenant', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { tenant, accountId, owner } = await connectedTenant(client, double)
    const other = await connectedTenant(client, double, 'other-co')
    const starter = await createPlan(client, tenant.secretKey, STARTER)
    await visit(client, 'billing.paymentMethod.setup').bearerToken(owner.token)
    const row = await billingRow(owner.tenantId, owner.workspaceId)
    double.attachCard(accountId, row.stripe_customer_id)
    ;(
      await visit(client, 'billing.subscription.store')
        .bearerToken(owner.token)
        .json({ planId: starter.id, interval: 'month' })
    ).assertStatus(201)
    const subId = (await billingRow(owner.tenantId, owner.workspaceId)).stripe_subscription_id
    await relayed()
    const channel = channelNames.billing(owner.tenantId, owner.workspaceId)
    const before = (await eventsAfter(channel, undefined, 100)).events.length

    // Stripe changes things (a cancel at period end) and sends three events about it.
    const cancelledInStripe = double.subscription(accountId, subId)
    double.object(accountId, subId)
    const update = double.event('customer.subscription.updated', cancelledInStripe, {
      account: accountId,
    })
    const trial = double.event('customer.subscription.trial_will_end', cancelledInStripe, {
      account: accountId,
    })
    const invoicePaid = double.event(
      'invoice.paid',
      double.object(accountId, cancelledInStripe.latest_invoice.id)!,
      { account: accountId }
    )
    // Stripe itself changed the subscription (as the dashboard would): the events' copies are stale.
    await fetch(`${double.url}/v1/subscriptions/${subId}`, {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${double.platformKey}`,
        'stripe-account': accountId,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'cancel_at_period_end=true',
    })
    const deliveries = shuffle([
      update,
      update,
      update,
      trial,
      trial,
      trial,
      invoicePaid,
      invoicePaid,
      invoicePaid,
    ])
    for (const event of deliveries) {
      const answer = await double.deliver(webhookUrl(), event, PLATFORM_WEBHOOK_SECRET)
      assert.equal(answer.status, 200)
    }
    const applied = await db
      .connection('operator')
      .from('stripe_events')
      .where('tenant_id', tenant.tenant.id)
    assert.sameMembers(
      applied
        .map((e) => e.event_id)
        .filter((id) => [update.id, trial.id, invoicePaid.id].includes(id)),
      [update.id, trial.id, invoicePaid.id]
    )
    const state = await billingRow(owner.tenantId, owner.workspaceId)
    assert.isNotNull(state.cancel_at)
    await relayed()
    const published = (await eventsAfter(channel, undefined, 100)).events.slice(before)
    // One change (the cancellation, whichever event brought it first; a trial notice applied
    // first brings it itself) and one trial notice: nine deliveries, at most two effects.
    const causes = published.map((e) => (e.data as any).cause)
    assert.lengthOf(
      causes.filter((c) => c === 'customer.subscription.trial_will_end'),
      1
    )
    assert.isAtMost(causes.length, 2, JSON.stringify(causes))
    assert.isTrue(published.every((e) => (e.data as any).subscription.cancelAt !== null))

    // Bad signature, stale signature, no signature: 400, nothing applied.
    const fresh = double.event('customer.subscription.deleted', cancelledInStripe, {
      account: accountId,
    })
    assert.equal((await double.deliver(webhookUrl(), fresh, 'whsec_wrong_secret')).status, 400)
    const stale = Math.floor(Date.now() / 1000) - 3600
    assert.equal(
      (await double.deliver(webhookUrl(), fresh, PLATFORM_WEBHOOK_SECRET, stale)).status,
      400
    )
    const unsigned = await fetch(webhookUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fresh),
    })
    assert.equal(unsigned.status, 400)
    assert.equal((await unsigned.json()).error.code, 'BAD_REQUEST')
    assert.isNull(
      await db.connection('operator').from('stripe_events').where('event_id', fresh.id).first()
    )

    // The other tenant's account sends an event naming this tenant's subscription: not applied
    // (its Stripe account does not have it), and this tenant's row is untouched.
    const forged = double.event('customer.subscription.deleted', cancelledInStripe, {
      account: other.accountId,
    })
    const answer = await double.deliver(webhookUrl(), forged, PLATFORM_WEBHOOK_SECRET)
    assert.equal(answer.status, 200)
    assert.equal(
      (await billingRow(owner.tenantId, owner.workspaceId)).stripe_subscription_id,
      subId
    )
    // An account no tenant has: acknowledged, ignored.
    const stray = double.event('customer.subscription.deleted', cancelledInStripe, {
      account: 'acct_nobody',
    })
    assert.equal((await double.deliver(webhookUrl(), stray, PLATFORM_WEBHOOK_SECRET)).status, 200)
    assert.equal(
      (await billingRow(owner.tenantId, owner.workspaceId)).stripe_subscription_id,
      subId
    )
    // Own-account URL of a tenant in Connect mode, or of no tenant: 400 like a bad signature.
    assert.equal(
      (await double.deliver(webhookUrl(tenant.tenant.id), fresh, PLATFORM_WEBHOOK_SECRET)).status,
      400
    )
    assert.equal(
      (await double.deliver(webhookUrl('nope'), fresh, PLATFORM_WEBHOOK_SECRET)).status,
      400
    )
    // Signed, but not an event (no data, no object, no id, a type too long to record): 400 in
    // the error shape, nothing recorded (these were 500s).
    const { data, ...bare } = fresh
    for (const notAnEvent of [
      bare,
      { ...fresh, data: null },
      { ...fresh, data: { object: null } },
      { ...fresh, id: undefined },
      { ...fresh, id: `evt_${'x'.repeat(100)}` },
      { ...fresh, type: 'x'.repeat(101) },
      { ...fresh, account: { id: accountId } },
      [data],
    ]) {
      const bad = await double.deliver(webhookUrl(), notAnEvent as any, PLATFORM_WEBHOOK_SECRET)
      assert.equal(bad.status, 400, JSON.stringify(notAnEvent).slice(0, 120))
      assert.equal(JSON.parse(bad.body).error.code, 'BAD_REQUEST')
    }
    assert.isNull(
      await db.connection('operator').from('stripe_events').where('event_id', fresh.id).first()
    )
  }).timeout(60_000)

  test('own-account mode: no Stripe-Account header, events at the tenant URL signed with its secret', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const tenant = await makeTenant()
    const own = double.ownAccount()
    ;(
      await visit(client, 'providers.stripe.update').bearerToken(tenant.secretKey).json({
        secretKey: own.secretKey,
        webhookSecret: 'whsec_own_tenant_secret',
        publishableKey: 'pk_test_ownpublishable',
      })
    ).assertStatus(200)
    const owner = await mintSession(client, tenant.secretKey, { user: 'o' })
    const starter = await createPlan(client, tenant.secretKey, STARTER)
    const from = double.requests.length
    const setup = await visit(client, 'billing.paymentMethod.setup').bearerToken(owner.token)
    assert.equal(setup.body().publishableKey, 'pk_test_ownpublishable')
    assert.notProperty(setup.body(), 'stripeAccount')
    const row = await billingRow(owner.tenantId, owner.workspaceId)
    const card = double.attachCard(own.accountId, row.stripe_customer_id)
    const event = double.event('payment_method.attached', card)
    assert.equal((await double.deliver(webhookUrl(), event, PLATFORM_WEBHOOK_SECRET)).status, 200)
    assert.isNull((await billingRow(owner.tenantId, owner.workspaceId)).payment_method)
    assert.equal(
      (await double.deliver(webhookUrl(tenant.tenant.id), event, 'whsec_other')).status,
      400
    )
    assert.equal(
      (await double.deliver(webhookUrl(tenant.tenant.id), event, 'whsec_own_tenant_secret')).status,
      200
    )
    assert.equal((await billingRow(owner.tenantId, owner.workspaceId)).payment_method.last4, '4242')
    ;(
      await visit(client, 'billing.subscription.store')
        .bearerToken(owner.token)
        .json({ planId: starter.id, interval: 'year' })
    ).assertStatus(201)
    const calls = double.requests.slice(from)
    assert.isTrue(calls.every((c) => c.stripeAccount === null && c.account === own.accountId))
  }).timeout(60_000)

  test('quotas: 402 QUOTA_EXCEEDED naming feature, limit and reset time; alerts at 80 % and 100 % once', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { double } = world
    const { tenant, owner } = await connectedTenant(client, double)
    const free = await createPlan(client, tenant.secretKey, {
      name: 'Free',
      limits: { seats: 2, transcriptionMinutes: 10, whatsappNumbers: 1, campaignRecipients: 100 },
    })
    const receiver = await startWebhookReceiver()
    cleanup(async () => {
      await receiver.close()
    })
    const webhook = await visit(client, 'webhooks.store')
      .bearerToken(owner.token)
      .json({ url: receiver.url, events: ['billing.alert'] })
    webhook.assertStatus(201)
    ;(
      await visit(client, 'billing.subscription.store')
        .bearerToken(owner.token)
        .json({ planId: free.id, interval: 'month' })
    ).assertStatus(201)
    const scope = { tenantId: owner.tenantId, workspaceId: owner.workspaceId }
    for (const [n, minutes] of [
      [1, 4],
      [2, 4],
      [2, 4],
      [3, 1],
    ] as const) {
      await withTenant(scope, (trx) =>
        recordUsage(
          { trx, ...scope },
          { feature: 'transcriptionMinutes', sourceId: `rec-${n}`, quantity: minutes }
        )
      )
    }
    const summary = await visit(client, 'billing.show').bearerToken(owner.token)
    const minutes = summary.body().usage.find((u: any) => u.feature === 'transcriptionMinutes')
    assert.equal(minutes.used, 9)
    assert.equal(minutes.limit, 10)
    // The chart's series: from the period's start at 0 to what is used now, cumulative.
    const series = minutes.series as { at: string; used: number }[]
    assert.deepEqual(series[0], {
      at: new Date(
        Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)
      ).toISOString(),
      used: 0,
    })
    assert.equal(series.at(-1)!.used, 9)
    assert.isAtMost(new Date(series.at(-1)!.at).getTime(), Date.now())
    // One point per day of the period that saw use, at that day's end (or now).
    const monthStart = new Date(series[0].at).getTime()
    for (const [source, quantity, at] of [
      ['early', 3, new Date(monthStart + 3_600_000)],
      ['now', 2, undefined],
    ] as const) {
      await withTenant(scope, (trx) =>
        recordUsage(
          { trx, ...scope },
          { feature: 'campaignRecipients', sourceId: source, quantity, occurredAt: at }
        )
      )
    }
    const again = await visit(client, 'billing.show').bearerToken(owner.token)
    const recipients = again.body().usage.find((u: any) => u.feature === 'campaignRecipients')
    const firstDayOver = Date.now() >= monthStart + 86_400_000
    assert.deepEqual(
      recipients.series.map((p: any) => p.used),
      firstDayOver ? [0, 3, 5] : [0, 5]
    )
    if (firstDayOver)
      assert.equal(new Date(recipients.series[1].at).getTime(), monthStart + 86_400_000)
    assert.notProperty(
      summary.body().usage.find((u: any) => u.feature === 'seats'),
      'series'
    )
    const nextMonth = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)
    )
    assert.equal(new Date(minutes.resetsAt).getTime(), nextMonth.getTime())

    const refused = await withTenant(scope, (trx) =>
      assertCampaignRecipients({ trx, ...scope }, 101).catch((e) => e)
    )
    assert.equal(refused.status, 402)
    assert.include(refused.data, { feature: 'campaignRecipients', limit: 100 })

    // WhatsApp numbers: one allowed.
    const first = await visit(client, 'whatsapp.numbers.store')
      .bearerToken(owner.token)
      .json({ label: 'Sales' })
    first.assertStatus(201)
    const second = await visit(client, 'whatsapp.numbers.store')
      .bearerToken(owner.token)
      .json({ label: 'Support' })
    second.assertStatus(402)
    assert.deepInclude(second.body().error, {
      code: 'QUOTA_EXCEEDED',
      feature: 'whatsappNumbers',
      limit: 1,
      resetsAt: null,
    })
    // Seats: the owner and one more; a third member is refused (and not created).
    await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'second',
      role: 'agent',
    })
    const third = await client
      .post('/v1/sessions')
      .bearerToken(tenant.secretKey)
      .json({
        workspace: { id: 'acme' },
        user: { id: 'third', name: 'T', role: 'agent' },
      })
    third.assertStatus(402)
    assert.equal(third.body().error.feature, 'seats')
    const members = await db
      .connection('operator')
      .from('members')
      .where('workspace_id', owner.workspaceId)
    assert.lengthOf(members, 2, JSON.stringify(members.map((m) => m.external_id)))
    // The same member again is no new seat.
    await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'second',
      role: 'agent',
    })

    // A recording needing 2 minutes with 1 left: kept uploaded, saying QUOTA_EXCEEDED (recordings.ts).
    const alerts = (
      await eventsAfter(channelNames.billing(owner.tenantId, owner.workspaceId), undefined, 100)
    ).events.filter((e) => e.type === 'billing.alert')
    assert.deepEqual(
      alerts.map((a) => [(a.data as any).feature, (a.data as any).threshold]),
      [['transcriptionMinutes', 80]]
    )
    await withTenant(scope, (trx) =>
      recordUsage(
        { trx, ...scope },
        { feature: 'transcriptionMinutes', sourceId: 'rec-4', quantity: 1 }
      )
    )
    await withTenant(scope, (trx) =>
      recordUsage(
        { trx, ...scope },
        { feature: 'transcriptionMinutes', sourceId: 'rec-5', quantity: 1 }
      )
    )
    const all = (
      await eventsAfter(channelNames.billing(owner.tenantId, owner.workspaceId), undefined, 100)
    ).events.filter((e) => e.type === 'billing.alert')
    assert.deepEqual(
      all.map((a) => (a.data as any).threshold),
      [80, 100]
    )
    const deliveries = await db
      .connection('operator')
      .from('webhook_deliveries')
      .where('event_type', 'billing.alert')
    assert.lengthOf(deliveries, 2)
  }).timeout(60_000)

  test('usage over a plan with overage is reported to Stripe once per record, batched, with identifier and timestamp', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { tenant, accountId, owner } = await connectedTenant(client, double)
    const pro = await createPlan(client, tenant.secretKey, {
      ...MONTHLY_PRO,
      overage: { transcriptionMinutes: { unitAmount: 2 } },
    })
    await visit(client, 'billing.paymentMethod.setup').bearerToken(owner.token)
    const row = await billingRow(owner.tenantId, owner.workspaceId)
    double.attachCard(accountId, row.stripe_customer_id)
    ;(
      await visit(client, 'billing.subscription.store')
        .bearerToken(owner.token)
        .json({ planId: pro.id, interval: 'month' })
    ).assertStatus(201)
    const sub = double.subscription(
      accountId,
      (await billingRow(owner.tenantId, owner.workspaceId)).stripe_subscription_id
    )
    assert.lengthOf(sub.items.data, 2)

    const scope = { tenantId: owner.tenantId, workspaceId: owner.workspaceId }
    const record = (source: string, quantity: number, occurredAt?: Date) =>
      withTenant(scope, (trx) =>
        recordUsage(
          { trx, ...scope },
          { feature: 'transcriptionMinutes', sourceId: source, quantity, occurredAt }
        )
      )
    assert.isTrue(await record('r1', 1.5))
    assert.isTrue(await record('r2', 2.25))
    assert.isFalse(await record('r1', 1.5))
    // Older than 35 days: never sent.
    await record('old', 7, new Date(Date.now() - 40 * 86_400_000))
    // A failure on the first try: the same batch (same identifier) goes next time.
    double.state.failNext = 1
    await reportUsage()
    assert.lengthOf(double.meterEvents(accountId), 0)
    await reportUsage()
    await reportUsage()
    const events = double.meterEvents(accountId)
    assert.lengthOf(events, 1)
    assert.equal(events[0].payload.value, '3.75')
    assert.equal(events[0].payload.stripe_customer_id, row.stripe_customer_id)
    assert.equal(events[0].event_name, 'parley_transcription_minutes')
    assert.isAtLeast(events[0].timestamp, Math.floor(Date.now() / 1000) - 60)
    const posts = double.requests.filter((r) => r.path === '/v1/billing/meter_events')
    assert.lengthOf(posts, 2)
    assert.equal(posts[0].params.identifier, posts[1].params.identifier)
    assert.isTrue(posts.every((p) => p.stripeAccount === accountId))

    await record('r3', 1)
    await reportUsage()
    assert.lengthOf(double.meterEvents(accountId), 2)
    const unreported = await db
      .connection('operator')
      .from('usage_records')
      .where('workspace_id', owner.workspaceId)
      .whereNull('reported_at')
    assert.lengthOf(unreported, 0)
  }).timeout(60_000)

  test('roles: owners manage, admins read, agents and sessions without billing are refused; ids of others are 404', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { tenant } = await connectedTenant(client, double)
    const otherTenant = await connectedTenant(client, double)
    const foreign = await createPlan(client, otherTenant.tenant.secretKey, STARTER)
    const mine = await createPlan(client, tenant.secretKey, STARTER)
    const admin = await mintSession(client, tenant.secretKey, { user: 'adm', role: 'admin' })
    const agent = await mintSession(client, tenant.secretKey, { user: 'agt', role: 'agent' })
    const noBilling = await mintSession(client, tenant.secretKey, {
      user: 'nb',
      widgets: ['inbox'],
    })
    ;(await visit(client, 'billing.show').bearerToken(admin.token)).assertStatus(200)
    ;(await visit(client, 'billing.invoices.index').bearerToken(admin.token)).assertStatus(200)
    for (const [name, body] of [
      ['billing.subscription.store', { planId: mine.id, interval: 'month' }],
      ['billing.preview', { planId: mine.id, interval: 'month' }],
      ['billing.paymentMethod.setup', undefined],
      ['billing.subscription.destroy', {}],
    ] as const) {
      const r = visit(client, name).bearerToken(admin.token)
      assert.equal((await (body ? r.json(body) : r)).status(), 403, name)
    }
    for (const token of [agent.token, noBilling.token]) {
      ;(await visit(client, 'billing.show').bearerToken(token)).assertStatus(403)
      ;(await visit(client, 'billing.plans.index').bearerToken(token)).assertStatus(403)
    }
    const owner = await mintSession(client, tenant.secretKey, { user: 'own' })
    for (const name of ['billing.subscription.store', 'billing.preview']) {
      const response = await visit(client, name)
        .bearerToken(owner.token)
        .json({ planId: foreign.id, interval: 'month' })
      response.assertStatus(404)
    }
    // Another workspace's subscription is not this one's: each workspace has its own.
    const elsewhere = await mintSession(client, tenant.secretKey, {
      workspace: 'beta',
      user: 'own',
    })
    const shown = await visit(client, 'billing.show').bearerToken(elsewhere.token)
    assert.isNull(shown.body().subscription)
  }).timeout(60_000)
})
