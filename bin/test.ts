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
      teardown: [...runnerHooks.teardown, () => app.terminate(), () => environment.cleanup()],
    })
  })
  .run(() => run())
  .catch(async (error) => {
    process.exitCode = 1
    prettyPrintError(error)
    await environment.cleanup().catch(() => {})
  })
