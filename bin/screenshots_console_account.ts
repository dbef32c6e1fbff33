/*
|--------------------------------------------------------------------------
| node --import=@poppinss/ts-exec bin/screenshots_console_account.ts
|--------------------------------------------------------------------------
|
| The console's account pages (<console-security>, <console-users>) as PNGs in
| docs/screenshots/console/, at 1280 and 360 px, light and dark, and Spanish at 360, against a
| canned API: no server, no database. The pages are bundled on their own (vite, in memory), so
| this runs whether or not console-app.ts links them yet.
|
*/

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { eachVariant, root, serve, shellHtml } from './page_screenshots.js'

const outDir = join(root, 'docs/screenshots/console')

// The bundle: both pages, the console's look, the language from ?lang= and the scheme from the
// browser (as the console does with no saved choice).
const tmp = mkdtempSync(join(root, 'dist/.account-shots-'))
const entry = join(tmp, 'entry.ts')
writeFileSync(
  entry,
  `import { adoptConsoleSheet } from '${root}widgets/console/console-element.ts'
import { setLocale } from '${root}widgets/kit/localize.ts'
import '${root}widgets/console/account/security-page.ts'
import '${root}widgets/console/account/users-page.ts'
const lang = new URLSearchParams(location.search).get('lang') ?? 'en'
setLocale(lang)
document.documentElement.lang = lang
adoptConsoleSheet()
const page = document.createElement(new URLSearchParams(location.search).get('page') ?? 'console-security')
document.querySelector('main').append(page)
`
)
const bundled = await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    write: false,
    target: 'es2022',
    minify: false,
    lib: { entry, formats: ['es'], fileName: () => 'account.js' },
  },
})
rmSync(tmp, { recursive: true, force: true })
const output = (Array.isArray(bundled) ? bundled[0] : bundled) as {
  output: { fileName: string; code?: string }[]
}
const script = output.output.find((o) => o.fileName === 'account.js')!.code!

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString()
const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
const SESSIONS = [
  {
    id: 's1',
    createdAt: hoursAgo(2),
    lastSeenAt: hoursAgo(0),
    ip: '203.0.113.7',
    userAgent: CHROME_MAC,
    current: true,
  },
  {
    id: 's2',
    createdAt: hoursAgo(50),
    lastSeenAt: hoursAgo(3),
    ip: '198.51.100.24',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    current: false,
  },
  {
    id: 's3',
    createdAt: hoursAgo(120),
    lastSeenAt: hoursAgo(26),
    ip: '192.0.2.140',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    current: false,
  },
]
const user = (
  id: string,
  name: string,
  email: string,
  role: string,
  totp: boolean,
  seen?: number
) => ({
  id,
  name,
  email,
  role,
  totpEnabled: totp,
  lastSignInAt: seen === undefined ? null : hoursAgo(seen),
  createdAt: '2026-06-01T08:00:00Z',
})
const USERS = [
  user('u1', 'Ana Lima', 'ana@acme-reseller.test', 'owner', true, 2),
  user('u2', 'Bruno Costa', 'bruno@acme-reseller.test', 'admin', true, 30),
  user('u3', 'Chloé Martin', 'chloe@acme-reseller.test', 'developer', false, 75),
  user('u4', 'Dev Patel', 'dev@acme-reseller.test', 'support', false),
]
const INVITATIONS = [
  { id: 'i1', email: 'erin@acme-reseller.test', role: 'developer', expiresAt: hoursAgo(-60) },
  // Admins see why they cannot cancel this one.
  { id: 'i3', email: 'gus@acme-reseller.test', role: 'owner', expiresAt: hoursAgo(-70) },
]

