/*
|--------------------------------------------------------------------------
| node --import=@poppinss/ts-exec bin/screenshots_console.ts [--no-build]
|--------------------------------------------------------------------------
|
| The partner console's sign-in, theme editor and settings pages as PNGs in docs/screenshots/console/, at 1280 and
| 360 px, light and dark (and the editor in Spanish), against a canned API: no server, no database.
| The built console (npm run build:widgets, into PARLEY_PUBLIC_DIR or dist/public) is served the
| way ConsolePagesController serves it.
|
*/

import { join } from 'node:path'
import { buildWidgetsUnlessAsked, builtApp, eachVariant, root, serve } from './page_screenshots.js'

const outDir = join(root, 'docs/screenshots/console')
buildWidgetsUnlessAsked()

const ME = {
  user: { id: 'u1', email: 'ana@acme-reseller.test', name: 'Ana Lima', role: 'owner' },
  tenant: { id: 't1', name: 'Acme Reseller' },
}
const THEME = {
  colorScheme: 'auto',
  color: { light: { primary: '#006d77', surfaceMuted: '#e6f3f3', onSurfaceMuted: '#7a9a9c' } },
  radius: { md: '12px', lg: '20px' },
}

const KEYS = [
  {
    id: 'k3',
    type: 'secret',
    label: 'Billing backend',
    lastFour: '9f2c',
    lastUsedAt: '2026-11-26T16:20:00Z',
    revokedAt: null,
    createdAt: '2026-11-02T09:00:00Z',
  },
  {
    id: 'k2',
    type: 'publishable',
    label: 'Help centre',
    lastFour: '41ab',
    lastUsedAt: '2026-11-27T07:55:00Z',
    revokedAt: null,
    createdAt: '2026-10-14T12:00:00Z',
  },
  {
    id: 'k1',
    type: 'secret',
    label: 'Old CI',
    lastFour: '07de',
    lastUsedAt: '2026-09-30T18:00:00Z',
    revokedAt: '2026-10-01T08:00:00Z',
    createdAt: '2026-06-01T08:00:00Z',
  },
]

const record = (hostname: string, token: string) => ({
  verification: { type: 'TXT', name: `_parley.${hostname}`, value: `parley-verification=${token}` },
  target: { type: 'CNAME', value: 'edge.parley.example' },
})
const DOMAINS = [
  {
    id: 'd2',
    hostname: 'chat.acme-reseller.test',
    status: 'failed',
    ...record('chat.acme-reseller.test', '7Qm2xY9c'),
    checkedAt: '2026-11-27T07:40:00Z',
    error:
      'CNAME points elsewhere: chat.acme-reseller.test points at old-host.example, not edge.parley.example',
  },
  {
    id: 'd1',
    hostname: 'widgets.acme-reseller.test',
    status: 'verified',
    ...record('widgets.acme-reseller.test', 'b41Kp0aZ'),
    checkedAt: '2026-11-27T07:45:00Z',
    error: null,
  },
]

const AUDIT = [
  ['tenant.theme_changed', 'console_user', 'u1', 'tenant', 't1', '2026-11-27T08:10:00Z'],
  ['domain.verified', 'console_user', 'u1', 'custom_domain', 'd1', '2026-11-27T07:45:00Z'],
  ['key.revoked', 'console_user', 'u2', 'api_key', 'k1', '2026-11-26T16:00:00Z'],
  ['tenant.origins_changed', 'secret_key', 'k3', 'tenant', 't1', '2026-11-25T10:30:00Z'],
].map(([action, actorType, actorId, targetType, targetId, createdAt], i) => ({
  id: `e${i}`,
  action,
  workspaceId: null,
  actor: { type: actorType, id: actorId },
  target: { type: targetType, id: targetId },
  data: null,
  requestId: null,
  createdAt,
}))

