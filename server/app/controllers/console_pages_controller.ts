import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { ApiError } from '#exceptions/api_error'
import env from '#start/env'

const FILE_NAME = /^[a-z][a-z0-9-]*-[A-Za-z0-9_-]{8}\.js$/
const consoleDir = () => app.makePath(env.get('PARLEY_PUBLIC_DIR') ?? 'dist/public', 'console')

/**
 * The console is first-party: a strict policy of its own (scripts and connections to this origin
 * only, no framing). Its styles are constructable stylesheets, which `style-src` does not govern.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * The partner console (/console): one HTML shell for every page under /console (the bundle
 * routes on the client), and the bundle's hashed files, built by `npm run build:widgets` into
 * dist/public/console.
 */
export default class ConsolePagesController {
  /** GET /console and /console/* */
  async show({ response }: HttpContext) {
    let entry: string | undefined
    try {
      entry = JSON.parse(await readFile(`${consoleDir()}/entry.json`, 'utf8')).entry
    } catch {
      entry = undefined
    }
    if (!entry || !FILE_NAME.test(entry))
      throw new ApiError(
        'SERVICE_UNAVAILABLE',
        'The console is not built; run npm run build:widgets'
      )
    response.header('Content-Type', 'text/html; charset=utf-8')
    // The shell names the current bundle: never cached, so a deploy reaches the next load.
    response.header('Cache-Control', 'no-store')
    response.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    response.header('X-Frame-Options', 'DENY')
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Referrer-Policy', 'same-origin')
    return response.send(`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <meta name="robots" content="noindex" />
    <title>Console</title>
    <script type="module" src="/console/assets/${escapeAttribute(entry)}"></script>
  </head>
  <body>
    <console-app></console-app>
    <noscript>The console needs JavaScript.</noscript>
  </body>
</html>
`)
  }

  /** GET /console/assets/:file: a hashed bundle file (immutable). */
  async asset({ params, response }: HttpContext) {
    const file = String(params.file)
    const body = FILE_NAME.test(file)
      ? await readFile(`${consoleDir()}/${file}`).catch(() => null)
      : null
    if (!body) throw ApiError.notFound('Console file')
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=31536000, immutable')
    response.header('X-Content-Type-Options', 'nosniff')
    return response.send(body)
  }
}
