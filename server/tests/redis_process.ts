import { spawn, type ChildProcess } from 'node:child_process'
import { freePort, isListening } from '#lib/local_services'

/**
 * A redis-server of the test's own on a free port, that the test can kill (SIGKILL, keeping
 * nothing, as a crashed Redis without persistence) and start again on the same port.
 */
export async function ownRedis() {
  const port = await freePort()
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' }
    )
    for (let i = 0; i < 100 && !(await isListening(port)); i++) {
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const kill = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGKILL')
    })
  await start()
  return { url: `redis://127.0.0.1:${port}/0`, port, start, kill }
}
