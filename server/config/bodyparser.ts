import { defineConfig } from '@adonisjs/core/bodyparser'

/** JSON bodies only on the public API; larger payloads (audio) get their own routes later. */
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
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    fieldsLimit: '64kb',
    limit: '20mb',
    types: ['multipart/form-data'],
  },
})
