/*
|--------------------------------------------------------------------------
| Health checks
|--------------------------------------------------------------------------
|
| GET /health runs the framework's checks (@adonisjs/core/health) for the two dependencies every
| request may need, each bounded in time so a dependency that hangs answers "down", not never.
|
*/

import { BaseCheck, HealthChecks, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import { DbCheck } from '@adonisjs/lucid/database'
import { RedisCheck } from '@adonisjs/redis'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'

/** A check that fails when the one it wraps has not answered within `ms`. */
class WithinCheck extends BaseCheck {
  constructor(
    public name: string,
    private check: BaseCheck,
    private ms = 2000
  ) {
    super()
  }

  async run(): Promise<HealthCheckResult> {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<HealthCheckResult>((resolve) => {
      timer = setTimeout(() => resolve(Result.failed(`No answer within ${this.ms} ms`)), this.ms)
    })
    try {
      return await Promise.race([this.check.run(), late])
    } finally {
      clearTimeout(timer)
    }
  }
}

/** The checks, by the names the contract reports them under. Swappable in tests. */
export const checks: Record<'db' | 'redis', BaseCheck> = {
  db: new DbCheck(db.connection('app')),
  redis: new RedisCheck(redis.connection('main')),
}

export function runHealthChecks() {
  return new HealthChecks()
    .register([new WithinCheck('db', checks.db), new WithinCheck('redis', checks.redis)])
    .run()
}
