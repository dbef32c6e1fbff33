import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { appDatabaseUrl } from '#lib/database_urls'

/**
 * Three connections to one database:
 * - `operator` logs in with DATABASE_URL: it owns the schema, runs migrations and the operator's
 *   ace commands (tenant:*, key:*).
 * - `app` logs in as the least-privileged role that every HTTP request and job uses; row-level
 *   security applies to it without exception.
 * - `relay`, as the operator too, for the outbox relay and the jobs' requeue, which read every
 *   tenant's rows; a pool of its own, so that they never take the connection a migration holds
 *   its lock on.
 * Ace commands default to `operator` (so `node ace migration:run --force` just works); the server
 * and the tests default to `app`.
 */
const databaseUrl = env.get('DATABASE_URL')
const migrations = { naturalSort: true, paths: ['server/database/migrations'] }

const dbConfig = defineConfig({
  connection: app.getEnvironment() === 'console' ? 'operator' : 'app',
  prettyPrintDebugQueries: false,
  connections: {
    operator: {
      client: 'pg',
      connection: { connectionString: databaseUrl },
      pool: { min: 0, max: 2 },
      migrations,
      schemaGeneration: { enabled: false },
    },
    relay: {
      client: 'pg',
      connection: { connectionString: databaseUrl },
      pool: { min: 0, max: 2 },
      schemaGeneration: { enabled: false },
    },
    app: {
      client: 'pg',
      connection: {
        connectionString: appDatabaseUrl({
          databaseUrl,
          databaseAppUrl: env.get('DATABASE_APP_URL'),
          appKey: env.get('APP_KEY'),
          role: env.get('DATABASE_APP_ROLE'),
        }),
      },
      pool: { min: 0, max: env.get('DB_POOL_MAX'), acquireTimeoutMillis: 10_000 },
      migrations,
      schemaGeneration: { enabled: false },
    },
  },
})

export default dbConfig
