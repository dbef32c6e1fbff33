import { defineConfig } from '@adonisjs/core/app'

/**
 * AdonisJS needs this file at the application root; everything else of the server lives under
 * `server/`, so every directory the framework knows is pointed there.
 */
export default defineConfig({
  directories: {
    config: 'server/config',
    commands: 'server/commands',
    providers: 'server/providers',
    start: 'server/start',
    tests: 'server/tests',
    migrations: 'server/database/migrations',
    httpControllers: 'server/app/controllers',
    models: 'server/app/models',
    services: 'server/app/services',
    exceptions: 'server/app/exceptions',
    middleware: 'server/app/middleware',
    policies: 'server/app/policies',
    validators: 'server/app/validators',
    events: 'server/app/events',
    listeners: 'server/app/listeners',
    transformers: 'server/app/transformers',
    tmp: 'tmp',
  },

  // Application commands are discovered in server/commands.
  commands: [() => import('@adonisjs/core/commands'), () => import('@adonisjs/lucid/commands')],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    { file: () => import('@adonisjs/core/providers/repl_provider'), environment: ['repl', 'test'] },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/redis/redis_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    // Console and admin only (cookie session, CSRF): see config/session.ts and config/shield.ts.
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    { file: () => import('#providers/database_role_provider'), environment: ['web'] },
    { file: () => import('#providers/realtime_provider'), environment: ['web', 'test'] },
    () => import('#providers/queues_provider'),
    { file: () => import('#providers/outbox_provider'), environment: ['web', 'test'] },
  ],

  preloads: [
    () => import('#start/process_guards'),
    () => import('#start/routes'),
    () => import('#start/console_routes'),
    () => import('#start/contract_routes'),
    () => import('#start/reference_routes'),
    () => import('#start/kernel'),
    () => import('#start/events'),
    { file: () => import('#start/temp_sweep'), environment: ['web'] },
  ],

  tests: {
    suites: [
      { name: 'unit', files: ['server/tests/unit/**/*.spec.ts'], timeout: 10_000 },
      { name: 'functional', files: ['server/tests/functional/**/*.spec.ts'], timeout: 60_000 },
      { name: 'e2e', files: ['server/tests/e2e/**/*.spec.ts'], timeout: 120_000 },
    ],
    forceExit: false,
  },
})
