import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import { ApiError } from '#exceptions/api_error'
import env from '#start/env'

const FILE_NAME = /^[a-z][a-z0-9-]*-[A-Za-z0-9_-]{8}\.js$/

/** Parley's first-party apps: where each is built and served, and what its shell says. */
const APPS = {
  console: { element: 'console-app', title: 'Console', noscript: 'The console needs JavaScript.' },
  admin: {
    element: 'admin-app',
    title: 'Platform admin',
    noscript: 'The platform admin needs JavaScript.',
  },
} as const
type FirstPartyApp = keyof typeof APPS

const dirOf = (name: FirstPartyApp) =>
  app.makePath(env.get('PARLEY_PUBLIC_DIR') ?? 'dist/public', name)

/**
 * The apps are first-party: a strict policy of their own (scripts and connections to this origin
 * only, no framing). Their styles are constructable stylesheets, which `style-src` does not govern.
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

/** One HTML shell for every page of an app (its bundle routes on the client). */
async function shell(name: FirstPartyApp, { response }: HttpContext) {
  let entry: string | undefined
  try {
    entry = JSON.parse(await readFile(`${dirOf(name)}/entry.json`, 'utf8')).entry
  } catch {
    entry = undefined
  }
  if (!entry || !FILE_NAME.test(entry))
    throw new ApiError(
      'SERVICE_UNAVAILABLE',
      `The ${name === 'console' ? 'console' : 'platform admin'} is not built; run npm run build:widgets`
    )
  const { element, title, noscript } = APPS[name]
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
    <title>${title}</title>
    <script type="module" src="/${name}/assets/${escapeAttribute(entry)}"></script>
  </head>
  <body>
    <${element}></${element}>
    <noscript>${noscript}</noscript>
  </body>
</html>
`)
}

/** A hashed bundle file of an app (immutable); any other name is a 404. */
async function asset(name: FirstPartyApp, { params, response }: HttpContext) {
  const file = String(params.file)
  const body = FILE_NAME.test(file)
    ? await readFile(`${dirOf(name)}/${file}`).catch(() => null)
    : null
  if (!body) throw ApiError.notFound(name === 'console' ? 'Console file' : 'Admin file')
  response.header('Content-Type', 'text/javascript; charset=utf-8')
  response.header('Cache-Control', 'public, max-age=31536000, immutable')
  response.header('X-Content-Type-Options', 'nosniff')
  return response.send(body)
}

/**
 * The first-party apps' pages: the partner console (/console) and the platform admin (/admin),
 * each one HTML shell for every page under its path and the bundle's hashed files, built by
 * `npm run build:widgets` into dist/public/console and dist/public/admin.
 */
export default class ConsolePagesController {
  /** GET /console and /console/* */
  async show(ctx: HttpContext) {
    return shell('console', ctx)
  }

  /** GET /console/assets/:file */
  async asset(ctx: HttpContext) {
    return asset('console', ctx)
  }

  /** GET /admin and /admin/* */
  async admin(ctx: HttpContext) {
    return shell('admin', ctx)
  }

  /** GET /admin/assets/:file */
  async adminAsset(ctx: HttpContext) {
    return asset('admin', ctx)
  }
}
