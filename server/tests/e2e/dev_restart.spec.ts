import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, processAlive, stopProcess } from '#lib/local_services'

/**
 * `npm run dev` as a developer meets it, on ports and a data directory of its own (never the
 * developer's instance): the demo secret key survives restarts, a killed run is cleaned up by the
 * next start, a hang-up stops everything it started, and each request logs one line.
 */

interface Run {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

interface RunState {
  pid: number
  postgres?: number
  redis?: number
  children: number[]
}

async function until<T>(what: string, probe: () => T | undefined | false, ms: number): Promise<T> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const value = probe()
    if (value) return value
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`timed out waiting for ${what}`)
}

test.group('npm run dev', (group) => {
  let dir: string
  let env: NodeJS.ProcessEnv
  let api: string
  const runs: Run[] = []

  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-dev-'))
    const port = await freePort()
    api = `http://127.0.0.1:${port}`
    // Only what a developer's shell would have: none of this test run's database settings.
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PARLEY_PUBLIC_DIR: process.env.PARLEY_PUBLIC_DIR,
      PARLEY_DEV_DIR: dir,
      PORT: String(port),
      DEMO_PORT: String(await freePort()),
      PARLEY_DEV_PG_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      PUBLIC_URL: api,
      APP_KEY: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'info',
      // Empty: start a PostgreSQL and a Redis of its own, even if .env names others.
      DATABASE_URL: '',
      REDIS_URL: '',
    }
    return async () => {
      for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL')
      const state = await readState().catch(() => null)
      for (const pid of state?.children ?? []) await stopProcess(-pid, 'SIGKILL')
      if (state?.redis) await stopProcess(state.redis, 'SIGKILL')
      if (state?.postgres) await stopProcess(state.postgres, 'SIGKILL')
      await rm(dir, { recursive: true, force: true })
    }
  })

  const readState = async (): Promise<RunState> =>
    JSON.parse(await readFile(join(dir, 'dev.json'), 'utf8'))

  /** Starts dev and resolves with its exported keys once it says it is ready. */
  async function startDev() {
    const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/dev.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    const run: Run = {
      child,
      output: () => output,
      exited: new Promise((r) => child.once('exit', (code) => r(code))),
    }
    runs.push(run)
    const line = await until(
      `dev to print its keys; it printed:\n${output}`,
      () => {
        if (child.exitCode !== null) throw new Error(`dev exited early:\n${output}`)
        return /^export SECRET_KEY=(\S+) PUBLISHABLE_KEY=(\S+)$/m.exec(output) ?? undefined
      },
      120_000
    )
    return { ...run, secretKey: line[1], publishableKey: line[2], state: await readState() }
  }

  const session = (secretKey: string) =>
    fetch(`${api}/v1/sessions`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ workspace: { id: 'acme-co' }, user: { id: 'u_1', role: 'owner' } }),
    })

  const alive = (state: RunState) =>
    [state.postgres!, state.redis!, ...state.children].filter((pid) => processAlive(pid))

  test('keeps the demo secret key across restarts, recovers from a killed run, stops everything on SIGINT and SIGHUP, and logs one line per request', async ({
    assert,
  }) => {
    // 1. First start, stopped with Ctrl+C.
    const first = await startDev()
    assert.isNumber(first.state.postgres)
    assert.isNumber(first.state.redis)
    assert.lengthOf(first.state.children, 3)
    assert.notInclude(first.output(), '\x1bc', 'nothing clears the terminal')
    assert.equal((await session(first.secretKey)).status, 201)
    first.child.kill('SIGINT')
    assert.equal(await first.exited, 0)
    assert.deepEqual(alive(first.state), [], 'SIGINT stopped PostgreSQL, Redis and the children')

    // 2. Second start: the same key, still valid. Then killed outright, PostgreSQL with it, so
    //    its lock file, Redis and the server are left behind.
    const second = await startDev()
    assert.equal(second.secretKey, first.secretKey)
    assert.equal(second.publishableKey, first.publishableKey)
    assert.include(second.output(), 'the same as last run')
    assert.equal((await session(second.secretKey)).status, 201)
    second.child.kill('SIGKILL')
    await second.exited
    await stopProcess(second.state.postgres!, 'SIGKILL')
    assert.isNotEmpty(alive(second.state), 'a killed dev leaves its processes running')

    // 3. Third start cleans that up and starts; its requests log one line each.
    const third = await startDev()
    assert.deepEqual(alive(second.state), [], 'the leftovers of the killed run are stopped')
    assert.equal(third.secretKey, first.secretKey)
    const created = await session(third.secretKey)
    assert.equal(created.status, 201)
    const { token } = (await created.json()) as { token: string }
    const requestId = created.headers.get('x-request-id')!
    const health = await fetch(`${api}/health`)
    const heartbeat = await fetch(`${api}/v1/presence`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'online' }),
    })
    assert.isBelow(heartbeat.status, 300)
    const preflight = await fetch(`${api}/v1/members`, {
      method: 'OPTIONS',
      headers: { 'Origin': 'http://localhost:1', 'Access-Control-Request-Method': 'GET' },
    })
    const invalid = await fetch(`${api}/v1/workspaces?cursor=%00&secret=s3cr3t`, {
      headers: { Authorization: `Bearer ${third.secretKey}` },
    })
    assert.isAtLeast(invalid.status, 400)
    const invalidId = invalid.headers.get('x-request-id')!
    await until('the request lines', () => third.output().includes(invalidId), 10_000)
    const lines = third.output().split('\n')
    const about = (id: string) => lines.filter((l) => l.includes(id))
    assert.lengthOf(about(requestId), 1)
    assert.match(about(requestId)[0], /POST \/v1\/sessions 201 [\d.]+ms/)
    assert.lengthOf(about(invalidId), 1, 'a refused request is one line too')
    assert.match(about(invalidId)[0], new RegExp(`GET /v1/workspaces ${invalid.status} `))
    assert.notInclude(third.output(), 's3cr3t', 'query strings are not logged')
    assert.lengthOf(about(health.headers.get('x-request-id')!), 0, 'health checks at debug')
    assert.lengthOf(about(heartbeat.headers.get('x-request-id')!), 0, 'heartbeats at debug')
    assert.match(preflight.headers.get('x-request-id') ?? '', /\w{8}/)
    assert.lengthOf(about(preflight.headers.get('x-request-id')!), 0, 'CORS preflights at debug')

    // 4. A closed terminal (SIGHUP) stops everything it started.
    third.child.kill('SIGHUP')
    assert.equal(await third.exited, 0)
    assert.deepEqual(alive(third.state), [], 'SIGHUP stopped PostgreSQL, Redis and the children')
  }).timeout(300_000)
})
