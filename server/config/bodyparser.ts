import { defineConfig } from '@adonisjs/core/bodyparser'

/** JSON bodies on the public API; file bodies are left to their routes (services/uploads.ts). */
export default defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  json: {
    encoding: 'utf-8',
    // The largest bodies the contract allows: a campaign to 10,000 listed contacts (~390 kB of
    // ids) or a drip of 20 steps × 5 variants × 4,096 characters. Fields keep their own limits.
    limit: '1mb',
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
  // CSV imports, recording chunks and multipart uploads are read by their routes through
  // services/uploads.ts, after authorisation, as streams with per-route limits: never here.
  raw: { encoding: 'utf-8', limit: '64kb', types: [] },
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: true,
    processManually: [],
    fieldsLimit: '64kb',
    // The default of `multipart.process()`; every route passes its own.
    limit: '1mb',
    types: ['multipart/form-data'],
  },
})
