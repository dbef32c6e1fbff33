/**
 * What the console's and the admin's screenshot scripts (bin/screenshots_console.ts,
 * bin/screenshots_console_account.ts, bin/screenshots_admin.ts) share: the widgets' build, a
 * local server for the pages and a canned API, and the loop over every variant (1280 and 360 px,
 * light and dark, Spanish at 360 light) that writes palette PNGs.
 */

import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage } from 'node:http'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Locator, Page } from 'playwright-core'
import { launchChromium } from '../server/lib/chromium.js'
import { freePort } from '../server/lib/local_services.js'

export const root = new URL('../', import.meta.url).pathname

/** Builds the widgets (into PARLEY_PUBLIC_DIR or dist/public) unless --no-build was given. */
export function buildWidgetsUnlessAsked() {
  if (process.argv.includes('--no-build')) return
  execFileSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/build_widgets.ts'], {
    cwd: root,
    stdio: 'inherit',
  })
}

/** Answers one request; `send` writes the response (JSON unless a type is given). */
export type Send = (status: number, body: string | Buffer, type?: string) => void
export type Handler = (
  request: { req: IncomingMessage; url: URL; body: any },
  send: Send
) => void | Promise<void>

/** A page that loads one module script (the app's shell, as ConsolePagesController writes it). */
export const shellHtml = (title: string, script: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><script type="module" src="${script}"></script></head><body>${body}</body></html>`

/**
 * Serves a built app (`console` or `admin`) as ConsolePagesController does: its assets under
 * /<app>/assets/, its shell (with `<element>`) at every other /<app> path; the rest goes to `api`.
 */
export function builtApp(app: 'console' | 'admin', title: string, api: Handler): Handler {
  const publicDir = join(root, process.env.PARLEY_PUBLIC_DIR ?? 'dist/public', app)
  const assets = `/${app}/assets/`
  return async (request, send) => {
    const { pathname } = request.url
    if (pathname.startsWith(assets))
      return send(
        200,
        await readFile(join(publicDir, pathname.slice(assets.length))),
        'text/javascript'
      )
    if (pathname.startsWith(`/${app}`)) {
      const { entry } = JSON.parse(await readFile(join(publicDir, 'entry.json'), 'utf8'))
      return send(
        200,
        shellHtml(title, `${assets}${entry}`, `<${app}-app></${app}-app>`),
        'text/html'
      )
    }
    return api(request, send)
  }
}

/** Listens on a free local port; the origin to open and a way to stop. */
export async function serve(handler: Handler) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const send: Send = (status, body, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type })
      res.end(body)
    }
    let raw = ''
    for await (const chunk of req) raw += chunk
    let body: unknown
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      body = raw
    }
    await handler({ req, url, body }, send)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() }
}

/** One browser context: a width, a scheme and a language. */
export interface Variant {
  page: Page
  width: number
  scheme: 'light' | 'dark'
  locale: string
  /**
   * Writes `<name>-<width>-<scheme>[-es].png` after `settle` ms: the viewport, the whole page or
   * one element (`of`).
   */
  shot: (
    name: string,
    options?: { fullPage?: boolean; of?: Locator; settle?: number }
  ) => Promise<void>
}

/**
 * Runs `visit` in every variant (1280 and 360 px, light and dark, Spanish at 360 light), one
 * browser context each, with animations off. Shots are palette PNGs in `outDir` (about a third
 * of the size, as bin/screenshots.ts commits them). Resolves to the files written.
 */
export async function eachVariant(
  outDir: string,
  visit: (variant: Variant) => Promise<void>,
  defaults: { fullPage?: boolean; settle?: number } = {}
) {
  mkdirSync(outDir, { recursive: true })
  const browser = await launchChromium()
  const shots: string[] = []
  for (const width of [1280, 360])
    for (const scheme of ['light', 'dark'] as const)
      for (const locale of width === 360 && scheme === 'light' ? ['en', 'es'] : ['en']) {
        const context = await browser.newContext({
          viewport: { width, height: width === 360 ? 740 : 800 },
          colorScheme: scheme,
          locale,
          reducedMotion: 'reduce',
        })
        const page = await context.newPage()
        const suffix = `${width}-${scheme}${locale === 'es' ? '-es' : ''}`
        const shot: Variant['shot'] = async (name, options = {}) => {
          const settle = options.settle ?? defaults.settle ?? 400
          if (settle) await page.waitForTimeout(settle)
          const path = join(outDir, `${name}-${suffix}.png`)
          const png = options.of
            ? await options.of.screenshot()
            : await page.screenshot({ fullPage: options.fullPage ?? defaults.fullPage ?? false })
          await sharp(png)
            .png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 })
            .toFile(path)
          shots.push(path)
        }
        await visit({ page, width, scheme, locale, shot })
        await context.close()
      }
  await browser.close()
  return shots
}
