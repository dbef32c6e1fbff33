/*
|--------------------------------------------------------------------------
| Test runner entrypoint (Japa)
|--------------------------------------------------------------------------
|
| Each run gets a database of its own, migrated before the first test and dropped after the last.
|
*/

process.env.NODE_ENV = 'test'

import 'reflect-metadata'
import { Ignitor, prettyPrintError } from '@adonisjs/core'
import { configure, processCLIArgs, run } from '@japa/runner'
import { prepareTestEnvironment } from '../server/lib/test_environment.js'
import { loadEnvOrExit } from '../server/lib/startup_error.js'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

/**
 * Stops the app, or gives up after `ms`: a shutdown hook that never settles would otherwise keep
 * the run from cleaning up (its Redis keeps the process alive) and hang CI until its time-out.
 */
async function terminateWithin(app: { terminate(): Promise<void> }, ms: number) {
  const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), ms).unref())
  if ((await Promise.race([app.terminate().then(() => 'done' as const), timer])) === 'late') {
    console.error(`[test] the app did not stop within ${ms / 1000} s; cleaning up anyway`)
  }
}

const environment = await prepareTestEnvironment(APP_ROOT, (line) => console.log(`[test] ${line}`))

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await loadEnvOrExit(() => import('#start/env'))
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../server/tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      setup: runnerHooks.setup,
      teardown: [
        ...runnerHooks.teardown,
        () => terminateWithin(app, 30_000),
        () => environment.cleanup(),
        // A connection something forgot to close must not keep a finished run alive (CI would
        // wait for its time-out): five seconds after cleanup, the run ends with its result.
        () => {
          setTimeout(() => {
            console.error('[test] handles left open after cleanup; exiting')
            process.exit()
          }, 5_000).unref()
        },
      ],
    })
  })
  .run(() => run())
  .catch(async (error) => {
    process.exitCode = 1
    prettyPrintError(error)
    await environment.cleanup().catch(() => {})
  })
