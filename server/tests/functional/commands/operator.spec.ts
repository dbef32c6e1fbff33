import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import ace from '@adonisjs/core/services/ace'
import TenantCreate from '#commands/tenant_create'
import KeyCreate from '#commands/key_create'
import KeyRevoke from '#commands/key_revoke'
import TenantSuspend from '#commands/tenant_suspend'
import TenantResume from '#commands/tenant_resume'
import TenantOrigins from '#commands/tenant_origins'
import KeyList from '#commands/key_list'
import { ORIGIN, visit } from '#tests/helpers'

async function runCommand(command: any, args: string[]) {
  const instance = await ace.create(command, args)
  const before = instance.logger.getLogs().length
  await instance.exec()
  const logs = instance.logger
    .getLogs()
    .slice(before)
    .map((l: { message: string }) => l.message)
  return { instance, logs, json: () => JSON.parse(logs.join('\n')) }
}

test.group('Operator commands', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('tenant:create prints the tenant id and both keys as JSON', async ({ assert, client }) => {
    const { instance, json } = await runCommand(TenantCreate, [
      'Acme',
      '--origin',
      ORIGIN,
      '--origin',
      'https://b.acme.test/',
      '--json',
    ])
    instance.assertSucceeded()
    const out = json()
    assert.match(out.tenantId, /^[0-9a-f-]{36}$/)
    assert.match(out.publishableKey, /^pk_/)
    assert.match(out.secretKey, /^sk_/)
    assert.deepEqual(out.origins, [ORIGIN, 'https://b.acme.test'])
    const session = await visit(client, 'sessions.store')
      .bearerToken(out.secretKey)
      .json({ workspace: { id: 'w' }, user: { id: 'u', role: 'owner' } })
    session.assertStatus(201)
  })

  test('tenant:create refuses an origin with a path', async () => {
    const { instance } = await runCommand(TenantCreate, [
      'Acme',
      '--origin',
      'https://a.test/app',
      '--json',
    ])
    instance.assertFailed()
  })

  test('key:create, key:list and key:revoke manage keys; the secret is never listed', async ({
    assert,
    client,
  }) => {
    const tenant = (await runCommand(TenantCreate, ['Keys', '--origin', ORIGIN, '--json'])).json()
    const created = await runCommand(KeyCreate, [tenant.tenantId, '--type', 'secret', '--json'])
    created.instance.assertSucceeded()
    const key = created.json()
    ;(
      await visit(client, 'sessions.store')
        .bearerToken(key.key)
        .json({ workspace: { id: 'w' }, user: { id: 'u', role: 'owner' } })
    ).assertStatus(201)

    const listed = (await runCommand(KeyList, [tenant.tenantId, '--json'])).json()
    assert.lengthOf(listed, 3)
    assert.notInclude(JSON.stringify(listed), key.key)
    assert.isNotNull(listed.find((k: any) => k.id === key.keyId).lastUsedAt)

    ;(await runCommand(KeyRevoke, [key.keyId])).instance.assertSucceeded()
    ;(
      await visit(client, 'sessions.store')
        .bearerToken(key.key)
        .json({ workspace: { id: 'w' }, user: { id: 'u', role: 'owner' } })
    ).assertStatus(401)
    ;(await runCommand(KeyRevoke, ['not-a-key'])).instance.assertFailed()
    ;(await runCommand(KeyCreate, [tenant.tenantId, '--type', 'master'])).instance.assertFailed()
  })

  test('tenant:suspend and tenant:resume stop and restart every key', async ({ client }) => {
    const tenant = (
      await runCommand(TenantCreate, ['Suspend me', '--origin', ORIGIN, '--json'])
    ).json()
    const body = { workspace: { id: 'w' }, user: { id: 'u', role: 'owner' } }
    ;(await runCommand(TenantSuspend, [tenant.tenantId])).instance.assertSucceeded()
    ;(await visit(client, 'sessions.store').bearerToken(tenant.secretKey).json(body)).assertStatus(
      403
    )
    ;(await runCommand(TenantResume, [tenant.tenantId])).instance.assertSucceeded()
    ;(await visit(client, 'sessions.store').bearerToken(tenant.secretKey).json(body)).assertStatus(
      201
    )
    ;(
      await runCommand(TenantSuspend, ['00000000-0000-7000-8000-000000000000'])
    ).instance.assertFailed()
  })

  test('tenant:origins adds and removes origins and every change is audited', async ({
    assert,
    client,
  }) => {
    const tenant = (
      await runCommand(TenantCreate, ['Origins', '--origin', ORIGIN, '--json'])
    ).json()
    const out = (
      await runCommand(TenantOrigins, [
        tenant.tenantId,
        '--add',
        'https://c.test',
        '--remove',
        ORIGIN,
        '--json',
      ])
    ).json()
    assert.deepEqual(out.origins, ['https://c.test'])
    const audit = await visit(client, 'auditEvents.index').bearerToken(tenant.secretKey)
    assert.includeMembers(
      audit.body().data.map((e: any) => e.action),
      ['tenant.created', 'key.created', 'tenant.origins_changed']
    )
  })

  test('a missing or malformed setting stops the process with one line naming it', async ({
    assert,
  }) => {
    const env = { ...process.env, APP_KEY: 'short', REDIS_URL: 'http://nope' }
    const error = await promisify(execFile)(
      process.execPath,
      ['ace.js', 'tenant:suspend', '00000000-0000-7000-8000-000000000000'],
      { env }
    ).catch((e) => e)
    assert.equal(error.code, 1)
    const lines = error.stderr.trim().split('\n')
    assert.lengthOf(lines, 1, error.stderr)
    assert.include(lines[0], 'APP_KEY must be a random secret of at least 32 characters')
    assert.include(lines[0], 'REDIS_URL must be a redis:// URL')
  }).timeout(30_000)
})