const PROVIDERS = {
  openai: {
    configured: true,
    source: 'tenant',
    baseUrl: null,
    models: {
      transcription: 'gpt-4o-transcribe',
      summary: 'gpt-4o-mini',
      classification: 'gpt-4o-mini',
    },
    updatedAt: '2026-11-20T09:30:00Z',
  },
  stripe: {
    configured: true,
    ready: true,
    mode: 'connect',
    accountId: 'acct_1QxAcmeReseller',
    livemode: false,
    publishableKey: null,
    verifiedAt: '2026-11-21T14:05:00Z',
    connectAvailable: true,
  },
  whatsapp: { numbers: 3, connected: 1, byStatus: { open: 1, qr: 1, logged_out: 1 } },
}
const shop = (id: string, externalId: string, name: string) => ({ id, externalId, name })
const NUMBERS = [
  {
    id: 'n1',
    label: 'Sales',
    phone: '+351 912 000 101',
    status: 'open',
    reason: null,
    workspace: shop('w1', 'lisbon-store', 'Lisbon Store'),
  },
  {
    id: 'n2',
    label: 'Support',
    phone: '+351 912 000 102',
    status: 'logged_out',
    reason: 'logged_out',
    workspace: shop('w1', 'lisbon-store', 'Lisbon Store'),
  },
  {
    id: 'n3',
    label: 'Front desk',
    phone: null,
    status: 'qr',
    reason: null,
    workspace: shop('w2', 'porto-clinic', 'Porto Clinic'),
  },
]
const WORKSPACES = [
  ['w5', 'faro-surf', 'Faro Surf School', 'active', null, 4],
  ['w4', 'braga-books', 'Braga Books', 'suspended', '2026-11-18T10:00:00Z', 2],
  ['w3', 'coimbra-cafe', 'Coimbra Café', 'active', null, 7],
  ['w2', 'porto-clinic', 'Porto Clinic', 'active', null, 12],
  ['w1', 'lisbon-store', 'Lisbon Store', 'active', null, 23],
].map(([id, externalId, name, status, suspendedAt, membersCount]) => ({
  id,
  externalId,
  name,
  status,
  suspendedAt,
  membersCount,
  createdAt: '2026-09-01T10:00:00Z',
}))
/** Usage over the 30 days up to today (the page asks for them), varied per workspace. */
function usage(from: string, to: string, granularity: string) {
  const step = granularity === 'month' ? 'month' : 'day'
  const start = new Date(from)
  const buckets: string[] = []
  for (let at = start; at < new Date(to);) {
    buckets.push(at.toISOString())
    at =
      step === 'day'
        ? new Date(at.getTime() + 86_400_000)
        : new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))
  }
  const shops = WORKSPACES.slice().reverse()
  const data = ['transcriptionMinutes', 'messagesSent', 'campaignRecipients'].flatMap(
    (feature, f) =>
      shops.map((w, k) => {
        const series = buckets.map((at, i) => ({
          at,
          quantity: Math.max(
            0,
            Math.round(
              (6 - k) * (3 + f * 4) * (1 + Math.sin(i / 3 + k + f)) * (step === 'month' ? 20 : 1)
            )
          ),
        }))
        return {
          workspaceId: w.id,
          workspace: { externalId: w.externalId, name: w.name },
          feature,
          total: series.reduce((sum, p) => sum + p.quantity, 0),
          series: series.filter((p) => p.quantity > 0),
        }
      })
  )
  return {
    from,
    to,
    granularity,
    features: ['transcriptionMinutes', 'messagesSent', 'campaignRecipients', 'whatsappNumbers'],
    data,
    current: [
      {
        workspaceId: 'w1',
        workspace: { externalId: 'lisbon-store', name: 'Lisbon Store' },
        feature: 'whatsappNumbers',
        connected: 1,
        total: 2,
      },
      {
        workspaceId: 'w2',
        workspace: { externalId: 'porto-clinic', name: 'Porto Clinic' },
        feature: 'whatsappNumbers',
        connected: 0,
        total: 1,
      },
    ],
  }
}

