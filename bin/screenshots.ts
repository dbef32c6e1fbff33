/*
|--------------------------------------------------------------------------
| npm run screenshots [-- <widget>…] [--no-build]
|--------------------------------------------------------------------------
|
| Every widget state as a PNG in docs/screenshots/, so a reviewer sees a change without running
| anything: each Storybook story under "Widgets/" (canned data, no server, no database) at 1280
| and 390 px wide, light and dark, and in Spanish at 390 px; cropped to what the story draws, on a
| neutral host background. The clock is fixed, the time zone UTC and animations off, so an
| unchanged widget gives byte-identical files (git shows only what changed).
|
| `npm run screenshots -- inbox chat` redoes those widgets only; `--no-build` reuses the last
| Storybook build (tmp/screenshots-storybook).
|
*/

import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { dirname, extname, join, normalize, relative } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import sharp from 'sharp'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../server/lib/chromium.js'
import { freePort } from '../server/lib/local_services.js'

const root = new URL('../', import.meta.url).pathname
const buildDir = join(root, 'tmp/screenshots-storybook')
const outDir = join(root, 'docs/screenshots')
/** The last captures as taken, before compression (git ignores tmp/). */
const rawDir = join(root, 'tmp/screenshots-raw')
/** What "now" is in every screenshot: the stories' relative times come out the same each run. */
const FIXED_NOW = new Date('2026-03-02T10:00:00Z')
const CONCURRENCY = 3

interface Variant {
  name: string
  width: number
  height: number
  scheme: 'light' | 'dark'
  locale: 'en' | 'es'
}
const VARIANTS: Variant[] = [
  { name: '1280-light', width: 1280, height: 800, scheme: 'light', locale: 'en' },
  { name: '1280-dark', width: 1280, height: 800, scheme: 'dark', locale: 'en' },
  { name: '390-light', width: 390, height: 844, scheme: 'light', locale: 'en' },
  { name: '390-dark', width: 390, height: 844, scheme: 'dark', locale: 'en' },
  { name: '390-light-es', width: 390, height: 844, scheme: 'light', locale: 'es' },
]
/** A host page's background behind the widget, so a widget that paints no surface shows it. */
const HOST_BACKGROUND = { light: '#f1f1f3', dark: '#1b1b1f' }

interface Story {
  id: string
  title: string
  name: string
}

const args = process.argv.slice(2)
const only = args.filter((a) => !a.startsWith('--'))
const build = !args.includes('--no-build') || !existsSync(join(buildDir, 'index.json'))
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
const widgetOf = (story: Story) => slug(story.title.replace(/^Widgets\//, ''))

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

/** Serves the Storybook build as any static host would. */
function serve(dir: string, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    const file = join(dir, path.replace(/^(\.\.[/\\])+/, ''))
    try {
      const body = await readFile(path.endsWith('/') ? join(file, 'index.html') : file)
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        // Hashed assets: cached for the run, so each page after the first skips the bundle.
        'cache-control': path.includes('/assets/') ? 'max-age=3600, immutable' : 'no-cache',
      })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}

interface Images {
  /** A screenshot as committed: palette-quantised, about a third of the size. */
  compress(png: Buffer): Promise<Buffer>
  /** Whether two screenshots differ only by rendering noise (a level or two on a few pixels). */
  alike(a: Buffer, b: Buffer): Promise<boolean>
}

/**
 * Palette PNGs with sharp (libvips), and a comparison that forgives Chromium's one-level
 * rendering noise, so an unchanged state keeps its file.
 */
function images(): Images {
  const pixels = (png: Buffer) =>
    sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return {
    compress: (png) =>
      sharp(png).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toBuffer(),
    async alike(a, b) {
      const [one, two] = await Promise.all([pixels(a), pixels(b)])
      if (one.info.width !== two.info.width || one.info.height !== two.info.height) return false
      for (let i = 0; i < one.data.length; i++) {
        if (Math.abs(one.data[i] - two.data[i]) > 2) return false
      }
      return true
    },
  }
}

/** Waits until every Lit element in the story (shadow roots included) has rendered and settled. */
async function settle(page: Page) {
  await page.waitForFunction(
    () => document.querySelector('#storybook-root')?.querySelector('*') !== null,
    undefined,
    { timeout: 15_000 }
  )
  await page.evaluate(async () => {
    const deep = (node: ParentNode): Element[] =>
      [...node.querySelectorAll('*')].flatMap((e) => [
        e,
        ...(e.shadowRoot ? deep(e.shadowRoot) : []),
      ])
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)))
    const deadline = performance.now() + 8_000
    // Data arrives from the stories' canned API a few microtasks later; loading states then go,
    // and so does aria-busy (a count or a chart still on its way inside a drawn view).
    while (performance.now() < deadline) {
      const elements = deep(document)
      await Promise.all(
        elements.map((e) => (e as { updateComplete?: Promise<unknown> }).updateComplete)
      )
      await frame()
      const loading = elements.some(
        (e) =>
          (e.localName === 'parley-state' && e.getAttribute('kind') === 'loading') ||
          e.getAttribute('aria-busy') === 'true'
      )
      if (!loading) break
      await new Promise((r) => setTimeout(r, 50))
    }
    await document.fonts.ready
    // Threads scroll to their newest message after rendering: wait until nothing moves.
    const positions = () =>
      deep(document)
        .map((e) => `${e.scrollTop},${e.scrollLeft},${e.scrollHeight}`)
        .join('|')
    let last = ''
    for (let i = 0; i < 40 && performance.now() < deadline + 2_000; i++) {
      await frame()
      await new Promise((r) => setTimeout(r, 60))
      const now = positions()
      if (now === last) break
      last = now
    }
    await frame()
  })
}

