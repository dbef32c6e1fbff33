import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

/**
 * Structured JSON logs in production (one object per line, with request and tenant ids); pretty
 * in development. Secrets are redacted by path wherever they could appear.
 */
export default defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'parley',
      level: env.get('LOG_LEVEL'),
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          'authorization',
          '*.secretKey',
          '*.apiKey',
          '*.token',
          'secretKey',
          'apiKey',
          'token',
          'password',
        ],
        censor: '[redacted]',
      },
      transport: {
        targets: targets()
          .pushIf(!app.inProduction && !app.inTest, targets.pretty())
          .pushIf(app.inProduction || app.inTest, targets.file({ destination: 1 }))
          .toArray(),
      },
    },
  },
})

declare module '@adonisjs/core/types' {
  export interface LoggersList {
    app: any
  }
}
