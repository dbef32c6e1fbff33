import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import DemoSeed from '#commands/demo_seed'
import { DEMO_TENANT_ID } from '#commands/demo_seed'
import { withTenant } from '#services/tenant_context'
import { DEMO_CAMPAIGN_NAME, DEMO_DRIP_NAME } from '#services/demo_campaigns'

test.group('demo:seed · campaigns', () => {
  test('a finished web broadcast with a funnel over hours and a draft drip, seeded once', async ({
    assert,
  }) => {
    ace.ui.switchMode('raw')
    try {
      for (let i = 0; i < 2; i++) {
        const instance = await ace.create(DemoSeed, ['--json'])
        await instance.exec()
        instance.assertSucceeded()
      }
    } finally {
      ace.ui.switchMode('normal')
    }
    const { campaigns, recipients, hours, messages } = await withTenant(
      { tenantId: DEMO_TENANT_ID },
      async (trx) => {
        const list = await trx
          .from('campaigns')
          .where('tenant_id', DEMO_TENANT_ID)
          .orderBy('name')
          .select('id', 'name', 'kind', 'status', 'audience_count')
        const broadcast = list.find((c) => c.name === DEMO_CAMPAIGN_NAME)!
        const { rows } = await trx.rawQuery(
          `select status, count(*)::int as n from campaign_recipients
            where tenant_id = ? and campaign_id = ? group by status order by status`,
          [DEMO_TENANT_ID, broadcast.id]
        )
        const spread = await trx.rawQuery(
          `select count(distinct date_trunc('hour', read_at))::int as n from campaign_recipients
            where tenant_id = ? and campaign_id = ?`,
          [DEMO_TENANT_ID, broadcast.id]
        )
        const sent = await trx
          .from('messages')
          .where('tenant_id', DEMO_TENANT_ID)
          .where('campaign_id', broadcast.id)
          .count('* as n')
        return { campaigns: list, recipients: rows, hours: spread.rows[0].n, messages: sent[0].n }
      },
      'operator'
    )
    assert.deepEqual(
      campaigns.map((c) => [c.name, c.kind, c.status]),
      [
        [DEMO_CAMPAIGN_NAME, 'broadcast', 'completed'],
        [DEMO_DRIP_NAME, 'drip', 'draft'],
      ]
    )
    assert.deepEqual(
      Object.fromEntries(recipients.map((r: { status: string; n: number }) => [r.status, r.n])),
      { delivered: 6, failed: 1, read: 10, replied: 7, sent: 4, skipped: 2 }
    )
    assert.equal(Number(messages), 28)
    assert.isAbove(hours, 3)
  })
})