/** The box of everything the story draws (top-layer panels included), with a margin. */
async function drawnBox(page: Page) {
  return page.evaluate(() => {
    const deep = (node: ParentNode): Element[] =>
      [...node.querySelectorAll('*')].flatMap((e) => [
        e,
        ...(e.shadowRoot ? deep(e.shadowRoot) : []),
      ])
    const storyRoot = document.querySelector('#storybook-root')!
    let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity]
    for (const element of deep(storyRoot)) {
      if (element.localName === 'slot' || element.localName === 'style') continue
      const box = element.getBoundingClientRect()
      if (box.width < 1 || box.height < 1) continue
      const style = getComputedStyle(element)
      if (style.visibility === 'hidden' || style.display === 'contents') continue
      left = Math.min(left, box.left)
      top = Math.min(top, box.top)
      right = Math.max(right, box.right)
      bottom = Math.max(bottom, box.bottom)
    }
    const width = document.documentElement.scrollWidth
    const height = Math.max(document.documentElement.scrollHeight, innerHeight)
    const margin = 12
    const x = Math.max(0, Math.floor(left - margin))
    const y = Math.max(0, Math.floor(top - margin))
    return {
      x,
      y,
      width: Math.min(width, Math.ceil(right + margin)) - x,
      height: Math.min(height, Math.ceil(bottom + margin)) - y,
    }
  })
}

/** One context per variant: its pages share the HTTP cache, so Storybook's bundle loads once. */
function openVariant(browser: Browser, variant: Variant): Promise<BrowserContext> {
  return browser
    .newContext({
      viewport: { width: variant.width, height: variant.height },
      deviceScaleFactor: 1,
      colorScheme: variant.scheme,
      locale: variant.locale === 'es' ? 'es-ES' : 'en-US',
      timezoneId: 'UTC',
      reducedMotion: 'reduce',
    })
    .then(async (context) => {
      await context.clock.setFixedTime(FIXED_NOW)
      return context
    })
}

