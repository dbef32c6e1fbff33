import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'

/**
 * Sessions of the partner console and the platform admin only (cookie-authenticated, first
 * party). The public API never runs the session middleware: it stays cookie-free.
 *
 * Store: PostgreSQL (`web_sessions`, operator connection), not Redis: a Redis blip must not sign
 * everyone out (Redis here is for rate limits, queues and fan-out, and the app degrades without
 * it), and not the cookie store: sessions must be listable and revocable server-side (tags).
 * The console and the admin each get their own cookie name (console_session_middleware.ts);
 * `cookieName` here is the console's.
 */
export default defineConfig({
  enabled: true,
  cookieName: 'parley_console',
  // The cookie dies with the browser; the row expires after 12 idle hours (touched per request).
  clearWithBrowser: true,
  age: '12h',
  cookie: {
    // Console and admin call /v1/* (console routes and the tenant-settings routes).
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'strict',
  },
  store: 'database',
  stores: {
    database: stores.database({ connectionName: 'operator', tableName: 'web_sessions' }),
  },
})
