import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { connectedTenant, createPlan, MONTHLY_PRO, stripeWorld } from './helpers.js'

test.group('Billing · Stripe provider and plans', (group) => {
  let world: Awaited<ReturnType<typeof stripeWorld>>
  group.setup(async () => {
    world = await stripeWorld()
    return () => world.close()
  })

  test('without Stripe every billing route answers 424 PROVIDER_NOT_CONFIGURED', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const owner = await mintSession(client, tenant.secretKey, { user: 'o' })
    const id = '0190f0f0-0000-7000-8000-000000000000'
    const tenantRoutes: [string, Record<string, unknown>, object?][] = [
      ['plans.index', {}],
      ['plans.store', {}, MONTHLY_PRO],
      ['plans.show', { id }],
      ['plans.update', { id }, { name: 'x' }],
      ['plans.destroy', { id }],
    ]
    for (const [name, params, body] of tenantRoutes) {
      const r = visit(client, name, params).bearerToken(tenant.secretKey)
      const response = await (body ? r.json(body) : r)
      assert.equal(response.status(), 424, name)
      assert.equal(response.body().error.code, 'PROVIDER_NOT_CONFIGURED', name)
    }
    const widgetRoutes: [string, object?][] = [
      ['billing.show'],
      ['billing.plans.index'],
      ['billing.preview', { planId: id, interval: 'month' }],
      ['billing.subscription.store', { planId: id, interval: 'month' }],
      ['billing.subscription.destroy', { atPeriodEnd: true }],
      ['billing.subscription.resume'],
      ['billing.paymentMethod.setup'],
      ['billing.invoices.index'],
    ]
    for (const [name, body] of widgetRoutes) {
      const r = visit(client, name).bearerToken(owner.token)
      const response = await (body ? r.json(body) : r)
      assert.equal(response.status(), 424, name)
      assert.equal(response.body().error.code, 'PROVIDER_NOT_CONFIGURED', name)
    }
  })

  test('PUT /v1/providers/stripe verifies with one read call, stores secrets sealed and never returns them', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const tenant = await makeTenant()
    const put = (body: object) =>
      visit(client, 'providers.stripe.update').bearerToken(tenant.secretKey).json(body)

    ;(await put({})).assertStatus(422)
    ;(await put({ accountId: 'acct_x', secretKey: 'sk_test_abcdefghij' })).assertStatus(422)
    ;(await put({ secretKey: 'rk_test_abcdefghijkl' })).assertStatus(422)
    // An account that is not connected to the platform, a key Stripe refuses: 422 naming the field.
    const unknown = await put({ accountId: 'acct_notconnected' })
    unknown.assertStatus(422)
    assert.equal(unknown.body().error.details[0].field, 'accountId')
    const refused = await put({
      secretKey: 'rk_test_refusedkey123',
      webhookSecret: 'whsec_abcdefgh',
    })
    refused.assertStatus(422)
    assert.equal(refused.body().error.details[0].field, 'secretKey')

    const own = double.ownAccount()
    const before = double.requests.length
    const ok = await put({
      secretKey: own.secretKey,
      webhookSecret: 'whsec_tenant_own_secret',
      publishableKey: 'pk_test_tenantpublishable',
    })
    ok.assertStatus(200)
    assert.deepEqual(ok.body(), {
      mode: 'own',
      accountId: own.accountId,
      livemode: false,
      publishableKey: 'pk_test_tenantpublishable',
    })
    const calls = double.requests.slice(before)
    assert.deepEqual(
      calls.map((c) => `${c.method} ${c.path}`),
      ['GET /v1/account']
    )
    const sealed = await db
      .connection('operator')
      .from('provider_credentials')
      .where('tenant_id', tenant.tenant.id)
      .where('provider', 'stripe')
      .firstOrFail()
    assert.notInclude(sealed.sealed, own.secretKey)
    assert.notInclude(sealed.sealed, 'whsec_tenant_own_secret')

    // Connect: the platform key reads the connected account; no secret of the tenant is kept.
    const accountId = double.connectAccount()
    const connect = await put({ accountId })
    connect.assertStatus(200)
    assert.deepEqual(connect.body(), {
      mode: 'connect',
      accountId,
      livemode: false,
      publishableKey: null,
    })
    assert.equal(double.requests.at(-1)!.path, `/v1/accounts/${accountId}`)
    assert.isNull(
      await db
        .connection('operator')
        .from('provider_credentials')
        .where('tenant_id', tenant.tenant.id)
        .where('provider', 'stripe')
        .first()
    )
    // A second tenant cannot claim the same connected account.
    const other = await makeTenant()
    const taken = await visit(client, 'providers.stripe.update')
      .bearerToken(other.secretKey)
      .json({ accountId })
    assert.isAtLeast(taken.status(), 400)
    assert.isBelow(taken.status(), 500)
  })

  test('plans sync to Products and Prices in the connected account, with Stripe-Account and idempotency keys', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { tenant, accountId } = await connectedTenant(client, double)
    const from = double.requests.length
    const plan = await createPlan(client, tenant.secretKey, {
      ...MONTHLY_PRO,
      trialDays: 14,
      overage: { transcriptionMinutes: { unitAmount: 2 } },
    })
    assert.equal(plan.name, 'Pro')
    assert.equal(plan.trialDays, 14)
    assert.deepEqual(plan.limits, MONTHLY_PRO.limits)
    assert.deepEqual(plan.overage, { transcriptionMinutes: { unitAmount: 2 } })
    assert.match(plan.stripeProductId, /^prod_/)
    assert.lengthOf(plan.prices, 2)

    const calls = double.requests.slice(from)
    // Every call acts on the connected account, under the platform key.
    assert.isTrue(calls.every((c) => c.stripeAccount === accountId && c.account === accountId))
    const posts = calls.filter((c) => c.method === 'POST')
    assert.isTrue(posts.every((c) => typeof c.idempotencyKey === 'string'))
    assert.equal(new Set(posts.map((c) => c.idempotencyKey)).size, posts.length)
    assert.deepEqual(
      posts.map((c) => c.path),
      ['/v1/products', '/v1/prices', '/v1/prices', '/v1/billing/meters', '/v1/prices', '/v1/prices']
    )
    const prices = double.objects(accountId, 'price')
    const licensed = prices.filter((p) => p.recurring.usage_type === 'licensed')
    assert.sameMembers(
      licensed.map((p) => `${p.recurring.interval}:${p.unit_amount}`),
      ['month:2900', 'year:29000']
    )
    const metered = prices.filter((p) => p.recurring.usage_type === 'metered')
    assert.lengthOf(metered, 2)
    assert.deepEqual(metered[0].tiers, [
      { up_to: 600, unit_amount: 0 },
      { up_to: null, unit_amount: 2 },
    ])

    // Saving it unchanged creates nothing; a new monthly amount is a new Price, the old one archived.
    const beforePatch = double.objects(accountId, 'price').length
    ;(
      await visit(client, 'plans.update', { id: plan.id })
        .bearerToken(tenant.secretKey)
        .json({ name: 'Pro' })
    ).assertStatus(200)
    assert.equal(double.objects(accountId, 'price').length, beforePatch)
    // A blank name reaches the validator as null (the body parser trims it and turns '' into
    // null): it was 200 with the name silently kept. A blank description clears it.
    for (const name of [' ', '', null]) {
      const blank = await visit(client, 'plans.update', { id: plan.id })
        .bearerToken(tenant.secretKey)
        .json({ name })
      assert.equal(blank.status(), 422, JSON.stringify(name))
      assert.deepEqual(
        blank.body().error.details.map((d: any) => d.field),
        ['name']
      )
    }
    const undescribed = await visit(client, 'plans.update', { id: plan.id })
      .bearerToken(tenant.secretKey)
      .json({ description: ' ' })
    undescribed.assertStatus(200)
    assert.include(undescribed.body(), { name: 'Pro', description: null })
    const patched = await visit(client, 'plans.update', { id: plan.id })
      .bearerToken(tenant.secretKey)
      .json({
        prices: [
          { interval: 'month', amount: 3900, currency: 'usd' },
          { interval: 'year', amount: 29000, currency: 'usd' },
        ],
      })
    patched.assertStatus(200)
    const oldMonthly = plan.prices.find((p: any) => p.interval === 'month').stripePriceId
    const newMonthly = patched.body().prices.find((p: any) => p.interval === 'month').stripePriceId
    assert.notEqual(newMonthly, oldMonthly)
    assert.isFalse(double.object(accountId, oldMonthly)!.active)
    assert.equal(double.object(accountId, newMonthly)!.unit_amount, 3900)
    assert.equal(
      patched.body().prices.find((p: any) => p.interval === 'year').stripePriceId,
      plan.prices.find((p: any) => p.interval === 'year').stripePriceId
    )

    // A retried creation (same content, same key) is Stripe's first answer, not a second Price.
    const replayFrom = double.requests.length
    ;(
      await visit(client, 'plans.update', { id: plan.id })
        .bearerToken(tenant.secretKey)
        .json({
          prices: plan.prices.map(({ interval, amount, currency }: any) => ({
            interval,
            amount,
            currency,
          })),
        })
    ).assertStatus(200)
    const replayed = double.requests.slice(replayFrom).filter((c) => c.path === '/v1/prices')
    assert.isTrue(replayed.length > 0 && replayed.every((c) => c.replayed))
    assert.isTrue(double.object(accountId, oldMonthly)!.active)

    // DELETE archives: the plan, its Product and every Price stay, inactive.
    ;(
      await visit(client, 'plans.destroy', { id: plan.id }).bearerToken(tenant.secretKey)
    ).assertStatus(204)
    assert.isFalse(double.object(accountId, plan.stripeProductId)!.active)
    assert.isTrue(double.objects(accountId, 'price').every((p) => !p.active))
    const list = await visit(client, 'plans.index').bearerToken(tenant.secretKey)
    assert.deepEqual(list.body().data, [])
    const shown = await visit(client, 'plans.show', { id: plan.id }).bearerToken(tenant.secretKey)
    assert.isTrue(shown.body().archived)
  })

  test('a free plan has no Stripe objects; bad plans are 422 with a detail each', async ({
    client,
    assert,
  }) => {
    const { double } = world
    const { tenant, accountId } = await connectedTenant(client, double)
    const from = double.requests.length
    const free = await createPlan(client, tenant.secretKey, {
      name: 'Free',
      limits: { seats: 1, transcriptionMinutes: 30 },
    })
    assert.isNull(free.stripeProductId)
    assert.deepEqual(free.prices, [])
    assert.lengthOf(double.requests.slice(from), 0)
    assert.lengthOf(double.objects(accountId), 0)

    const bad = await visit(client, 'plans.store')
      .bearerToken(tenant.secretKey)
      .json({
        name: 'Twice',
        prices: [
          { interval: 'month', amount: 100, currency: 'usd' },
          { interval: 'month', amount: 200, currency: 'usd' },
        ],
        overage: { campaignRecipients: { unitAmount: 1 } },
      })
    bad.assertStatus(422)
    assert.sameMembers(
      bad.body().error.details.map((d: any) => d.field),
      ['prices.1', 'overage.campaignRecipients']
    )
  })

  test("another tenant's plans answer 404", async ({ client }) => {
    const { double } = world
    const one = await connectedTenant(client, double)
    const two = await connectedTenant(client, double)
    const plan = await createPlan(client, one.tenant.secretKey, MONTHLY_PRO)
    for (const name of ['plans.show', 'plans.update', 'plans.destroy']) {
      const r = visit(client, name, { id: plan.id }).bearerToken(two.tenant.secretKey)
      ;(await (name === 'plans.update' ? r.json({ name: 'mine' }) : r)).assertStatus(404)
    }
    ;(
      await visit(client, 'plans.show', { id: 'not-a-uuid' }).bearerToken(one.tenant.secretKey)
    ).assertStatus(404)
  })
})
