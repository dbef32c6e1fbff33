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
 * In development, one readable line per entry: `GET /v1/members 200 12.3ms · <request id>`
 * (the request's fields are in its message; the tenant id stays in the JSON only).
 */
const pretty = {
  singleLine: true,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,name,request_id,method,path,status,ms,tenant_id',
  messageFormat: '{msg}{if request_id} · {request_id}{end}',
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
      transport: app.inDev
        ? { targets: targets().push(targets.pretty(pretty)).toArray() }
        : undefined,
    },
  },
})
