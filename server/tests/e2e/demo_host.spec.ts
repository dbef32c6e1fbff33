/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Playwright runs the callbacks of evaluate() in the page.

import { test } from '@japa/runner'
import type { Server } from 'node:http'
import type { BrowserContext, Page } from 'playwright-core'
import { startDemoHost } from '../../../embed/demo-host/server.js'
import { freePort } from '#lib/local_services'
import { makeTenant } from '#tests/helpers'
import { buildWidgets, launchWithoutThirdPartyCookies } from '#tests/e2e/browser'

const api = () => `http://127.0.0.1:${process.env.PORT}`

/** Opens a page collecting what a careful host would watch: CSP violations and errors. */
async function open(
  context: BrowserContext,
  url: string,
  beforeLoad: (page: Page) => void = () => {}
) {
  const page = await context.newPage()
  beforeLoad(page)
  const problems: string[] = []
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      ((window as any).__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`)
    )
  )
  const response = await page.goto(url)
  return { page, problems, response }
}

const launcherColour = (page: Page) =>
  page
    .locator('parley-launcher [part="button"]')
    .evaluate((el) => getComputedStyle(el).backgroundColor)

test.group('Demo host page (end to end)', (group) => {
  let context: BrowserContext
  let host: Server
  let hostUrl: string
  let tenant: Awaited<ReturnType<typeof makeTenant>>

  group.setup(async () => {
    await buildWidgets()
    const port = await freePort()
    hostUrl = `http://localhost:${port}`
    tenant = await makeTenant('Acme', [hostUrl])
    host = await startDemoHost({
      port,
      apiUrl: api(),
      secretKey: tenant.secretKey,
      publishableKey: tenant.publishableKey,
    })
    context = await launchWithoutThirdPartyCookies()
    return async () => {
      await context.close()
      await new Promise((r) => host.close(r))
    }
  })

  test('embeds the launcher by script tag under a strict CSP, and its widget shows the signed-in member', async ({
    assert,
  }) => {
    const { page, problems, response } = await open(context, `${hostUrl}/`)
    const csp = response!.headers()['content-security-policy']
    assert.notInclude(csp, 'unsafe-inline')
    assert.notInclude(csp, 'unsafe-eval')
    assert.include(csp, `script-src 'self' ${api()}`)

    await page.locator('parley-launcher [part="button"]').click()
    const name = page.locator('parley-account [part="name"]')
    await name.waitFor()
    assert.equal(await name.textContent(), 'Ana Lima')
    assert.equal(await page.evaluate(() => document.documentElement.dataset.parleyOpened), 'yes')

    assert.deepEqual(await page.evaluate(() => (window as any).__violations ?? []), [])
    assert.deepEqual(problems, [])
    // Nothing relied on cookies: Parley set none, in a browser that blocks third-party ones.
    assert.deepEqual(await context.cookies(api()), [])
    await page.close()
  })

  test("works under a nonce-based policy with 'strict-dynamic' and no host allow-list", async ({
    assert,
  }) => {
    const { page, problems, response } = await open(context, `${hostUrl}/?csp=nonce`)
    assert.match(
      response!.headers()['content-security-policy'],
      /script-src 'nonce-[^']+' 'strict-dynamic'/
    )
    await page.locator('parley-launcher [part="button"]').click()
    await page.locator('parley-account [part="name"]').waitFor()
    assert.deepEqual(await page.evaluate(() => (window as any).__violations ?? []), [])
    assert.deepEqual(problems, [])
    await page.close()
  })

  test("a theme change through the API reaches the launcher's computed colour", async ({
    assert,
  }) => {
    let firstTheme: Promise<unknown> = Promise.resolve()
    const { page } = await open(context, `${hostUrl}/`, (p) => {
      firstTheme = p.waitForResponse((r) => r.url().includes('/v1/theme.css'))
    })
    await firstTheme
    await page.locator('parley-launcher [part="button"]').waitFor()
    const before = await launcherColour(page)

    const put = await fetch(`${api()}/v1/theme`, {
      method: 'PUT',
      headers: {
        'Authorization': `Bearer ${tenant.secretKey}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        tokens: { colorScheme: 'light', color: { light: { primary: '#7a2e9e' } } },
      }),
    })
    assert.equal(put.status, 200)

    const themeLoaded = page.waitForResponse((r) => r.url().includes('/v1/theme.css'))
    await page.reload()
    assert.equal((await themeLoaded).status(), 200)
    await page.waitForFunction(
      () =>
        getComputedStyle(
          document.querySelector('parley-launcher')!.shadowRoot!.querySelector('[part="button"]')!
        ).backgroundColor === 'rgb(122, 46, 158)'
    )
    assert.notEqual(before, 'rgb(122, 46, 158)')
    assert.equal(await launcherColour(page), 'rgb(122, 46, 158)')
    await page.close()
  })

  test('the publishable key is refused on an origin the tenant did not allow', async ({
    assert,
  }) => {
    // Same page, same key, but served from 127.0.0.1 instead of localhost: another origin.
    const foreign = hostUrl.replace('localhost', '127.0.0.1')
    const { page } = await open(context, `${foreign}/`)
    const fromPage = await page.evaluate(async (url) => {
      try {
        await fetch(url)
        return 'readable'
      } catch {
        return 'refused'
      }
    }, `${api()}/v1/embed/config?key=${tenant.publishableKey}`)
    assert.equal(fromPage, 'refused')

    // The widget cannot reach the API from there either: it shows its error state…
    await page.locator('parley-launcher [part="button"]').click()
    await page.locator('parley-account parley-state[kind="error"]').waitFor()
    // …and the tenant's theme (purple since the previous test) never arrived.
    assert.notEqual(await launcherColour(page), 'rgb(122, 46, 158)')

    // What the server answered, as a browser on that origin would have asked.
    const direct = await fetch(`${api()}/v1/embed/config?key=${tenant.publishableKey}`, {
      headers: { origin: foreign },
    })
    assert.equal(direct.status, 403)
    await page.close()
  })

  test('the user chosen with "Sign in as" stays signed in while navigating the host', async ({
    assert,
  }) => {
    const { page, problems } = await open(context, `${hostUrl}/?user=bruno`)
    const sessions: string[] = []
    page.on('request', (r) => r.url().includes('/session?') && sessions.push(r.url()))
    // Through the host's own links, which carry no ?user=.
    await page.locator('.topbar a', { hasText: 'Recordings' }).click()
    await page.waitForURL(`${hostUrl}/recordings`)
    assert.equal(
      await page.locator('.topbar a[aria-current]').textContent(),
      'Sign in as Bruno',
      'the current user is marked'
    )
    await page.locator('.topbar a', { hasText: 'Dashboard' }).click()
    await page.waitForURL(`${hostUrl}/`)
    await page.locator('parley-launcher [part="button"]').click()
    const name = page.locator('parley-account [part="name"]')
    await name.waitFor()
    assert.equal(await name.textContent(), 'Bruno Silva')
    assert.isNotEmpty(sessions)
    for (const url of sessions) assert.include(url, 'user=bruno')

    // "Sign in as Ana" switches, and stays on the page it was clicked on.
    await page.locator('.topbar a', { hasText: 'Sign in as Ana' }).click()
    await page.waitForURL(`${hostUrl}/?user=ana`)
    await page.locator('parley-launcher [part="button"]').click()
    await page.locator('parley-account [part="name"]', { hasText: 'Ana Lima' }).waitFor()
    assert.deepEqual(problems, [])
    await page.close()
  })

  test('the language link shows the host and Parley in Spanish, and the tab keeps it', async ({
    assert,
  }) => {
    const { page, problems } = await open(context, `${hostUrl}/`)
    await page.locator('nav a', { hasText: 'Español' }).click()
    await page.waitForURL(`${hostUrl}/?lang=es`)
    assert.equal(await page.locator('html').getAttribute('lang'), 'es')
    await page.locator('.topbar a', { hasText: 'Recordings' }).click()
    await page.waitForURL(`${hostUrl}/recordings`)
    assert.equal(await page.locator('html').getAttribute('lang'), 'es', 'kept across pages')
    await page.locator('.topbar a', { hasText: 'Dashboard' }).click()
    await page.locator('parley-launcher [part="button"]').click()
    await page.locator('parley-account dt', { hasText: 'Espacio de trabajo' }).waitFor()
    await page.locator('nav a', { hasText: 'English' }).click()
    await page.waitForURL(`${hostUrl}/?lang=en`)
    await page.locator('parley-launcher [part="button"]').click()
    await page.locator('parley-account dt', { hasText: 'Workspace' }).waitFor()
    assert.deepEqual(problems, [])
    await page.close()
  })
})