/** Who the canned API says is signed in, and whether it lists Bruno as an owner. */
let meId = 'u1'
let twoOwners = false
const server = await serve(({ req, url }, send) => {
  if (url.pathname === '/account.js') return send(200, script, 'text/javascript')
  if (url.pathname === '/')
    return send(
      200,
      shellHtml('Console', '/account.js', '<main style="padding:20px"></main>'),
      'text/html'
    )
  if (url.pathname === '/v1/console/me')
    return send(
      200,
      JSON.stringify({
        user: USERS.find((u) => u.id === meId),
        tenant: { id: 't1', name: 'Acme Reseller' },
      })
    )
  if (url.pathname === '/v1/console/sessions')
    return send(200, JSON.stringify({ data: SESSIONS, nextCursor: null }))
  if (url.pathname === '/v1/console/totp' && req.method === 'POST')
    return send(
      200,
      JSON.stringify({
        otpauthUrl:
          'otpauth://totp/Acme%20Reseller:chloe%40acme-reseller.test?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Acme%20Reseller',
        secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
      })
    )
  if (url.pathname === '/v1/console/totp/verify')
    return send(
      200,
      JSON.stringify({
        recoveryCodes: [
          '7fk2-93mq',
          'p4xd-21ve',
          'bn8c-k0wz',
          'u6ty-5rha',
          'm3jq-8dls',
          'x9pe-4gkn',
          'c2wr-7hzy',
          'q5nv-1ubt',
          'z8ma-6fxe',
          'h1sd-3kcq',
        ],
      })
    )
  if (url.pathname === '/v1/console/users' && req.method === 'GET')
    return send(
      200,
      JSON.stringify({
        // Bruno still an owner on the page: demoted elsewhere since, as the refusal shows.
        data: twoOwners ? USERS.map((u) => (u.id === 'u2' ? { ...u, role: 'owner' } : u)) : USERS,
        nextCursor: null,
        invitations: INVITATIONS,
      })
    )
  if (url.pathname === '/v1/console/users' && req.method === 'POST')
    return send(
      201,
      JSON.stringify({
        invitation: {
          id: 'i2',
          email: 'fay@acme-reseller.test',
          role: 'support',
          expiresAt: hoursAgo(-72),
        },
        link: 'https://console.acme-reseller.test/console/invite#ci_Xq7vR2mN9pL4sT8wK1zY6bC3',
      })
    )
  if (url.pathname.startsWith('/v1/console/users/') && req.method === 'PATCH')
    return send(
      409,
      JSON.stringify({
        error: { code: 'CONFLICT', message: 'The tenant must keep at least one owner' },
      })
    )
  send(404, JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Not found' } }))
})

const shots = await eachVariant(
  outDir,
  async ({ page, width, scheme, locale, shot }) => {
    const open = async (element: string) => {
      await page.goto(`${server.origin}/?page=${element}&lang=${locale}`)
      await page.locator(`${element} h1`).waitFor()
    }

    meId = 'u3'
    await open('console-security')
    await page.locator('console-sessions tbody tr').first().waitFor()
    await shot('security')
    await page.locator('console-security #turn-on').click()
    await page.locator('console-security svg.qr').waitFor()
    await page.locator('console-security #code').fill('123 456')
    await shot('security-enrol')
    await page.locator('console-security form button[type=submit]').click()
    await page.locator('console-security ol.codes').waitFor()
    await shot('security-codes')
    if (width === 1280 || locale === 'es') {
      await page.locator('console-sessions [data-revoke="s2"]').click()
      await page.locator('console-sessions console-confirm dialog[open]').waitFor()
      // The viewport only: a modal's backdrop covers what is on screen.
      await shot('security-sign-out', { fullPage: false })
    }

    meId = 'u1'
    await open('console-users')
    await page.locator('console-users tbody tr').first().waitFor()
    await shot('users')
    await page.locator('console-users #invite-email').fill('fay@acme-reseller.test')
    await page.locator('console-users #invite-role').selectOption('support')
    await page.locator('console-users form.invite button[type=submit]').click()
    await page.locator('console-users #link-card').waitFor()
    await shot('users-invite-link')
    if (width === 1280 && scheme === 'light') {
      // The server refusing a role change (Ana would leave no owner), shown under the control.
      twoOwners = true
      await open('console-users')
      await page.locator('console-users select[data-role="u1"]').selectOption('admin')
      await page.locator('console-users [data-change-role="u1"]').click()
      await page.locator('console-users #role-error-u1').waitFor()
      await shot('users-refused')
      twoOwners = false
      // Cancelling an invitation asks first.
      await open('console-users')
      await page.locator('console-users [data-cancel-invitation="i1"]').click()
      await page.locator('console-users console-confirm dialog[open]').waitFor()
      await shot('users-cancel-invitation', { fullPage: false })
      meId = 'u2'
      await open('console-users')
      await page.locator('console-users tbody tr').first().waitFor()
      await shot('users-as-admin')
      meId = 'u4'
      await open('console-users')
      await page.locator('console-users tbody tr').first().waitFor()
      await shot('users-read-only')
    }
  },
  // Whole pages: they are long.
  { fullPage: true, settle: 300 }
)
server.close()
console.log(`[screenshots] ${shots.length} account-page files in docs/screenshots/console`)
