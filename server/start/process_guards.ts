/*
|--------------------------------------------------------------------------
| Process guards
|--------------------------------------------------------------------------
|
| Redis going away must not take a process down: a rejected Redis command that nothing awaited
| (a fire-and-forget publish, a client's reconnect) is logged here instead of crashing the server
| or a worker. Anything else unhandled keeps Node's default (crash: it is a bug). Outages are
| handled where they matter: requests answer 503, the outbox relay retries (docs/operations.md).
|
*/

import logger from '@adonisjs/core/services/logger'
import { isRedisUnavailable } from '#services/redis_errors'

let installed = false

if (!installed) {
  installed = true
  process.on('unhandledRejection', (reason) => {
    if (isRedisUnavailable(reason)) {
      logger.warn({ err: reason }, 'Redis is not answering (a background command was dropped)')
      return
    }
    // Node's default: an unhandled rejection is a bug and ends the process.
    throw reason
  })
}
