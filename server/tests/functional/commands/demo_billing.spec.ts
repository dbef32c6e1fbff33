import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import DemoSeed, { DEMO_TENANT_ID } from '#commands/demo_seed'
import { withTenant } from '#services/tenant_context'

test.group('demo:seed · billing plans', () => {
  test('Free, Pro $29 and Business $99 with limits, seeded once; without Stripe billing answers 424', async ({
    assert,
    client,
  }) => {
    ace.ui.switchMode('raw')
    let keys: { secretKey: string } | undefined
    try {
      for (let i = 0; i < 2; i++) {
        const instance = await ace.create(DemoSeed, ['--json'])
        const before = instance.logger.getLogs().length
        await instance.exec()
        instance.assertSucceeded()
        const logs = instance.logger.getLogs().slice(before) as { message: string }[]
        keys = JSON.parse(logs.map((l) => l.message).join('\n'))
      }
    } finally {
      ace.ui.switchMode('normal')
    }
    const plans = await withTenant(
      { tenantId: DEMO_TENANT_ID },
      (trx) =>
        trx
          .from('plans')
          .where('tenant_id', DEMO_TENANT_ID)
          .orderBy('name')
          .select('name', 'prices', 'limits', 'public', 'stripe_product_id'),
      'operator'
    )
    assert.deepEqual(
      plans.map((p) => [
        p.name,
        p.prices.map((x: any) => `${x.interval}:${x.amount}:${x.currency}`),
        p.limits.campaignRecipients,
        p.public,
        p.stripe_product_id,
      ]),
      [
        ['Business', ['month:9900:usd', 'year:99000:usd'], 50000, true, null],
        ['Free', [], 100, true, null],
        ['Pro', ['month:2900:usd', 'year:29000:usd'], 5000, true, null],
      ]
    )
    assert.isTrue(plans.every((p) => Object.keys(p.limits).length === 4))

    // The demo tenant has not connected Stripe: the widget's routes say what to configure.
    const session = await client
      .post('/v1/sessions')
      .bearerToken(keys!.secretKey)
      .json({
        workspace: { id: 'demo-co', name: 'Demo Co' },
        user: { id: 'u_ana', name: 'Ana Lima', role: 'owner' },
      })
    session.assertStatus(201)
    const billing = await client.get('/v1/billing').bearerToken(session.body().token)
    billing.assertStatus(424)
    assert.equal(billing.body().error.code, 'PROVIDER_NOT_CONFIGURED')
  }).timeout(60_000)
})
