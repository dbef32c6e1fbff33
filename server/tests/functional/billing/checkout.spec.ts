import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { channelNames } from '#services/realtime/channels'
import { eventsAfter, makeTenant, mintSession, ORIGIN, visit } from '#tests/helpers'
import {
  connectedTenant,
  createPlan,
  MONTHLY_PRO,
  PLATFORM_WEBHOOK_SECRET,
  stripeWorld,
  webhookUrl,
} from './helpers.js'

async function billingRow(tenantId: string, workspaceId: string) {
  return db
    .connection('operator')
    .from('workspace_billing')
    .where('tenant_id', tenantId)
    .where('workspace_id', workspaceId)
    .first()
}

const sessionIdOf = (url: string) => url.split('/').pop()!

test.group('Billing · hosted Checkout fallback (setup mode)', (group) => {
  let world: Awaited<ReturnType<typeof stripeWorld>>
  group.setup(async () => {
    world = await stripeWorld()
    return () => world.close()
  })

  test('Connect: a setup-mode session on the connected account, keyed by workspace and nonce', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { tenant, accountId, owner } = await connectedTenant(client, double)
    await createPlan(client, tenant.secretKey, MONTHLY_PRO)
    const returnUrl = `${ORIGIN}/settings/billing?tab=card#payment`
    const from = double.requests.length
    const answer = await visit(client, 'billing.paymentMethod.checkout')
      .bearerToken(owner.token)
      .json({ returnUrl, nonce: 'click-0001' })
    answer.assertStatus(200)
    assert.match(answer.body().url, /^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/)
    const expiresIn = Date.parse(answer.body().expiresAt) - Date.now()
    assert.isAbove(expiresIn, 50 * 60_000)
    assert.isAtMost(expiresIn, 60 * 60_000)

    const row = await billingRow(owner.tenantId, owner.workspaceId)
    const created = double.requests
      .slice(from)
      .filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions')
    assert.lengthOf(created, 1)
    assert.equal(created[0].stripeAccount, accountId)
    assert.equal(created[0].idempotencyKey, `parley-checkout-${owner.workspaceId}-click-0001`)
    assert.include(created[0].params, {
      mode: 'setup',
      customer: row.stripe_customer_id,
      currency: 'usd',
      success_url: returnUrl,
      cancel_url: returnUrl,
    })
    assert.equal(created[0].params.metadata.parley_workspace_id, owner.workspaceId)
    // Every call of the route spoke for the connected account.
    assert.isTrue(double.requests.slice(from).every((r) => r.stripeAccount === accountId))

    // The same click retried: Stripe answers the first session again; a new click, a new one.
    const retried = await visit(client, 'billing.paymentMethod.checkout')
      .bearerToken(owner.token)
      .json({ returnUrl, nonce: 'click-0001' })
    assert.equal(retried.body().url, answer.body().url)
    assert.isTrue(double.requests.at(-1)!.replayed)
    const another = await visit(client, 'billing.paymentMethod.checkout')
      .bearerToken(owner.token)
      .json({ returnUrl })
    assert.notEqual(another.body().url, answer.body().url)
  }).timeout(30_000)

  test("own mode: the tenant's key, no Stripe-Account, the plan's currency, http on localhost", async ({
    client,
    assert,
  }) => {
    const { double } = world
    const tenant = await makeTenant('Own', [ORIGIN, 'http://localhost:5173'])
    const own = double.ownAccount()
    ;(
      await visit(client, 'providers.stripe.update').bearerToken(tenant.secretKey).json({
        secretKey: own.secretKey,
        webhookSecret: 'whsec_own_checkout_secret',
      })
    ).assertStatus(200)
    await createPlan(client, tenant.secretKey, {
      ...MONTHLY_PRO,
      prices: [{ interval: 'month', amount: 2500, currency: 'eur' }],
    })
    const owner = await mintSession(client, tenant.secretKey, { user: 'o' })
    const from = double.requests.length
    // No publishable key is needed: the card is entered on Stripe's page, not with Stripe.js.
    const answer = await visit(client, 'billing.paymentMethod.checkout')
      .bearerToken(owner.token)
      .json({ returnUrl: 'http://localhost:5173/billing' })
    answer.assertStatus(200)
    const calls = double.requests.slice(from)
    assert.isTrue(calls.every((c) => c.stripeAccount === null && c.account === own.accountId))
    const created = calls.find((r) => r.path === '/v1/checkout/sessions')!
    assert.equal(created.params.currency, 'eur')
    assert.match(created.idempotencyKey!, new RegExp(`^parley-checkout-${owner.workspaceId}-`))
  }).timeout(30_000)

  test('returnUrl off the allowed origins, or not https, is 422 and asks Stripe nothing', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { owner } = await connectedTenant(client, double)
    const from = double.requests.length
    for (const returnUrl of [
      'https://evil.test/steal',
      'https://app.one.test.evil.test/',
      'http://app.one.test/billing',
      'http://localhost:5173/billing',
      'https://user:pass@app.one.test/',
      'javascript:alert(1)',
      '//app.one.test/billing',
      'not a url',
    ]) {
      const answer = await visit(client, 'billing.paymentMethod.checkout')
        .bearerToken(owner.token)
        .json({ returnUrl })
      answer.assertStatus(422)
      assert.equal(answer.body().error.code, 'VALIDATION_ERROR')
      assert.equal(answer.body().error.details[0].field, 'returnUrl', returnUrl)
    }
    const missing = await visit(client, 'billing.paymentMethod.checkout')
      .bearerToken(owner.token)
      .json({})
    missing.assertStatus(422)
    const extra = await visit(client, 'billing.paymentMethod.checkout')
      .bearerToken(owner.token)
      .json({ returnUrl: `${ORIGIN}/`, successUrl: 'https://evil.test/' })
    extra.assertStatus(422)
    assert.lengthOf(double.requests.slice(from), 0)
  }).timeout(30_000)

  test('admins and agents may not (403); without Stripe it is 424', async ({ client, assert }) => {
    const { double } = world
    const { tenant } = await connectedTenant(client, double)
    for (const role of ['admin', 'agent'] as const) {
      const member = await mintSession(client, tenant.secretKey, {
        workspace: 'acme',
        user: role,
        role,
      })
      const answer = await visit(client, 'billing.paymentMethod.checkout')
        .bearerToken(member.token)
        .json({ returnUrl: `${ORIGIN}/` })
      answer.assertStatus(403)
    }
    const bare = await makeTenant('No Stripe')
    const owner = await mintSession(client, bare.secretKey, { user: 'o' })
    const answer = await visit(client, 'billing.paymentMethod.checkout')
      .bearerToken(owner.token)
      .json({ returnUrl: `${ORIGIN}/` })
    answer.assertStatus(424)
    assert.equal(answer.body().error.code, 'PROVIDER_NOT_CONFIGURED')
  }).timeout(30_000)

  test('checkout.session.completed makes the card the default once, replayed three times', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { accountId, owner } = await connectedTenant(client, double)
    const answer = await visit(client, 'billing.paymentMethod.checkout')
      .bearerToken(owner.token)
      .json({ returnUrl: `${ORIGIN}/billing` })
    const sessionId = sessionIdOf(answer.body().url)
    const customerId = (await billingRow(owner.tenantId, owner.workspaceId)).stripe_customer_id

    // Still open (the customer has not finished): an event about it changes nothing.
    const early = double.event('checkout.session.completed', double.object(accountId, sessionId)!, {
      account: accountId,
    })
    assert.equal((await double.deliver(webhookUrl(), early, PLATFORM_WEBHOOK_SECRET)).status, 200)
    assert.isNull((await billingRow(owner.tenantId, owner.workspaceId)).payment_method)

    const session = double.completeCheckout(accountId, sessionId, { last4: '1881' })
    const pmId = double.object(accountId, session.setup_intent)!.payment_method
    assert.isNull(double.object(accountId, customerId)!.invoice_settings.default_payment_method)
    const channel = channelNames.billing(owner.tenantId, owner.workspaceId)
    const before = (await eventsAfter(channel, undefined, 100)).events.length
    const from = double.requests.length

    const completed = double.event('checkout.session.completed', session, { account: accountId })
    const answers = []
    for (let i = 0; i < 3; i++)
      answers.push(await double.deliver(webhookUrl(), completed, PLATFORM_WEBHOOK_SECRET))
    assert.deepEqual(
      answers.map((a) => [a.status, JSON.parse(a.body).applied]),
      [
        [200, true],
        [200, false],
        [200, false],
      ]
    )
    assert.equal(
      double.object(accountId, customerId)!.invoice_settings.default_payment_method,
      pmId
    )
    const updates = double.requests
      .slice(from)
      .filter((r) => r.method === 'POST' && r.path === `/v1/customers/${customerId}`)
    assert.lengthOf(updates, 1)
    // Re-read from Stripe, not taken from the event.
    assert.isTrue(
      double.requests
        .slice(from)
        .some((r) => r.method === 'GET' && r.path === `/v1/setup_intents/${session.setup_intent}`)
    )
    const row = await billingRow(owner.tenantId, owner.workspaceId)
    assert.equal(row.payment_method.last4, '1881')
    const published = (await eventsAfter(channel, undefined, 100)).events.slice(before)
    assert.deepEqual(
      published.map((e) => [e.type, (e.data as any).cause]),
      [['billing.updated', 'checkout.session.completed']]
    )
  }).timeout(30_000)

  test("another tenant's session or customer changes nothing", async ({ client, assert }) => {
    const { double } = world
    const a = await connectedTenant(client, double, 'a-co')
    const b = await connectedTenant(client, double, 'b-co')
    const bAnswer = await visit(client, 'billing.paymentMethod.checkout')
      .bearerToken(b.owner.token)
      .json({ returnUrl: `${ORIGIN}/billing` })
    const bSession = double.completeCheckout(b.accountId, sessionIdOf(bAnswer.body().url))
    const bCustomer = (await billingRow(b.owner.tenantId, b.owner.workspaceId)).stripe_customer_id
    ;(
      await visit(client, 'billing.paymentMethod.checkout')
        .bearerToken(a.owner.token)
        .json({ returnUrl: `${ORIGIN}/billing` })
    ).assertStatus(200)

    // B's session, sent as an event of A's account: A's Stripe has no such session.
    const crossed = double.event('checkout.session.completed', bSession, { account: a.accountId })
    const answer = await double.deliver(webhookUrl(), crossed, PLATFORM_WEBHOOK_SECRET)
    assert.equal(answer.status, 200)
    assert.isFalse(JSON.parse(answer.body).applied)

    // A customer in A's account that names tenant B in its metadata (made outside Parley).
    const stripeCall = async (path: string, body: string) =>
      (
        await fetch(`${double.url}${path}`, {
          method: 'POST',
          headers: {
            'authorization': `Bearer ${double.platformKey}`,
            'stripe-account': a.accountId,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body,
        })
      ).json()
    const forgedCustomer = await stripeCall(
      '/v1/customers',
      `metadata[parley_tenant_id]=${b.owner.tenantId}&metadata[parley_workspace_id]=${b.owner.workspaceId}`
    )
    const forgedSession = await stripeCall(
      '/v1/checkout/sessions',
      `mode=setup&currency=usd&customer=${forgedCustomer.id}&success_url=https://x.test/`
    )
    const done = double.completeCheckout(a.accountId, forgedSession.id)
    const forged = double.event('checkout.session.completed', done, { account: a.accountId })
    const second = await double.deliver(webhookUrl(), forged, PLATFORM_WEBHOOK_SECRET)
    assert.equal(second.status, 200)
    assert.isFalse(JSON.parse(second.body).applied)

    assert.isNull((await billingRow(a.owner.tenantId, a.owner.workspaceId)).payment_method)
    assert.isNull((await billingRow(b.owner.tenantId, b.owner.workspaceId)).payment_method)
    assert.isNull(double.object(b.accountId, bCustomer)!.invoice_settings.default_payment_method)
    assert.isNull(
      double.object(a.accountId, forgedCustomer.id)!.invoice_settings.default_payment_method
    )
  }).timeout(30_000)
})
