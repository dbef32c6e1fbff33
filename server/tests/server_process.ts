import { spawn, type ChildProcess } from 'node:child_process'
import type { Group } from '@japa/runner/core'
import { freePort, isListening } from '#lib/local_services'

/**
 * Another Parley server process on the same database and Redis as the test run: a second
 * instance for multi-instance tests, and one a test can kill.
 */
export async function startServerProcess(
  port: number,
  env: NodeJS.ProcessEnv = {},
  /** Receives what the process writes to stderr (still shown). */
  onStderr?: (text: string) => void
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', onStderr ? 'pipe' : 'inherit'],
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk)
    onStderr!(chunk.toString())
  })
  // Up to a minute: a loaded 2-core machine has taken more than 10 s to boot a server.
  for (const end = Date.now() + 60_000; Date.now() < end;) {
    if (await isListening(port)) return child
    if (child.exitCode !== null) throw new Error(`server process exited with ${child.exitCode}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  throw new Error('server process did not start')
}

export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

/**
 * Another server instance for a group's tests, on a free port: started before them, killed
 * after. Read `instance.port` inside the tests.
 */
export function otherInstance(group: Group) {
  const instance = { port: 0 }
  group.setup(async () => {
    instance.port = await freePort()
    const child = await startServerProcess(instance.port)
    return () => kill(child)
  })
  return instance
}
