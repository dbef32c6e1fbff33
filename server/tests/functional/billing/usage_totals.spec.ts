import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { v7 as uuidv7 } from 'uuid'
import { channelNames } from '#services/realtime/channels'
import { setScope, withTenant } from '#services/tenant_context'
import { forgetPlanState, recordUsage } from '#services/billing/usage'
import { assertCampaignRecipients, planState, usedOf } from '#services/billing/entitlements'
import { eventsAfter, makeTenant, mintSession } from '#tests/helpers'

const operator = () => db.connection('operator')

type Scope = { tenantId: string; workspaceId: string }

async function workspace(client: any): Promise<Scope> {
  const tenant = await makeTenant()
  const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
  return { tenantId: owner.tenantId, workspaceId: owner.workspaceId }
}

/** Puts the workspace on a plan allowing `limit` campaign recipients, from `start` for 30 days. */
async function subscribe(scope: Scope, limit: number, start?: Date) {
  const planId = uuidv7()
  await operator()
    .table('plans')
    .insert({
      tenant_id: scope.tenantId,
      id: planId,
      name: 'Plan',
      limits: JSON.stringify({ campaignRecipients: limit }),
    })
  await operator()
    .table('workspace_billing')
    .insert({
      tenant_id: scope.tenantId,
      workspace_id: scope.workspaceId,
      plan_id: planId,
      status: 'active',
      interval: 'month',
      current_period_start: start ?? null,
      current_period_end: start ? new Date(start.getTime() + 30 * 86_400_000) : null,
    })
}

const record = (
  scope: Scope,
  sourceId: string,
  quantity: number,
  occurredAt?: Date,
  connection = 'app'
) =>
  withTenant(
    scope,
    (trx) =>
      recordUsage(
        { trx, ...scope },
        { feature: 'campaignRecipients', sourceId, quantity, occurredAt }
      ),
    connection
  )

/**
 * The suite's app pool holds one connection, which would queue "concurrent" transactions one
 * behind the other: a pool of the same role with four, so they really overlap in PostgreSQL.
 */
const CONCURRENT = 'app_concurrent'
function concurrentPool() {
  if (!db.manager.has(CONCURRENT)) {
    const app = db.manager.get('app')!.config
    db.manager.add(CONCURRENT, { ...app, pool: { ...app.pool, min: 0, max: 4 } } as typeof app)
  }
  return db.connection(CONCURRENT)
}

/** How many times `work` read a plan state (planState's query, through knex like all but RECORD). */
async function countPlanReads(work: () => Promise<void>) {
  const knex = db.connection('app').getWriteClient()
  let reads = 0
  const onQuery = (query: { sql: string }) => {
    if (query.sql.includes('legacy_minutes')) reads++
  }
  knex.on('query', onQuery)
  try {
    await work()
  } finally {
    knex.off('query', onQuery)
  }
  return reads
}