let signedIn = false
const server = await serve(
  builtApp('console', 'Console', ({ url }, send) => {
    if (url.pathname === '/v1/console/me')
      return signedIn
        ? send(200, JSON.stringify(ME))
        : send(401, JSON.stringify({ error: { code: 'AUTHENTICATION_ERROR', message: 'Sign in' } }))
    if (url.pathname === '/v1/console/sessions')
      return send(200, JSON.stringify({ totpRequired: true }))
    if (url.pathname === '/v1/theme') return send(200, JSON.stringify({ theme: { tokens: THEME } }))
    if (url.pathname === '/v1/audit-events')
      return send(200, JSON.stringify({ data: AUDIT, nextCursor: 'c2' }))
    if (url.pathname === '/v1/branding')
      return send(
        200,
        JSON.stringify({
          name: 'Acme Reseller',
          logoUrl: null,
          fontUrl: null,
          elementPrefix: 'acme',
          parleyElements: true,
        })
      )
    if (url.pathname === '/v1/domains')
      return send(200, JSON.stringify({ data: DOMAINS, nextCursor: null }))
    if (url.pathname === '/v1/keys')
      return send(200, JSON.stringify({ data: KEYS, nextCursor: null }))
    if (url.pathname === '/v1/origins')
      return send(
        200,
        JSON.stringify({
          origins: ['https://app.acme-reseller.test', 'https://help.acme-reseller.test'],
        })
      )
    if (url.pathname === '/v1/providers') return send(200, JSON.stringify(PROVIDERS))
    if (url.pathname === '/v1/providers/whatsapp/numbers')
      return send(200, JSON.stringify({ data: NUMBERS, nextCursor: null }))
    if (url.pathname === '/v1/workspaces')
      return send(200, JSON.stringify({ data: WORKSPACES, nextCursor: 'c2' }))
    if (url.pathname === '/v1/usage') {
      const q = url.searchParams
      return send(200, JSON.stringify(usage(q.get('from')!, q.get('to')!, q.get('granularity')!)))
    }
    send(404, JSON.stringify({ error: { code: 'NOT_FOUND', message: 'Not found' } }))
  })
)

const shots = await eachVariant(outDir, async ({ page, width, scheme, locale, shot }) => {
  signedIn = false
  await page.goto(`${server.origin}/console/theme`)
  await page.locator('console-sign-in input#email').waitFor()
  await shot('sign-in')
  await page.fill('console-sign-in input#email', 'ana@acme-reseller.test')
  await page.fill('console-sign-in input#password', 'secret')
  await page.click('console-sign-in button[type=submit]')
  await page.locator('console-sign-in input#code').waitFor()
  await shot('sign-in-totp')
  signedIn = true
  await page.goto(`${server.origin}/console/theme`)
  await page.locator('console-theme-editor input.hex').first().waitFor()
  await shot('theme-editor')
  if (scheme === 'light' && locale === 'en') await shot('theme-editor-full', { fullPage: true })
  for (const settings of ['branding', 'domains', 'keys', 'origins', 'audit']) {
    await page.goto(`${server.origin}/console/${settings}`)
    await page.locator(`console-${settings} h1`).first().waitFor()
    await page.waitForTimeout(300)
    await shot(settings)
  }
  // Providers, workspaces and usage: long pages, so the whole page.
  for (const settings of ['providers', 'workspaces', 'usage']) {
    await page.goto(`${server.origin}/console/${settings}`)
    await page.locator(`console-${settings} h1`).first().waitFor()
    await page.waitForTimeout(500)
    await shot(settings, { fullPage: true })
  }
  await page.goto(`${server.origin}/console/theme`)
  await page.locator('console-theme-editor input.hex').first().waitFor()
  if (width === 1280) {
    for (const widget of ['chat', 'launcher', 'campaigns', 'billing', 'recorder']) {
      await page.locator(`console-theme-preview button[data-widget=${widget}]`).click()
      await shot(`preview-${widget}`, {
        of: page.locator('console-theme-editor section.preview'),
        settle: 600,
      })
    }
    await page.locator('console-account-menu #toggle').click()
    await shot('account-menu')
  } else {
    await page.locator('console-app #menu-toggle').click()
    await shot('navigation')
  }
})
server.close()
console.log(`[screenshots] ${shots.length} files in docs/screenshots/console`)
