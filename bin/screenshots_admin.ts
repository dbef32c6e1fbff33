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

import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { fakeAdminApi } from '../widgets/admin/admin.fixtures.js'
import { buildWidgetsUnlessAsked, builtApp, eachVariant, root, serve } from './page_screenshots.js'

const outDir = join(root, 'docs/screenshots/admin')
buildWidgetsUnlessAsked()

let api = fakeAdminApi()
const server = await serve(
  builtApp('admin', 'Platform admin', ({ req, url, body }, send) => {
    const answer = api.handle(req.method ?? 'GET', url, body)
    send(answer.status, answer.body === undefined ? '' : JSON.stringify(answer.body))
  })
)
const TENANT = '0197a000-0000-7000-8000-000000000003'

const shots = await eachVariant(outDir, async ({ page, width, shot }) => {
  const open = async (path: string, ready: string, p: Page = page) => {
    await p.goto(`${server.origin}${path}`)
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
  await shot('tenants', { fullPage: true })
  await open(`/admin/tenants/${TENANT}`, 'admin-tenant #history')
  await shot('tenant', { fullPage: true })
  await open('/admin/tenants/0197a000-0000-7000-8000-000000000001', 'admin-tenant #suspend')
  await page.locator('admin-tenant #suspend').click()
  await page.locator('admin-suspend-dialog #reason').fill('Abusive campaigns reported by carriers.')
  await shot('suspend-dialog')
  await open('/admin/tenants/new', 'admin-tenant-new #name')
  await page.locator('admin-tenant-new #name').fill('Wayne Support')
  await page.locator('admin-tenant-new #origins').fill('https://help.wayne.test')
  await page.locator('admin-tenant-new button[type=submit]').click()
  await page.locator('admin-tenant-new #secret-key').waitFor()
  await shot('tenant-created')
  await open('/admin/usage', 'admin-usage console-usage-chart svg')
  await shot('usage', { fullPage: true })
  await open('/admin/sessions', 'admin-sessions tbody tr')
  await shot('sessions')
  if (width === 1280) await page.locator('console-account-menu #toggle').click()
  else await page.locator('admin-app #menu-toggle').click()
  await shot(width === 1280 ? 'account-menu' : 'navigation')
})
server.close()
console.log(`[screenshots] ${shots.length} files in docs/screenshots/admin`)
