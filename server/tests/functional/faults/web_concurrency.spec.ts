import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { get } from 'node:http'
import { test } from '@japa/runner'
import { freePort } from '#lib/local_services'
import { ORIGIN } from '#tests/helpers'
import { kill, startServerProcess } from '#tests/server_process'

/** The live server processes a supervisor started (its children, from /proc). */
function workersOf(pid: number): number[] {
  const children: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8')
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1])
      const state = /^State:\s+(\w)/m.exec(status)?.[1]
      if (parent === pid && state !== 'Z') children.push(Number(entry))
    } catch {
      // The process ended while we looked.
    }
  }
  return children
}

const step = (what: string) =>
  process.stderr.write(`[web_concurrency] ${new Date().toISOString()} ${what}\n`)

async function until(check: () => boolean, ms = 30_000) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return check()
}

test.group('WEB_CONCURRENCY: several server processes on one port', () => {
  test('two processes answer on one port, a killed one is replaced while new connections keep being answered, SIGTERM stops all', async ({
    assert,
  }) => {
    const port = await freePort()
    let said = ''
    const primary = await startServerProcess(port, { WEB_CONCURRENCY: '2' }, (text) => {
      said += text
    })
    try {
      assert.isTrue(await until(() => workersOf(primary.pid!).length === 2), 'two workers')
      // Both listening, not only started: with one booting still, killing the other leaves no
      // process on the port, which then refuses connections until one listens.
      assert.isTrue(
        await until(() => said.includes(`2 server processes listening on port ${port}`), 60_000),
        'the supervisor says both listen'
      )
      // A new connection each time: connections open on a process that is killed are reset with
      // it (unavoidable); new ones must always reach a live process. /health, since the embed
      // config's rate limit (40 a minute in tests) would refuse a loop like the one below.
      const config = () =>
        new Promise<number | string>((resolve) => {
          const request = get(
            `http://127.0.0.1:${port}/health`,
            { agent: false, headers: { origin: ORIGIN }, timeout: 10_000 },
            (response) => {
              response.resume()
              resolve(response.statusCode!)
            }
          )
          request.on('timeout', () => request.destroy(new Error('timeout')))
          request.on('error', (error: NodeJS.ErrnoException) =>
            resolve(error.code ?? error.message)
          )
        })
      // Both processes must be ready before counting on them: every request answers.
      assert.isTrue((await Promise.all([config(), config()])).every((status) => status === 200))

      step('both answer')
      const [victim] = workersOf(primary.pid!)
      process.kill(victim, 'SIGKILL')
      // A connection handed to the process at the instant it dies is lost with it; once the
      // supervisor has seen it go, and while another starts, the survivor answers every new one.
      assert.isTrue(
        // Reaped (not even a zombie): the supervisor has handled its exit.
        await until(() => !existsSync(`/proc/${victim}`)),
        'the supervisor saw it go'
      )
      // For 15 s (the replacement boots and starts taking connections meanwhile), every new
      // connection is answered.
      const statuses: (number | string)[] = []
      for (let i = 0, end = Date.now() + 15_000; Date.now() < end; i++) {
        statuses.push(await config())
        if (statuses.at(-1) !== 200 || i % 50 === 0) step(`request ${i}: ${statuses.at(-1)}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      const refused = statuses.flatMap((status, i) => (status === 200 ? [] : [`#${i}: ${status}`]))
      assert.deepEqual(refused, [], `of ${statuses.length} requests`)
      assert.isTrue(
        await until(() => {
          const now = workersOf(primary.pid!)
          return now.length === 2 && !now.includes(victim)
        }),
        'a new process replaced the killed one'
      )
      assert.isTrue(
        await until(() => /server process \d+ listening/.test(said), 60_000),
        'the replacement listens'
      )

      step('replaced')
      const exited = new Promise<number | null>((r) => primary.once('exit', (code) => r(code)))
      const workers = workersOf(primary.pid!)
      primary.kill('SIGTERM')
      assert.equal(await exited, 0)
      step('primary exited')
      assert.isTrue(
        await until(() => workers.every((pid) => !readdirSync('/proc').includes(String(pid)))),
        'no server process left'
      )
    } finally {
      await kill(primary)
    }
  }).timeout(120_000)

  test('a bad WEB_CONCURRENCY stops the start with one plain line', async ({ assert }) => {
    const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
      env: { ...process.env, PORT: String(await freePort()), WEB_CONCURRENCY: 'lots' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    const code = await new Promise((r) => child.once('exit', r))
    assert.equal(code, 1)
    assert.include(stderr, 'WEB_CONCURRENCY must be a whole number from 1 to 64 (got "lots")')
  }).timeout(60_000)
})
