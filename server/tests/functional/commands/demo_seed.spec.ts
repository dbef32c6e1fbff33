import { test } from '@japa/runner'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ace from '@adonisjs/core/services/ace'
import DemoSeed from '#commands/demo_seed'
import KeyRevoke from '#commands/key_revoke'
import KeyList from '#commands/key_list'
import { visit } from '#tests/helpers'

/** Runs a command that must succeed and returns what it printed. */
async function run(command: any, args: string[]) {
  const instance = await ace.create(command, args)
  const before = instance.logger.getLogs().length
  await instance.exec()
  instance.assertSucceeded()
  const logs = instance.logger.getLogs().slice(before) as { message: string }[]
  return logs.map((l) => l.message).join('\n')
}
const json = async (command: any, args: string[]) => JSON.parse(await run(command, args))

test.group('demo:seed', (group) => {
  let dir: string
  group.each.setup(async () => {
    ace.ui.switchMode('raw')
    dir = await mkdtemp(join(tmpdir(), 'parley-demo-seed-'))
    return async () => {
      ace.ui.switchMode('normal')
      await rm(dir, { recursive: true, force: true })
    }
  })

  const works = (client: any, key: string) =>
    visit(client, 'sessions.store')
      .bearerToken(key)
      .json({ workspace: { id: 'demo-co' }, user: { id: 'u_ana', role: 'owner' } })

  test('with --keys-file, a second run prints the same secret key, still valid', async ({
    assert,
    client,
  }) => {
    const file = join(dir, 'demo-keys.json')
    const first = await json(DemoSeed, ['--json', '--keys-file', file])
    assert.isFalse(first.reused)
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    assert.equal(JSON.parse(await readFile(file, 'utf8')).secretKey, first.secretKey)

    const second = await json(DemoSeed, ['--json', '--keys-file', file])
    assert.isTrue(second.reused)
    assert.equal(second.secretKey, first.secretKey)
    assert.equal(second.publishableKey, first.publishableKey)
    ;(await works(client, second.secretKey)).assertStatus(201)
  })

  test('issues a new key once the kept one is revoked, and without --keys-file', async ({
    assert,
    client,
  }) => {
    const file = join(dir, 'demo-keys.json')
    const first = await json(DemoSeed, ['--json', '--keys-file', file])
    const keys = await json(KeyList, [first.tenantId, '--json'])
    const kept = keys.find(
      (k: any) => k.type === 'secret' && !k.revokedAt && first.secretKey.endsWith(k.lastFour)
    )
    await run(KeyRevoke, [kept.id])

    const second = await json(DemoSeed, ['--json', '--keys-file', file])
    assert.isFalse(second.reused)
    assert.notEqual(second.secretKey, first.secretKey)
    ;(await works(client, first.secretKey)).assertStatus(401)
    ;(await works(client, second.secretKey)).assertStatus(201)

    // Without the file, each run rotates (the plain key cannot be shown twice otherwise).
    const third = await json(DemoSeed, ['--json'])
    assert.notEqual(third.secretKey, second.secretKey)
    ;(await works(client, second.secretKey)).assertStatus(401)
    ;(await works(client, third.secretKey)).assertStatus(201)
  })
})
