import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'

/** One Redis for rate limits, queues and realtime fan-out; REDIS_URL names it. */
const url = new URL(env.get('REDIS_URL'))

const connection = {
  host: url.hostname,
  port: Number(url.port || 6379),
  username: url.username ? decodeURIComponent(url.username) : undefined,
  password: url.password ? decodeURIComponent(url.password) : undefined,
  db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
  tls: url.protocol === 'rediss:' ? {} : undefined,
  keyPrefix: '',
  // A command waits through three reconnect attempts (about 0.6 s), then fails: requests answer
  // 503 instead of hanging. Reconnecting itself never stops: Redis coming back heals the process.
  maxRetriesPerRequest: 3,
  retryStrategy: (times: number) => Math.min(times * 100, 2000),
}

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: connection,
    // Rate limits run on every browser request: auto-pipelining sends the commands of concurrent
    // requests to Redis in one write instead of one round trip each.
    limiter: { ...connection, enableAutoPipelining: true },
  },
})

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
