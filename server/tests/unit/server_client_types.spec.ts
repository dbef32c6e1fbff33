import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

/**
 * The server client's types are generated from the OpenAPI contract: the committed
 * embed/server-client/schema.d.ts must be what bin/server_client_types.ts generates now, and
 * TypeScript must accept a correct call and refuse a misspelt field.
 */

const run = promisify(execFile)
const root = resolve(new URL('../../../', import.meta.url).pathname)

const CORRECT = `import { createParleyClient, ParleyApiError } from '../../embed/server-client/index.js'

const parley = createParleyClient({ secretKey: 'sk_x', baseUrl: 'https://parley.test' })
export async function sample() {
  const session = await parley.sessions.create({
    workspace: { id: 'acme', name: 'Acme' },
    user: { id: 'u_1', email: 'ana@acme.test', role: 'agent' },
    ttlSeconds: 900,
  })
  const token: string = session.token
  const expiresAt: string = session.expiresAt
  await parley.withSession(token).webhooks.create({ url: 'https://h.test', events: ['message.created'] })
  await parley.keys.create({ type: 'publishable', label: 'web' })
  await parley.domains.create({ hostname: 'widgets.acme.test' })
  const page = await parley.raw.GET('/v1/workspaces', { params: { query: { limit: 20 } } })
  const next: string | null | undefined = page.data?.nextCursor
  try {
    await parley.theme.get()
  } catch (error) {
    if (error instanceof ParleyApiError) return [error.code, error.details, error.requestId, expiresAt, next]
  }
  return []
}
`

/** The same call with `user.rol` for `user.role`, and a webhook event that does not exist. */
const MISSPELT = `import { createParleyClient } from '../../embed/server-client/index.js'

const parley = createParleyClient({ secretKey: 'sk_x', baseUrl: 'https://parley.test' })
export async function sample() {
  await parley.sessions.create({ workspace: { id: 'acme' }, user: { id: 'u_1', rol: 'agent' } })
  await parley.withSession('t').webhooks.create({ url: 'https://h.test', events: ['message.sent'] })
}
`

test.group('Server client · generated types', () => {
  test('schema.d.ts is what the contract generates now', async ({ assert }) => {
    const { stdout } = await run(
      process.execPath,
      ['--import=@poppinss/ts-exec', 'bin/server_client_types.ts', '--check'],
      { cwd: root }
    ).catch((error) => {
      throw new Error(`${error.stderr}`.trim() || error.message)
    })
    assert.include(stdout, 'up to date')
  }).timeout(240_000)

  test('tsc compiles a correct call and refuses a misspelt field', async ({ assert }) => {
    const dir = join(root, 'tmp', `server-client-types-${process.pid}`)
    await mkdir(dir, { recursive: true })
    try {
      await writeFile(join(dir, 'correct.ts'), CORRECT)
      await writeFile(join(dir, 'misspelt.ts'), MISSPELT)
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: '../../embed/server-client/tsconfig.json',
          include: ['./*.ts'],
        })
      )
      const result = await run(
        join(root, 'node_modules/.bin/tsc'),
        ['-p', dir, '--pretty', 'false'],
        {
          cwd: root,
        }
      ).then(
        () => ({ stdout: '' }),
        (error) => ({ stdout: String(error.stdout) })
      )
      const errors = result.stdout.split('\n').filter((line) => line.includes('error TS'))
      assert.deepEqual(
        errors.filter((line) => !line.includes('misspelt.ts')),
        [],
        'the correct sample compiles'
      )
      assert.isTrue(
        errors.some((line) => line.includes("'rol'")),
        `the misspelt field is refused:\n${errors.join('\n')}`
      )
      assert.isTrue(
        errors.some((line) => line.includes('"message.sent"')),
        `an unknown event is refused:\n${errors.join('\n')}`
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }).timeout(240_000)
})
