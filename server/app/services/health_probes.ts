import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'

/** What /health asks; each probe resolves when its dependency answers. Swappable in tests. */
export const probes: Record<'db' | 'redis', () => Promise<unknown>> = {
  db: () => db.connection('app').rawQuery('select 1'),
  redis: () => redis.ping(),
}
