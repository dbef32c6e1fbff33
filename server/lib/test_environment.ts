import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { parseEnv } from 'node:util'
import pg from 'pg'
import { freePort, startEmbeddedPostgres, startRedis, type LocalService } from '#lib/local_services'
import { withDatabase } from '#lib/database_urls'

/**
 * Gives a test run a database of its own (created here, dropped at the end) on the PostgreSQL
 * that DATABASE_URL names, or on an embedded one when it is not set; and a Redis, likewise.
 */
export async function prepareTestEnvironment(root: URL, log: (line: string) => void) {
  const dotEnv = existsSync(new URL('.env', root))
    ? parseEnv(readFileSync(new URL('.env', root), 'utf8'))
    : {}
  const services: LocalService[] = []

  let adminUrl = process.env.DATABASE_URL ?? dotEnv.DATABASE_URL
  if (!adminUrl) {
    const cluster = await startEmbeddedPostgres(
      new URL('.parley/postgres', root).pathname,
      Number(process.env.PARLEY_DEV_PG_PORT ?? 54329),
      log
    )
    services.push(cluster)
    adminUrl = cluster.url
  }
  if (!process.env.REDIS_URL && !dotEnv.REDIS_URL) {
    const redis = await startRedis(log)
    services.push(redis)
    process.env.REDIS_URL = redis.url
  }

  const name = `parley_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database "${name}"`)
  await admin.end()

  process.env.PARLEY_TEST_ADMIN_URL = adminUrl
  process.env.DATABASE_URL = withDatabase(adminUrl, name)
  // Roles are cluster-wide: a role per run keeps runs (and npm run dev) from resetting each other's.
  process.env.DATABASE_APP_ROLE = `${name}_app`
  process.env.APP_KEY ??= randomBytes(32).toString('base64url')
  process.env.HOST ??= '127.0.0.1'
  process.env.PORT = String(await freePort())
  process.env.PUBLIC_URL ??= `http://127.0.0.1:${process.env.PORT}`
  process.env.LOG_LEVEL ??= 'warn'
  // One server process per spawned server (a test or bench part asks for more itself).
  process.env.WEB_CONCURRENCY ??= '1'
  // One pooled connection for the whole suite: a tenant setting that outlived its transaction,
  // or a request holding two connections at once, would show up as a failing test.
  process.env.DB_POOL_MAX ??= '1'
  // Uploaded files of this run, removed with its database.
  process.env.DRIVE_ROOT ??= new URL(`tmp/${name}-uploads`, root).pathname
  // Its temporary files too, so a test can tell that none is left behind.
  process.env.UPLOAD_TMP_DIR ??= new URL(`tmp/${name}-temp`, root).pathname
  process.env.RATE_LIMIT_SESSIONS_PER_MINUTE ??= '40'
  process.env.RATE_LIMIT_CONFIG_PER_MINUTE ??= '40'
  process.env.RATE_LIMIT_VISITORS_PER_MINUTE ??= '40'
  process.env.RATE_LIMIT_CHAT_PER_MINUTE ??= '40'
  // Recordings are cut into 10-second pieces in tests, so short test audio makes several.
  process.env.RECORDING_PIECE_SECONDS ??= '10'
  // The test doubles (OpenAI, webhook receivers) listen on loopback, for the server and for the
  // workers a test starts; the outbound guard's own tests turn this off to see it refuse.
  process.env.OUTBOUND_ALLOW_PRIVATE ??= 'true'

  return {
    database: name,
    async cleanup() {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`drop database if exists "${name}" with (force)`)
      await client.query(`drop role if exists "${name}_app"`)
      await client.query(`drop role if exists "${name}_app_search"`)
      await client.end()
      await rm(process.env.DRIVE_ROOT!, { recursive: true, force: true })
      await rm(process.env.UPLOAD_TMP_DIR!, { recursive: true, force: true })
      for (const service of services.reverse()) await service.stop().catch(() => {})
    },
  }
}
