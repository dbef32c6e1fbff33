import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, visit } from '#tests/helpers'
import type { ApiClient } from '@japa/api-client'
import Tenant from '#models/tenant'
import { withTenant } from '#services/tenant_context'
import { startSession } from '#services/start_session'

type Minted = Awaited<ReturnType<typeof startSession>>

/** More requests than the pool has connections: they meet in PostgreSQL at once. */
const AT_ONCE = 16
const POOL = 8

/**
 * The suite runs on one pooled connection (server/lib/test_environment.ts), which would queue
 * these requests one after another: here the app role gets POOL of them, as in production.
 */
function withPoolOf(size: number) {
  const original = db.manager.get('app')!.config
  const use = (config: typeof original) => {
    db.manager.patch('app', config)
    db.manager.connect('app')
  }
  use({ ...original, pool: { ...original.pool, max: size } })
  return () => use(original)
}

/**
 * One session first in another workspace, so that the key's last use is already recorded and
 * does not queue the racing requests behind it; then all of `users` at once in "race-co".
 */
async function mintAll(client: ApiClient, secretKey: string, users: string[]) {
  const warm = await visit(client, 'sessions.store')
    .bearerToken(secretKey)
    .json({ workspace: { id: 'warm-co' }, user: { id: 'u_warm', role: 'agent' } })
  warm.assertStatus(201)
  return Promise.all(
    users.map((user) =>
      visit(client, 'sessions.store')
        .bearerToken(secretKey)
        .json({ workspace: { id: 'race-co', name: 'Race Co' }, user: { id: user, role: 'agent' } })
    )
  )
}

/** The operator's view (no RLS): the rows the race left behind in "race-co". */
async function rowsOf(tenantId: string) {
  const workspaces = await db
    .connection('operator')
    .from('workspaces')
    .where({ tenant_id: tenantId, external_id: 'race-co' })
    .select('id')
  const members = await db
    .connection('operator')
    .from('members')
    .where('tenant_id', tenantId)
    .whereIn(
      'workspace_id',
      workspaces.map((w) => w.id)
    )
    .select('id', 'external_id')
  return { workspaces, members }
}

test.group('POST /v1/sessions, first sessions at once', (group) => {
  group.setup(() => withPoolOf(POOL))

  test('first sessions of a new workspace at once all succeed and share one workspace', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const users = Array.from({ length: AT_ONCE }, (_, i) => `u_${i}`)
    const responses = await mintAll(client, tenant.secretKey, users)
    assert.deepEqual(
      responses.map((r) => r.status()),
      users.map(() => 201),
      JSON.stringify(responses.find((r) => r.status() !== 201)?.body())
    )
    const { workspaces, members } = await rowsOf(tenant.tenant.id)
    assert.lengthOf(workspaces, 1)
    assert.deepEqual(
      [...new Set(responses.map((r) => r.body().workspaceId))],
      [workspaces[0].id],
      'every session names the one workspace'
    )
    assert.sameMembers(
      members.map((m) => m.external_id),
      users
    )
  })

  test('first sessions of one new member at once all succeed and share one member', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const responses = await mintAll(
      client,
      tenant.secretKey,
      Array.from({ length: AT_ONCE }, () => 'u_same')
    )
    assert.deepEqual(
      responses.map((r) => r.status()),
      responses.map(() => 201),
      JSON.stringify(responses.find((r) => r.status() !== 201)?.body())
    )
    const { workspaces, members } = await rowsOf(tenant.tenant.id)
    assert.lengthOf(workspaces, 1)
    assert.lengthOf(members, 1)
    assert.deepEqual(
      [...new Set(responses.map((r) => r.body().userId))],
      [members[0].id],
      'every session names the one member'
    )
  })
})

/** A session minted in a transaction of its own, held open after writing when `hold` says. */
function mintIn(
  tenantId: string,
  keyId: string,
  user: string,
  hold?: { written: () => void; commit: Promise<void> }
) {
  return withTenant({ tenantId }, async (trx) => {
    const tenant = await Tenant.findOrFail(tenantId, { client: trx })
    const minted = await startSession(
      { tenantId, tenant, trx, actor: { type: 'secret_key', id: keyId } },
      { workspace: { id: 'race-co' }, user: { id: user, role: 'agent' } }
    )
    if (hold) {
      hold.written()
      await hold.commit
    }
    return minted
  })
}

/**
 * Two sessions in transactions of their own, the first held open after it has written until the
 * second waits for its rows: the second must then use them (PostgreSQL's statement snapshot
 * does not show rows committed while the statement waited: issue 17).
 */
async function firstWaitsForSecond(tenantId: string, keyId: string, user: string) {
  const mint = (hold?: { written: () => void; commit: Promise<void> }) =>
    mintIn(tenantId, keyId, user, hold)
  let written!: () => void
  let commit!: () => void
  const firstWritten = new Promise<void>((resolve) => (written = resolve))
  const first = mint({ written, commit: new Promise<void>((resolve) => (commit = resolve)) })
  await firstWritten
  const second = mint()
  try {
    await blockedOnALock()
  } finally {
    commit()
  }
  return Promise.all([first, second]) as Promise<[Minted, Minted]>
}

/** Until a statement of this database waits for a lock (the second on the first's rows). */
async function blockedOnALock() {
  for (let i = 0; i < 200; i++) {
    const waiting = await db.connection('operator').rawQuery(
      `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`
    )
    if (waiting.rows[0].n > 0) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('The second session never waited for the first one')
}

test.group('startSession, a first session meeting another one', (group) => {
  group.setup(() => withPoolOf(POOL))

  test('waits for the new workspace of another session and uses it', async ({ assert }) => {
    const tenant = await makeTenant()
    const [first, second] = await firstWaitsForSecond(tenant.tenant.id, tenant.keyIds.secret, 'u_1')
    assert.equal(second.workspace.id, first.workspace.id)
    const { workspaces, members } = await rowsOf(tenant.tenant.id)
    assert.deepEqual(
      workspaces.map((w) => w.id),
      [first.workspace.id]
    )
    assert.lengthOf(members, 1)
  })

  test('waits for the new member of another session and uses it', async ({ assert }) => {
    const tenant = await makeTenant()
    // The workspace exists: only the member is new.
    const other = await mintIn(tenant.tenant.id, tenant.keyIds.secret, 'u_other')
    const [first, second] = await firstWaitsForSecond(
      tenant.tenant.id,
      tenant.keyIds.secret,
      'u_same'
    )
    assert.equal(second.member.id, first.member.id)
    assert.equal(first.workspace.id, other.workspace.id)
    const { members } = await rowsOf(tenant.tenant.id)
    assert.sameMembers(
      members.map((m) => m.id),
      [first.member.id, other.member.id]
    )
  })
})
