import { defineConfig } from '@adonisjs/core/bodyparser'
import env from '#start/env'

/** JSON bodies on the public API, CSV on imports, multipart on attachment uploads. */
export default defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  json: {
    encoding: 'utf-8',
    limit: '64kb',
    strict: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  form: {
    encoding: 'utf-8',
    limit: '64kb',
    queryString: {},
    convertEmptyStringsToNull: true,
    types: ['application/x-www-form-urlencoded'],
  },
  // CSV imports (contacts): up to 5,000 rows.
  raw: { encoding: 'utf-8', limit: '2mb', types: ['text/csv'] },
  // Attachments and recording uploads: the only multipart routes (json_body_middleware refuses it
  // elsewhere). Each route checks its own file size; the whole body may be 1 MB over the larger.
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    processManually: [],
    fieldsLimit: '64kb',
    limit: (Math.max(env.get('ATTACHMENT_MAX_MB'), env.get('RECORDING_MAX_MB')) + 1) * 1024 * 1024,
    types: ['multipart/form-data'],
  },
})
