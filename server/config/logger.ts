import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'

/**
 * Paths censored wherever they appear in a log object. Request logs never include headers or
 * bodies in the first place; this is the second line of defence for keys, tokens and passwords.
 */
export const redact = {
  paths: [
    'authorization',
    'headers.authorization',
    'req.headers.authorization',
    'secretKey',
    'apiKey',
    'token',
    'password',
    '*.authorization',
    '*.secretKey',
    '*.apiKey',
    '*.token',
    '*.password',
  ],
  censor: '[redacted]',
}

/**
 * Structured JSON on stdout (one object per line, with request and tenant ids) in production and
 * tests; pretty in development.
 */
export default defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'parley',
      level: env.get('LOG_LEVEL'),
      redact,
      transport: app.inDev ? { targets: targets().push(targets.pretty()).toArray() } : undefined,
    },
  },
})