/** Waits until a backend of this database waits for a lock (another transaction's row). */
async function someoneWaitsForALock() {
  for (let i = 0; i < 200; i++) {
    const { rows } = await operator().rawQuery(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`
    )
    if (rows[0].n > 0) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('no transaction came to wait for the lock')
}

/** What entitlements say is used now, and what the ledger sums to over the same period. */
async function used(scope: Scope) {
  return withTenant(scope, async (trx) => {
    const state = await planState({ trx, ...scope })
    const ledger = await trx
      .from('usage_records')
      .where('workspace_id', scope.workspaceId)
      .where('feature', 'campaignRecipients')
      .where('occurred_at', '>=', state.periodStart.toJSDate())
      .sum('quantity as n')
      .first()
    return {
      entitlements: await usedOf({ trx, ...scope }, state, 'campaignRecipients'),
      ledger: Number(ledger?.n ?? 0),
    }
  })
}

/** The running totals kept for the workspace: [period start (ms), used]. */
async function stored(scope: Scope) {
  const rows = await operator()
    .from('usage_totals')
    .where('workspace_id', scope.workspaceId)
    .where('feature', 'campaignRecipients')
  return rows.map((r) => [new Date(r.period_start).getTime(), Number(r.used)])
}

test.group('Usage totals: the period’s running total beside the ledger', (group) => {
  test('1,000 records, some of them again, concurrently: the exact total, alerts once at 80 % and once at 100 %', async ({
    client,
    assert,
  }) => {
    const scope = await workspace(client)
    await subscribe(scope, 800)
    // 900 distinct sources; the last 100 records repeat earlier ones (with another quantity,
    // which must not count either). Every seventh source counts 1.5.
    const quantityOf = (n: number) => (n % 7 === 0 ? 1.5 : 1)
    const calls = Array.from({ length: 1000 }, (_, i) => ({
      source: `send-${i % 900}`,
      quantity: i < 900 ? quantityOf(i) : 9,
    }))
    // Each repeat right after its original's batch could still be open: 4 transactions at a time,
    // on 4 connections (the first ones race to seed the period's total).
    concurrentPool()
    let next = 0
    const results: boolean[] = []
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < calls.length) {
          const call = calls[next++]
          results.push(await record(scope, call.source, call.quantity, undefined, CONCURRENT))
        }
      })
    )
    const expected = Array.from({ length: 900 }, (_, n) => quantityOf(n)).reduce(
      (a: number, b) => a + b,
      0
    )
    assert.equal(results.filter(Boolean).length, 900)
    assert.deepEqual(await used(scope), { entitlements: expected, ledger: expected })
    const totals = await operator()
      .from('usage_totals')
      .where('workspace_id', scope.workspaceId)
      .select('feature', 'used')
    assert.deepEqual(
      totals.map((t) => [t.feature, Number(t.used)]),
      [['campaignRecipients', expected]]
    )
    // Over the limit now: the 402 names what is used, read from the total.
    const refused = await withTenant(scope, (trx) =>
      assertCampaignRecipients({ trx, ...scope }, 1).catch((e) => e)
    )
    assert.equal(refused.status, 402)
    assert.include(refused.data, { feature: 'campaignRecipients', limit: 800, used: expected })

    const alerts = (
      await eventsAfter(channelNames.billing(scope.tenantId, scope.workspaceId), undefined, 100)
    ).events.filter((e) => e.type === 'billing.alert')
    assert.deepEqual(
      alerts.map((a) => (a.data as any).threshold),
      [80, 100]
    )
    // Each raised by the record that crossed its line (640 and 800 of 800).
    assert.isAtLeast((alerts[0].data as any).used, 640)
    assert.isBelow((alerts[0].data as any).used, 641.5)
    assert.isAtLeast((alerts[1].data as any).used, 800)
    assert.isBelow((alerts[1].data as any).used, 801.5)
    const kept = await operator().from('usage_alerts').where('workspace_id', scope.workspaceId)
    assert.lengthOf(kept, 2)

    // Recording the same sources again adds nothing and raises nothing.
    forgetPlanState()
    for (let i = 0; i < 20; i++) assert.isFalse(await record(scope, `send-${i}`, 1))
    assert.deepEqual(await used(scope), { entitlements: expected, ledger: expected })
  }).timeout(120_000)

  test('a subscription changed elsewhere moves counting to its period; a period returned to is summed afresh', async ({
    client,
    assert,
  }) => {
    const scope = await workspace(client)
    const monthStart = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)
    ).getTime()
    const twoMinutesAgo = new Date(Math.max(monthStart, Date.now() - 120_000))
    // No plan: the calendar month.
    assert.isTrue(await record(scope, 'a', 2, twoMinutesAgo))
    assert.isTrue(await record(scope, 'b', 3))
    assert.deepEqual(await used(scope), { entitlements: 5, ledger: 5 })

    // Subscribed a minute ago (as a webhook from another process leaves it: this process's cached
    // state still says the month). Its period holds b and what follows, not a.
    const start = new Date(Math.max(twoMinutesAgo.getTime() + 1, Date.now() - 60_000))
    await subscribe(scope, 100, start)
    assert.isTrue(await record(scope, 'c', 4))
    assert.deepEqual(await used(scope), { entitlements: 7, ledger: 7 })
    // Kept for the plan's period (read in one row from now on), the month's dropped.
    assert.deepEqual(await stored(scope), [[start.getTime(), 7]])
    assert.isTrue(await record(scope, 'd', 1))
    assert.deepEqual(await used(scope), { entitlements: 8, ledger: 8 })

    // Cancelled in the same month: back to the month, which counts everything since its start.
    await operator()
      .from('workspace_billing')
      .where('workspace_id', scope.workspaceId)
      .update({ status: 'canceled' })
    assert.isTrue(await record(scope, 'e', 0.5))
    assert.deepEqual(await used(scope), { entitlements: 10.5, ledger: 10.5 })
    assert.deepEqual(await stored(scope), [[monthStart, 10.5]])

    // A use dated before the period is kept in the ledger but not counted in it.
    const lastMonth = new Date(monthStart - 86_400_000)
    assert.isTrue(await record(scope, 'old', 7, lastMonth))
    assert.deepEqual(await used(scope), { entitlements: 10.5, ledger: 10.5 })

    assert.deepEqual(await stored(scope), [[monthStart, 10.5]])
  }).timeout(60_000)

  test('a limit lowered elsewhere is applied at the next record: the alerts it now reaches are raised', async ({
    client,
    assert,
  }) => {
    const scope = await workspace(client)
    await subscribe(scope, 100)
    for (let i = 0; i < 10; i++) assert.isTrue(await record(scope, `s-${i}`, 1))
    await operator()
      .from('plans')
      .where('tenant_id', scope.tenantId)
      .update({ limits: JSON.stringify({ campaignRecipients: 12 }) })
    assert.isTrue(await record(scope, 's-10', 1))
    const thresholds = async () =>
      (
        await eventsAfter(channelNames.billing(scope.tenantId, scope.workspaceId), undefined, 100)
      ).events
        .filter((e) => e.type === 'billing.alert')
        .map((a) => [(a.data as any).threshold, (a.data as any).used, (a.data as any).limit])
    assert.deepEqual(await thresholds(), [[80, 11, 12]])
    assert.isTrue(await record(scope, 's-11', 1))
    assert.isTrue(await record(scope, 's-12', 1))
    assert.deepEqual(await thresholds(), [
      [80, 11, 12],
      [100, 12, 12],
    ])
  }).timeout(60_000)

  test('two transactions seeding the same period: the one that waited adds its use to the total the other wrote, or seeds it if that one rolled back', async ({
    client,
    assert,
  }) => {
    const pool = concurrentPool()
    for (const outcome of ['commit', 'rollback'] as const) {
      const scope = await workspace(client)
      await subscribe(scope, 100)
      // The first transaction records and seeds the total, and stays open.
      const first = await pool.transaction()
      await setScope(first, scope)
      assert.isTrue(
        await recordUsage(
          { trx: first, ...scope },
          { feature: 'campaignRecipients', sourceId: 'a', quantity: 2 }
        )
      )
      // The second finds no total it can see, tries to seed one, and waits on the first's row.
      const second = record(scope, 'b', 3, undefined, CONCURRENT)
      await someoneWaitsForALock()
      if (outcome === 'commit') await first.commit()
      else await first.rollback()
      assert.isTrue(await second)
      const expected = outcome === 'commit' ? 5 : 3
      assert.deepEqual(await used(scope), { entitlements: expected, ledger: expected })
      assert.lengthOf(await stored(scope), 1)
      assert.equal((await stored(scope))[0][1], expected)
    }
  }).timeout(60_000)

  test('the plan is read once, then only checked: records in a steady state read no plan', async ({
    client,
    assert,
  }) => {
    const scope = await workspace(client)
    await subscribe(scope, 100)
    // A workspace renamed (its row's version moves) reads the plan again, once; nothing else does.
    const reads = await countPlanReads(async () => {
      for (let i = 0; i < 5; i++) assert.isTrue(await record(scope, `r-${i}`, 1))
      await operator().from('workspaces').where('id', scope.workspaceId).update({ name: 'Renamed' })
      for (let i = 5; i < 10; i++) assert.isTrue(await record(scope, `r-${i}`, 1))
    })
    assert.equal(reads, 2)
    assert.deepEqual(await used(scope), { entitlements: 10, ledger: 10 })
  }).timeout(60_000)

  group.each.teardown(async () => {
    if (db.manager.has(CONCURRENT)) await db.manager.close(CONCURRENT)
  })
})
