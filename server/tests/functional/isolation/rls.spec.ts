import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { withTenant } from '#services/tenant_context'
import { v7 as uuidv7 } from 'uuid'

const TENANT_TABLES_SQL = `
  select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind = 'r'
     and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`

test.group('Row-level security', () => {
  test('a query with no tenant context returns zero rows, in or out of a transaction', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    await mintSession(client, tenant.secretKey)
    const app = db.connection('app')
    for (const table of [
      'tenants',
      'tenant_origins',
      'api_keys',
      'workspaces',
      'members',
      'audit_events',
    ]) {
      const outside = await app.from(table).count('* as n')
      assert.equal(Number(outside[0].n), 0, `${table} outside a transaction`)
      const inside = await app.transaction((trx) => trx.from(table).count('* as n'))
      assert.equal(Number(inside[0].n), 0, `${table} in a bare transaction`)
    }
    // The operator (owner) does see them: the rows exist.
    const seen = await db.connection('operator').from('members').count('* as n')
    assert.isAbove(Number(seen[0].n), 0)
  })

  test('the tenant setting does not outlive its transaction on a pooled connection', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    await mintSession(client, tenant.secretKey)
    const inScope = await withTenant({ tenantId: tenant.tenant.id }, (trx) =>
      trx.from('workspaces').count('* as n')
    )
    assert.equal(Number(inScope[0].n), 1)
    const after = await db.connection('app').transaction(async (trx) => {
      const setting = await trx.rawQuery(
        `select current_setting('parley.tenant_id', true) as t, pg_backend_pid() as pid`
      )
      const rows = await trx.from('workspaces').count('* as n')
      return { setting: setting.rows[0].t, n: Number(rows[0].n) }
    })
    assert.include(['', null], after.setting)
    assert.equal(after.n, 0)
  })

  test('a workspace-scoped table shows nothing without the workspace, even with the tenant', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const tenantOnly = await withTenant({ tenantId: tenant.tenant.id }, (trx) =>
      trx.from('members').count('* as n')
    )
    assert.equal(Number(tenantOnly[0].n), 0)
    const scoped = await withTenant(
      { tenantId: tenant.tenant.id, workspaceId: session.workspaceId },
      (trx) => trx.from('members').count('* as n')
    )
    assert.equal(Number(scoped[0].n), 1)
  })

  test("the app role cannot write rows into another tenant's scope", async ({ client, assert }) => {
    const one = await makeTenant()
    const two = await makeTenant()
    const session = await mintSession(client, two.secretKey)
    await assert.rejects(
      () =>
        withTenant({ tenantId: one.tenant.id }, (trx) =>
          trx
            .table('workspaces')
            .insert({ tenant_id: two.tenant.id, id: uuidv7(), external_id: 'sneaky' })
        ),
      /row-level security/
    )
    const updated = await withTenant({ tenantId: one.tenant.id }, (trx) =>
      trx.from('workspaces').where('id', session.workspaceId).update({ name: 'hijacked' })
    )
    assert.equal(updated, 0)
  })

  test('the app role cannot switch row security off or become another role', async ({ assert }) => {
    await assert.rejects(() =>
      db.connection('app').rawQuery('set row_security = off; select * from tenants')
    )
    await assert.rejects(() => db.connection('app').rawQuery('set role postgres'))
  })

  test('every table with a tenant_id column has RLS enabled and forced', async ({ assert }) => {
    const { rows } = await db.connection('operator').rawQuery(TENANT_TABLES_SQL)
    assert.isAtLeast(rows.length, 5)
    for (const row of rows) {
      assert.isTrue(row.enabled, `${row.table}: RLS not enabled`)
      assert.isTrue(row.forced, `${row.table}: RLS not forced`)
    }
    const tenants = await db
      .connection('operator')
      .rawQuery(
        `select relrowsecurity and relforcerowsecurity as ok from pg_class where relname = 'tenants'`
      )
    assert.isTrue(tenants.rows[0].ok)
  })

  test('1,000 interleaved requests of two tenants on one pooled connection never see each other', async ({
    client,
    assert,
  }) => {
    assert.equal(Number(process.env.DB_POOL_MAX), 1)
    const one = await makeTenant()
    const two = await makeTenant()
    const sessions = {
      one: await mintSession(client, one.secretKey, { workspace: 'same-id', user: 'one-a' }),
      two: await mintSession(client, two.secretKey, { workspace: 'same-id', user: 'two-a' }),
    }
    await mintSession(client, one.secretKey, { workspace: 'same-id', user: 'one-b' })
    await mintSession(client, two.secretKey, { workspace: 'same-id', user: 'two-b' })

    let seen = 0
    const requests = Array.from(
      { length: 1000 },
      (_, i) => (i % 2 === 0 ? 'one' : 'two') as 'one' | 'two'
    )
    // 25 in flight at a time, alternating tenants, all through one database connection.
    for (let start = 0; start < requests.length; start += 25) {
      await Promise.all(
        requests.slice(start, start + 25).map(async (who) => {
          const response = await visit(client, 'members.index').bearerToken(sessions[who].token)
          response.assertStatus(200)
          const ids: string[] = response.body().data.map((m: any) => m.externalId)
          assert.lengthOf(ids, 2)
          assert.isTrue(
            ids.every((id) => id.startsWith(`${who}-`)),
            `${who} saw ${ids}`
          )
          seen++
        })
      )
    }
    assert.equal(seen, 1000)
  })
})