/** A story freshly loaded (no state kept from the previous one), settled, cropped, compressed. */
async function shoot(page: Page, base: string, story: Story, variant: Variant) {
  const errors: string[] = []
  const onError = (error: Error) => errors.push(error.message)
  page.on('pageerror', onError)
  try {
    const globals = `scheme:${variant.scheme};locale:${variant.locale}`
    await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story&globals=${globals}`)
    await page.addStyleTag({
      content: `html, body { background: ${HOST_BACKGROUND[variant.scheme]} !important }`,
    })
    await settle(page)
    const clip = await drawnBox(page)
    if (clip.width < 1 || clip.height < 1) throw new Error(`${story.id} drew nothing`)
    const png = await page.screenshot({ clip, fullPage: true, animations: 'disabled' })
    if (errors.length)
      console.warn(`[screenshots] ${story.id} ${variant.name}: ${errors.join('; ')}`)
    return png
  } finally {
    page.off('pageerror', onError)
  }
}

/** docs/screenshots/README.md: every image, by widget and story (formatted as `npm run format` would). */
async function writeIndex(stories: Story[]) {
  const image = (story: Story, variant: Variant) => {
    const file = `${widgetOf(story)}/${slug(story.name)}-${variant.name}.png`
    return `[![${story.name}, ${variant.name}](${file})](${file})`
  }
  const table = (story: Story, variants: Variant[]) => [
    `| ${variants.map((v) => v.name).join(' | ')} |`,
    `| ${variants.map(() => '---').join(' | ')} |`,
    `| ${variants.map((v) => image(story, v)).join(' | ')} |`,
    '',
  ]
  const lines = [
    '# Screenshots',
    '',
    'Every widget state from Storybook (canned data, no server), written by `npm run screenshots`:',
    'at 1280 and 390 px, light and dark, and in Spanish at 390 px, on a grey or near-black host page.',
    'Regenerate after changing a widget (`npm run screenshots -- <widget>` for one) and commit the',
    'PNGs with the change; unchanged states come out byte-identical.',
    '',
  ]
  for (const widget of [...new Set(stories.map(widgetOf))].sort()) {
    lines.push(`## ${widget[0].toUpperCase()}${widget.slice(1)}`, '')
    for (const story of stories.filter((s) => widgetOf(s) === widget)) {
      lines.push(`### ${story.name}`, '')
      lines.push(
        ...table(
          story,
          VARIANTS.filter((v) => v.width > 400)
        )
      )
      lines.push(
        ...table(
          story,
          VARIANTS.filter((v) => v.width <= 400)
        )
      )
    }
  }
  const file = join(outDir, 'README.md')
  const prettier = await import('prettier')
  const options = (await prettier.resolveConfig(file)) ?? {}
  writeFileSync(file, await prettier.format(lines.join('\n'), { ...options, filepath: file }))
}

async function main() {
  const started = Date.now()
  if (build) {
    console.log('[screenshots] building Storybook')
    execFileSync(
      process.execPath,
      [
        'node_modules/storybook/dist/bin/dispatcher.js',
        'build',
        '-c',
        'storybook',
        '-o',
        buildDir,
        '--quiet',
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }
    )
  }
  const index = JSON.parse(readFileSync(join(buildDir, 'index.json'), 'utf8'))
  const all = (Object.values(index.entries) as (Story & { type: string })[]).filter(
    (e) => e.type === 'story' && e.title.startsWith('Widgets/')
  )
  const stories = all.filter((s) => !only.length || only.includes(widgetOf(s)))
  if (!stories.length) throw new Error(`no widget stories match ${only.join(', ')}`)

  const port = await freePort()
  const server = await serve(buildDir, port)
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  const { compress, alike } = images()
  const written = new Set<string>()
  let changed = 0
  let bytes = 0
  try {
    for (const variant of VARIANTS) {
      const context = await openVariant(browser, variant)
      const queue = [...stories]
      const worker = async () => {
        const page = await context.newPage()
        for (let story = queue.shift(); story; story = queue.shift()) {
          const dir = join(outDir, widgetOf(story))
          const file = join(dir, `${slug(story.name)}-${variant.name}.png`)
          const taken = await shoot(page, `http://127.0.0.1:${port}`, story, variant)
          written.add(file)
          // Chromium's rasteriser can shift a pixel of antialiasing by a level between runs,
          // and quantising then picks another palette: compare with the last raw capture.
          const raw = join(rawDir, relative(outDir, file))
          if (existsSync(file) && existsSync(raw) && (await alike(readFileSync(raw), taken))) {
            bytes += statSync(file).size
            continue
          }
          const png = await compress(taken)
          bytes += png.length
          mkdirSync(dir, { recursive: true })
          mkdirSync(dirname(raw), { recursive: true })
          writeFileSync(raw, taken)
          if (existsSync(file) && readFileSync(file).equals(png)) continue
          writeFileSync(file, png)
          changed++
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker))
      await context.close()
    }
  } finally {
    await browser.close()
    server.close()
  }

  // Images of stories that no longer exist go, in the widgets this run covered.
  for (const widget of new Set(stories.map(widgetOf))) {
    for (const name of readdirSync(join(outDir, widget))) {
      const file = join(outDir, widget, name)
      if (name.endsWith('.png') && !written.has(file)) rmSync(file)
    }
  }
  await writeIndex(all)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(
    `[screenshots] ${written.size} images of ${stories.length} stories (${changed} changed, ${Math.round(bytes / 1024)} kB) in ${seconds} s → docs/screenshots/`
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
