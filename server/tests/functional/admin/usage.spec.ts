import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { signedInAdmin } from './admin_browser.js'

test.group('Admin usage across tenants', () => {
  test('per tenant and feature with series and totals, by day and by month; bad ranges 422', async ({
    assert,
    client,
  }) => {
    const { browser } = await signedInAdmin()
    const one = await makeTenant('Usage one')
    const two = await makeTenant('Usage two')
    const plan: [typeof one, string, number][] = [
      [one, 'one-a', 2],
      [one, 'one-b', 1],
      [two, 'two-a', 1],
    ]
    for (const [tenant, workspace, messages] of plan) {
      const session = await mintSession(client, tenant.secretKey, { workspace })
      for (let n = 0; n < messages; n++) {
        const created = await visit(client, 'conversations.store')
          .bearerToken(session.token)
          .json({ channel: 'web', contact: { email: `c${n}.${workspace}@usage.test` }, body: 'Hi' })
        created.assertStatus(201)
      }
    }
    // Minutes as the transcription pipeline records them (billing's ledger).
    const [workspace] = await db
      .connection('operator')
      .from('workspaces')
      .where('tenant_id', two.tenant.id)
      .select('id')
    await db.connection('operator').table('usage_records').insert({
      tenant_id: two.tenant.id,
      workspace_id: workspace.id,
      id: crypto.randomUUID(),
      feature: 'transcriptionMinutes',
      source_id: 'rec-usage',
      quantity: 4.5,
    })

    const byDay = await browser.get('/v1/admin/usage')
    assert.equal(byDay.status, 200)
    const body = byDay.body
    assert.equal(body.granularity, 'day')
    assert.includeMembers(body.features, [
      'messagesSent',
      'transcriptionMinutes',
      'whatsappNumbers',
    ])
    const of = (id: string, feature: string) =>
      body.data.find((d: any) => d.tenantId === id && d.feature === feature)
    const today = new Date().toISOString().slice(0, 10)
    // Summed over the tenant's workspaces.
    assert.deepEqual(of(one.tenant.id, 'messagesSent'), {
      tenantId: one.tenant.id,
      tenant: { name: 'Usage one', status: 'active' },
      feature: 'messagesSent',
      total: 3,
      series: [{ at: `${today}T00:00:00.000Z`, quantity: 3 }],
    })
    assert.equal(of(two.tenant.id, 'messagesSent').total, 1)
    assert.equal(of(two.tenant.id, 'transcriptionMinutes').total, 4.5)
    assert.isUndefined(of(one.tenant.id, 'transcriptionMinutes'))

    // Totals: every tenant's use (other tests' tenants too), so at least ours, and consistent.
    const total = body.totals.find((t: any) => t.feature === 'messagesSent')
    assert.isAtLeast(total.total, 4)
    const summed = body.data
      .filter((d: any) => d.feature === 'messagesSent')
      .reduce((sum: number, d: any) => sum + d.total, 0)
    assert.equal(total.total, summed)
    assert.equal(
      total.series.reduce((sum: number, p: any) => sum + p.quantity, 0),
      total.total
    )

    const byMonth = await browser.get('/v1/admin/usage?granularity=month')
    const monthly = byMonth.body.data.find(
      (d: any) => d.tenantId === one.tenant.id && d.feature === 'messagesSent'
    )
    assert.deepEqual(monthly.series, [{ at: `${today.slice(0, 7)}-01T00:00:00.000Z`, quantity: 3 }])

    const past = await browser.get(
      '/v1/admin/usage?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z'
    )
    assert.equal(past.status, 200)
    assert.deepEqual(past.body.data, [])
    assert.deepEqual(
      past.body.totals.map((t: any) => t.total),
      [0, 0, 0]
    )

    // The tenant list's month summary reads the same sums.
    const listed = await browser.get(`/v1/admin/tenants?q=${one.tenant.id}`)
    assert.equal(listed.body.data[0].usage.features.messagesSent, 3)

    for (const qs of [
      'granularity=week',
      'from=yesterday',
      'from=2024-02-01T00:00:00Z&to=2024-01-01T00:00:00Z',
      'from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z',
      'extra=1',
      // Before PostgreSQL's timestamptz range (this was a 500).
      'from=-100000-01-01&to=-099999-06-01&granularity=month',
    ]) {
      const refused = await browser.get(`/v1/admin/usage?${qs}`)
      assert.equal(refused.status, 422, qs)
      assert.equal(refused.body.error.code, 'VALIDATION_ERROR')
    }
    // Days that do not exist (these were 200 for another range: March 2, or year 1900).
    for (const [qs, field] of [
      ['from=2026-02-30&to=2026-03-10', 'from'],
      ['from=2026-04-01&to=2026-04-31T10:00:00Z', 'to'],
      ['from=0000-01-01&to=0000-02-01', 'from'],
    ]) {
      const refused = await browser.get(`/v1/admin/usage?${qs}`)
      assert.equal(refused.status, 422, qs)
      assert.equal(refused.body.error.code, 'VALIDATION_ERROR')
      assert.include(
        refused.body.error.details.map((d: any) => d.field),
        field,
        qs
      )
    }
    const leap = await browser.get('/v1/admin/usage?from=2028-02-29&to=2028-03-01T00:00:00%2B01:00')
    assert.equal(leap.status, 200)
    assert.deepEqual(
      [leap.body.from, leap.body.to],
      ['2028-02-29T00:00:00.000Z', '2028-02-29T23:00:00.000Z']
    )
  })
})
