/// <reference lib="dom" />
// Playwright runs the callbacks of evaluate() and addInitScript() in the page.
import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '#lib/chromium'

const api = () => `http://127.0.0.1:${process.env.PORT}`

/** Bundles the page's renderer into $PARLEY_PUBLIC_DIR/api-reference (about a minute here). */
async function buildApiReference() {
  await promisify(execFile)(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'bin/build_api_reference.ts'],
    { maxBuffer: 10 * 1024 * 1024 }
  )
}

/**
 * Opens /docs/api with everything but this server refused at the network (the page must work
 * offline), collecting CSP violations, refused requests, console errors and page errors.
 */
async function openReference(browser: Browser, hash = '') {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } })
  const elsewhere: string[] = []
  await context.route(
    (url) => url.origin !== api(),
    (route) => {
      elsewhere.push(route.request().url())
      return route.abort('internetdisconnected')
    }
  )
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      ((window as any).__violations ??= []).push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`
      )
    )
  )
  // A few MB of script to parse before the document is asked for: generous on a busy machine.
  const contract = page.waitForResponse((r) => r.url() === `${api()}/v1/openapi.json`, {
    timeout: 90_000,
  })
  const response = await page.goto(`${api()}/docs/api${hash}`)
  return { page, context, response, contract, problems, elsewhere }
}

const violations = (page: Page) =>
  page.evaluate(() => ((window as any).__violations ?? []) as string[])

/** The section Scalar renders for an operation (its anchor is `tag/<tag>/<METHOD><path>`). */
const operation = (page: Page, method: string, path: string) =>
  page.locator(`section[id$="/${method}${path}"]`)

test.group('API reference page (end to end)', (group) => {
  let browser: Browser

  group.setup(async () => {
    await buildApiReference()
    browser = await launchChromium()
    return () => browser.close()
  })

  test('renders the operations of GET /v1/openapi.json offline, without a CSP violation', async ({
    assert,
  }) => {
    const { page, context, response, contract, problems, elsewhere } = await openReference(
      browser,
      '#tag/sessions/POST/v1/sessions'
    )
    const csp = response!.headers()['content-security-policy']
    assert.include(csp, "script-src 'self'")
    assert.include(csp, "style-src 'self'")
    assert.notInclude(csp, 'unsafe-inline')
    assert.notInclude(csp, 'unsafe-eval')
    assert.equal((await contract).status(), 200)

    // POST /v1/sessions with the fields of its request body, as the contract has them.
    const document = (await (await contract).json()) as any
    const body = document.paths['/v1/sessions'].post.requestBody.content['application/json'].schema
    const sessions = operation(page, 'POST', '/v1/sessions')
    await sessions.waitFor({ timeout: 90_000 })
    assert.include(await sessions.innerText(), '/v1/sessions')
    for (const field of ['workspace', 'user', 'ttlSeconds']) {
      assert.property(body.properties, field)
      const row = sessions.locator(`[id$="/POST/v1/sessions.body.${field}"]`)
      await row.waitFor()
      assert.equal((await row.innerText()).trim(), field)
    }

    assert.deepEqual(await violations(page), [])
    assert.deepEqual(problems, [])
    assert.deepEqual(elsewhere, [])
    await context.close()
  }).timeout(180_000)

  test('"Try it" sends the request to this server, still without a CSP violation', async ({
    assert,
  }) => {
    const { page, context, problems, elsewhere } = await openReference(
      browser,
      '#tag/sessions/POST/v1/sessions'
    )
    const sessions = operation(page, 'POST', '/v1/sessions')
    await sessions.waitFor({ timeout: 90_000 })
    await sessions
      .getByRole('button', { name: /test request/i })
      .first()
      .click()

    const sent = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url() === `${api()}/v1/sessions`
    )
    await page.getByRole('button', { name: /^send/i }).first().click()
    // No secret key was given: the server itself answers, in the contract's error shape.
    const answer = await sent
    assert.equal(answer.status(), 401)
    assert.equal((await answer.json()).error.code, 'AUTHENTICATION_ERROR')

    assert.deepEqual(await violations(page), [])
    // Chromium logs the 401 itself as a failed resource; anything else is a problem.
    assert.deepEqual(
      problems.filter((p) => !p.includes('status of 401')),
      []
    )
    assert.deepEqual(elsewhere, [])
    await context.close()
  }).timeout(180_000)
})
