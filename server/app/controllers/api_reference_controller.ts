import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { ApiError } from '#exceptions/api_error'
import env from '#start/env'

/** A hashed file of the bundle (Vite's `name-hash8.ext`); no path separators, no dot segments. */
const FILE_NAME = /^\w[\w.-]*-[\w-]{8}\.(js|css|woff2|svg)$/
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
}

const dir = () => app.makePath(env.get('PARLEY_PUBLIC_DIR') ?? 'dist/public', 'api-reference')

/**
 * The same strict policy the widgets promise hosts (docs/embedding.md section 6): no inline
 * scripts or styles, no eval, everything from this origin. "Try it" may call this origin only.
 */
export const API_REFERENCE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

interface Entry {
  script: string
  styles: string[]
}

async function readEntry(): Promise<Entry | null> {
  try {
    const entry = JSON.parse(await readFile(`${dir()}/entry.json`, 'utf8')) as Entry
    const names = [entry.script, ...entry.styles]
    return names.every((name) => typeof name === 'string' && FILE_NAME.test(name)) ? entry : null
  } catch {
    return null
  }
}

let buildingInDevelopment: Promise<unknown> | undefined

/**
 * Under `npm run dev` a missing bundle is built on the first visit (about a minute), once: the
 * renderer is a dependency, not code edited here, so it is not rebuilt on changes.
 */
function buildOnce() {
  buildingInDevelopment ??= new Promise((resolve) =>
    execFile(
      process.execPath,
      ['--import=@poppinss/ts-exec', 'bin/build_api_reference.ts'],
      { cwd: app.makePath(), env: process.env },
      resolve
    )
  )
  return buildingInDevelopment
}

const asset = (file: string) => `/docs/api/assets/${file}`

/**
 * GET /docs/api: the API reference rendered from GET /v1/openapi.json by Scalar, bundled by
 * `npm run build:api-reference` into dist/public/api-reference and served from this origin only.
 */
export default class ApiReferenceController {
  async show({ response }: HttpContext) {
    let entry = await readEntry()
    if (!entry && app.inDev) {
      await buildOnce()
      entry = await readEntry()
    }
    if (!entry)
      throw new ApiError(
        'SERVICE_UNAVAILABLE',
        'The API reference is not built; run npm run build:api-reference'
      )
    response.header('Content-Type', 'text/html; charset=utf-8')
    // The page names the current bundle: never cached, so a deploy reaches the next load.
    response.header('Cache-Control', 'no-store')
    response.header('Content-Security-Policy', API_REFERENCE_CSP)
    response.header('X-Frame-Options', 'DENY')
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Referrer-Policy', 'same-origin')
    const styles = entry.styles
      .map((file) => `    <link rel="stylesheet" href="${asset(file)}" />`)
      .join('\n')
    return response.send(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>Parley API reference</title>
${styles}
    <script type="module" src="${asset(entry.script)}"></script>
  </head>
  <body>
    <div id="api-reference" data-spec-url="/v1/openapi.json" data-try-it="on"></div>
    <noscript>The API reference needs JavaScript; the contract itself is at /v1/openapi.json.</noscript>
  </body>
</html>
`)
  }

  /** GET /docs/api/assets/:file, a hashed bundle file (immutable); any other name is a 404. */
  async asset({ params, response }: HttpContext) {
    const file = String(params.file)
    const body = FILE_NAME.test(file) ? await readFile(`${dir()}/${file}`).catch(() => null) : null
    if (!body) throw ApiError.notFound('API reference file')
    response.header('Content-Type', TYPES[extname(file)])
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.header('X-Content-Type-Options', 'nosniff')
    return response.send(body)
  }
}
