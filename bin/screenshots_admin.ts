/*
|--------------------------------------------------------------------------
| node --import=@poppinss/ts-exec bin/screenshots_admin.ts [--no-build]
|--------------------------------------------------------------------------
|
| The platform admin's pages as PNGs in docs/screenshots/admin/, at 1280 and 360 px, light and
| dark (and in Spanish at 360 light), against the canned API of widgets/admin/admin.fixtures.ts:
| no server, no database. The built admin (npm run build:widgets, into PARLEY_PUBLIC_DIR or
| dist/public) is served the way ConsolePagesController serves it.
|
*/

import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Page } from 'playwright-core'
import { launchChromium } from '../server/lib/chromium.js'
import { freePort } from '../server/lib/local_services.js'
import { fakeAdminApi } from '../widgets/admin/admin.fixtures.js'

const root = new URL('../', import.meta.url).pathname
const publicDir = join(root, process.env.PARLEY_PUBLIC_DIR ?? 'dist/public', 'admin')
const outDir = join(root, 'docs/screenshots/admin')
if (!process.argv.includes('--no-build'))
  execFileSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/build_widgets.ts'], {
    cwd: root,
    stdio: 'inherit',
  })

let api = fakeAdminApi()
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x')
  const send = (status: number, body: string | Buffer, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type })
    res.end(body)
  }
  if (url.pathname.startsWith('/admin/assets/'))
    return send(200, await readFile(join(publicDir, url.pathname.slice(14))), 'text/javascript')
  if (url.pathname.startsWith('/admin')) {
    const { entry } = JSON.parse(await readFile(join(publicDir, 'entry.json'), 'utf8'))
    return send(
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Platform admin</title><script type="module" src="/admin/assets/${entry}"></script></head><body><admin-app></admin-app></body></html>`,
      'text/html'
    )
  }
  let raw = ''
  for await (const chunk of req) raw += chunk
  const answer = api.handle(req.method ?? 'GET', url, raw ? JSON.parse(raw) : undefined)
  send(answer.status, answer.body === undefined ? '' : JSON.stringify(answer.body))
})
const port = await freePort()
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${port}`

mkdirSync(outDir, { recursive: true })
const browser = await launchChromium()
const shots: string[] = []
const TENANT = '0197a000-0000-7000-8000-000000000003'

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
      const shot = async (name: string, fullPage = false) => {
        await page.waitForTimeout(400)
        const path = join(outDir, `${name}-${suffix}.png`)
        // Palette PNGs, as bin/screenshots.ts commits them: about a third of the size.
        const png = await page.screenshot({ fullPage })
        await sharp(png)
          .png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 })
          .toFile(path)
        shots.push(path)
      }
      const open = async (path: string, ready: string, p: Page = page) => {
        await p.goto(`${origin}${path}`)
        await p.locator(ready).first().waitFor()
      }

      api = fakeAdminApi({ signedIn: false })
      await open('/admin/tenants', 'console-sign-in input#email')
      await shot('sign-in')
      // A first sign-in: TOTP set-up, then the recovery codes.
      api = fakeAdminApi({ totpEnabled: false })
      await open('/admin/tenants', 'admin-totp-setup svg.qr')
      await shot('totp-setup')
      await page.locator('admin-totp-setup #code').fill('123456')
      await page.locator('admin-totp-setup button[type=submit]').click()
      await page.locator('admin-totp-setup #recovery-codes').waitFor()
      await shot('recovery-codes')
      api = fakeAdminApi()
      await open('/admin/tenants', 'admin-tenants tbody tr')
      await shot('tenants', true)
      await open(`/admin/tenants/${TENANT}`, 'admin-tenant #history')
      await shot('tenant', true)
      await open('/admin/tenants/0197a000-0000-7000-8000-000000000001', 'admin-tenant #suspend')
      await page.locator('admin-tenant #suspend').click()
      await page
        .locator('admin-suspend-dialog #reason')
        .fill('Abusive campaigns reported by carriers.')
      await shot('suspend-dialog')
      await open('/admin/tenants/new', 'admin-tenant-new #name')
      await page.locator('admin-tenant-new #name').fill('Wayne Support')
      await page.locator('admin-tenant-new #origins').fill('https://help.wayne.test')
      await page.locator('admin-tenant-new button[type=submit]').click()
      await page.locator('admin-tenant-new #secret-key').waitFor()
      await shot('tenant-created')
      await open('/admin/usage', 'admin-usage console-usage-chart svg')
      await shot('usage', true)
      await open('/admin/sessions', 'admin-sessions tbody tr')
      await shot('sessions')
      if (width === 1280) await page.locator('console-account-menu #toggle').click()
      else await page.locator('admin-app #menu-toggle').click()
      await shot(width === 1280 ? 'account-menu' : 'navigation')
      await context.close()
    }
await browser.close()
server.close()
console.log(`[screenshots] ${shots.length} files in docs/screenshots/admin`)
