/*
|--------------------------------------------------------------------------
| HTTP server entrypoint
|--------------------------------------------------------------------------
*/

import 'reflect-metadata'
import cluster from 'node:cluster'
import { Ignitor, prettyPrintError } from '@adonisjs/core'
import { loadEnvOrExit, reportStartupError } from '../server/lib/startup_error.js'
import { startClusterIfWanted } from '../server/lib/cluster.js'

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

// WEB_CONCURRENCY > 1 (by default one process per core): this process only supervises.
if (!startClusterIfWanted()) startServer()

function startServer() {
  new Ignitor(APP_ROOT, { importer: IMPORTER })
    .tap((app) => {
      app.booting(async () => {
        await loadEnvOrExit(() => import('#start/env'))
      })
      // A cluster worker's channel to the primary keeps it alive: let go of it once stopped.
      const stop = async () => {
        await app.terminate()
        if (cluster.isWorker) process.disconnect()
      }
      app.listen('SIGTERM', stop)
      app.listenIf(app.managedByPm2 || cluster.isWorker, 'SIGINT', stop)
    })
    .httpServer()
    .start()
    .catch((error) => {
      process.exitCode = 1
      if (!reportStartupError(error)) prettyPrintError(error)
    })
}
