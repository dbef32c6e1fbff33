/*
|--------------------------------------------------------------------------
| npm run openapi -- <out.json>
|--------------------------------------------------------------------------
|
| Writes the OpenAPI 3.1 document (what GET /v1/openapi.json serves) to a file, without a
| server, a database or Redis: the app is booted only far enough to register its routes.
|
*/

import 'reflect-metadata'
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Ignitor } from '@adonisjs/core'

const out = process.argv[2]
if (!out) {
  console.error('usage: node --import=@poppinss/ts-exec bin/openapi.ts <out.json>')
  process.exit(2)
}

const APP_ROOT = new URL('../', import.meta.url)
const IMPORTER = (filePath: string) =>
  filePath.startsWith('./') || filePath.startsWith('../')
    ? import(new URL(filePath, APP_ROOT).href)
    : import(filePath)

// The environment is validated at boot; nothing here connects, so placeholders are enough
// where the developer has not set the real values.
process.env.HOST ??= '127.0.0.1'
process.env.APP_KEY ??= 'openapi-generation-placeholder-app-key'
process.env.DATABASE_URL ??= 'postgres://127.0.0.1:5432/parley'
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379'
process.env.LOG_LEVEL ??= 'error'

const app = new Ignitor(APP_ROOT, { importer: IMPORTER }).createApp('console')
await app.init()
await app.boot()
await app.start(async () => {})
const router = await app.container.make('router')
router.commit()
const { buildOpenApiDocument } = await import('#services/openapi/document')
const document = await buildOpenApiDocument()
writeFileSync(resolve(out), JSON.stringify(document, null, 2) + '\n')
console.log(`Wrote ${Object.keys(document.paths).length} paths to ${out}`)
await app.terminate()
