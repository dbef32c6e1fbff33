import { test } from '@japa/runner'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import env from '#start/env'
import { appDatabaseUrl } from '#lib/database_urls'
import { makeTenant, mintSession } from '#tests/helpers'
import { withTenant } from '#services/tenant_context'
import { previewSegment } from '#services/campaigns/segments'
import { checkRules } from '#validators/segments'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * `contacts.channels` (migration 0030) is what segment rules on the channel and a web campaign's
 * reach read instead of probing conversations; triggers on conversations keep it. Everything
 * here runs as the app role under RLS, as the app's writes do.
 */
type Scope = { tenantId: string; workspaceId: string }

async function workspace(client: Parameters<typeof mintSession>[0]) {
  const tenant = await makeTenant()
  const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
  return { tenantId: owner.tenantId, workspaceId: owner.workspaceId }
}

const addContact = async (trx: TransactionClientContract, scope: Scope, name: string) => {
  const id = uuidv7()
  await trx.table('contacts').insert({
    tenant_id: scope.tenantId,
    workspace_id: scope.workspaceId,
    id,
    name,
  })
  return id
}

const conversation = (scope: Scope, contactId: string, channel: string) => ({
  tenant_id: scope.tenantId,
  workspace_id: scope.workspaceId,
  id: uuidv7(),
  contact_id: contactId,
  channel,
})

const channelsOf = async (trx: TransactionClientContract, id: string) =>
  (await trx.from('contacts').where('id', id).select('channels').firstOrFail()).channels

test.group('Contacts · channels kept from conversations', () => {
  test('added by new conversations, one by one or in bulk; moved and removed with them', async ({
    client,
    assert,
  }) => {
    const scope = await workspace(client)
    await withTenant(scope, async (trx) => {
      const ana = await addContact(trx, scope, 'ana')
      const bob = await addContact(trx, scope, 'bob')
      assert.deepEqual(await channelsOf(trx, ana), [])

      const web = conversation(scope, ana, 'web')
      await trx.table('conversations').insert(web)
      assert.deepEqual(await channelsOf(trx, ana), ['web'])

      // One statement, two rows for one contact (a second web one and a WhatsApp one).
      const whatsapp = conversation(scope, ana, 'whatsapp')
      await trx.table('conversations').insert([conversation(scope, ana, 'web'), whatsapp])
      assert.deepEqual(await channelsOf(trx, ana), ['web', 'whatsapp'])
      assert.deepEqual(await channelsOf(trx, bob), [])

      // Other changes to a conversation leave the contact alone.
      await trx.from('conversations').where('id', web.id).update({ status: 'resolved' })
      assert.deepEqual(await channelsOf(trx, ana), ['web', 'whatsapp'])

      await trx.from('conversations').where('id', whatsapp.id).update({ contact_id: bob })
      assert.deepEqual(await channelsOf(trx, ana), ['web'])
      assert.deepEqual(await channelsOf(trx, bob), ['whatsapp'])

      // Ana still has a second web conversation when the first goes.
      await trx.from('conversations').where('id', web.id).delete()
      assert.deepEqual(await channelsOf(trx, ana), ['web'])
      await trx.from('conversations').where('id', whatsapp.id).delete()
      assert.deepEqual(await channelsOf(trx, bob), [])
    })
  })

  test('two transactions adding different channels to one contact keep both', async ({
    client,
    assert,
  }) => {
    const scope = await workspace(client)
    const id = await withTenant(scope, (trx) => addContact(trx, scope, 'cai'))
    const url = appDatabaseUrl({
      databaseUrl: env.get('DATABASE_URL'),
      databaseAppUrl: env.get('DATABASE_APP_URL'),
      appKey: env.get('APP_KEY'),
      role: env.get('DATABASE_APP_ROLE'),
    })
    const [first, second] = [new pg.Client(url), new pg.Client(url)]
    await Promise.all([first.connect(), second.connect()])
    try {
      const insert = async (db: pg.Client, channel: string) => {
        await db.query('begin')
        await db.query(
          `select set_config('parley.tenant_id', $1, true), set_config('parley.workspace_id', $2, true)`,
          [scope.tenantId, scope.workspaceId]
        )
        await db.query(
          `insert into conversations (tenant_id, workspace_id, id, contact_id, channel)
           values ($1, $2, $3, $4, $5)`,
          [scope.tenantId, scope.workspaceId, uuidv7(), id, channel]
        )
      }
      await insert(first, 'web')
      // The second waits on the contact's row until the first commits, then adds to what it wrote.
      const secondPid = (await second.query('select pg_backend_pid() as pid')).rows[0].pid
      const waiting = insert(second, 'whatsapp').then(() => second.query('commit'))
      const waitsOnLock = async () =>
        (
          await first.query('select wait_event_type from pg_stat_activity where pid = $1', [
            secondPid,
          ])
        ).rows[0]?.wait_event_type === 'Lock'
      for (let i = 0; i < 200 && !(await waitsOnLock()); i++)
        await new Promise((resolve) => setTimeout(resolve, 10))
      assert.isTrue(await waitsOnLock(), 'the second transaction waits for the first')
      await first.query('commit')
      await waiting
    } finally {
      await Promise.all([first.end(), second.end()])
    }
    const channels = await withTenant(scope, (trx) => channelsOf(trx, id))
    assert.deepEqual(channels, ['web', 'whatsapp'])
  })

  test("the web preview counts the same contacts as a search of the contacts' conversations", async ({
    client,
    assert,
  }) => {
    const scope = await workspace(client)
    await withTenant(scope, async (trx) => {
      // 60 contacts: every third with a web conversation, every fourth with a WhatsApp one, some
      // with two web ones; every seventh blocked.
      const ids: string[] = []
      for (let i = 0; i < 60; i++) ids.push(await addContact(trx, scope, `c${i}`))
      await trx
        .from('contacts')
        .whereIn(
          'id',
          ids.filter((_, i) => i % 7 === 0)
        )
        .update({ blocked: true })
      const rows = ids.flatMap((id, i) => [
        ...(i % 3 === 0 ? [conversation(scope, id, 'web')] : []),
        ...(i % 4 === 0 ? [conversation(scope, id, 'whatsapp')] : []),
        ...(i % 9 === 0 ? [conversation(scope, id, 'web')] : []),
      ])
      await trx.table('conversations').insert(rows)

      const preview = await previewSegment(
        { ...scope, trx },
        checkRules({ match: 'all', rules: [{ field: 'tags', operator: 'notExists' }] }),
        'web'
      )
      const [expected] = await trx
        .rawQuery(
          `select count(*) filter (where not blocked and exists (select 1 from conversations cv
                  where cv.contact_id = contacts.id and cv.channel = 'web'))::int as count,
                count(*) filter (where not blocked and not exists (select 1 from conversations cv
                  where cv.contact_id = contacts.id and cv.channel = 'web'))::int as no_channel
           from contacts`
        )
        .then((r) => r.rows)
      assert.equal(preview.count, expected.count)
      assert.equal(preview.excluded.noChannel, expected.no_channel)
      assert.equal(preview.count, 17)

      const onWhatsapp = await previewSegment(
        { ...scope, trx },
        checkRules({
          match: 'all',
          rules: [{ field: 'channel', operator: 'is', value: 'whatsapp' }],
        }),
        'web'
      )
      // i % 4 === 0 and not blocked; of those, reached on the web when i % 3 === 0 too.
      assert.equal(
        onWhatsapp.count + onWhatsapp.excluded.noChannel + onWhatsapp.excluded.blocked,
        15
      )
      assert.equal(onWhatsapp.count, 4)
    })
  })
})
