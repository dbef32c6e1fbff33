/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { demoHostForTest, openPage } from '#tests/e2e/browser'
import { makeConsoleUser } from '#tests/functional/console/browser'
import { launchChromium } from '#lib/chromium'
import { Secret, TOTP } from 'otpauth'

const api = () => `http://127.0.0.1:${process.env.PORT}`

/** The code an authenticator app shows (RFC 6238 defaults), computed here, not by Parley's code. */
const authenticatorCode = (secret: string) =>
  new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate()

/**
 * The partner console against the real server: sign in with a TOTP code computed here, change the
 * primary colour in the theme editor, publish, and see the demo host's widget take it on its next
 * load.
 */
test.group('Console (end to end)', (group) => {
  let browser: Browser
  let demo: Awaited<ReturnType<typeof demoHostForTest>>

  group.setup(async () => {
    demo = await demoHostForTest(api())
    browser = await launchChromium()
    return async () => {
      await browser.close()
      await demo.close()
    }
  })

  test('sign in with TOTP, edit the primary colour, publish; the host page gets it', async ({
    assert,
  }) => {
    const { email, password, totpSecret } = await makeConsoleUser(demo.tenant.tenant.id, {
      totp: true,
      role: 'developer',
    })
    const { page, errors } = await openPage(browser, `${api()}/console/theme`, {
      width: 1280,
      height: 900,
    })
    // The shell's policy must let the console run: no refusals but the preview's made-up origin.
    const refusals: string[] = []
    page.on('console', (message) => {
      const text = message.text()
      if (/Content Security Policy/i.test(text) && !text.includes('preview.parley.invalid'))
        refusals.push(text)
    })

    await page.locator('console-sign-in #email').fill(email)
    await page.locator('console-sign-in #password').fill(password)
    await page.locator('console-sign-in button[type=submit]').click()
    await page.locator('console-sign-in #code').fill(authenticatorCode(totpSecret!))
    await page.locator('console-sign-in button[type=submit]').click()

    const primary = page.locator('console-theme-editor input.hex[data-token="color.light.primary"]')
    await primary.fill('#123456')
    // The preview follows at once.
    const previewPrimary = await page
      .locator('console-theme-preview .stage.light > *')
      .first()
      .evaluate((el) => getComputedStyle(el).getPropertyValue('--parley-color-primary').trim())
    assert.equal(previewPrimary, '#123456')

    await page.locator('console-theme-editor #publish').click()
    await page
      .locator('console-theme-editor #message', { hasText: 'host pages get it on their next load' })
      .waitFor()

    const saved = await fetch(`${api()}/v1/theme`, {
      headers: { Authorization: `Bearer ${demo.tenant.secretKey}` },
    }).then((r) => r.json() as Promise<{ theme: { tokens: any } }>)
    assert.equal(saved.theme.tokens.color.light.primary, '#123456')

    // A new load of the host page: the launcher's button, inside its shadow root, is painted in it.
    const host = await openPage(browser, demo.hostUrl)
    await host.page
      .waitForFunction(() => {
        const button = document
          .querySelector('parley-launcher')
          ?.shadowRoot?.querySelector('[part="button"]')
        return button && getComputedStyle(button).backgroundColor === 'rgb(18, 52, 86)'
      })
      .catch(() => {})
    const painted = await host.page
      .locator('parley-launcher [part="button"]')
      .evaluate((button) => getComputedStyle(button).backgroundColor)
    assert.equal(painted, 'rgb(18, 52, 86)')
    assert.deepEqual(errors, [])
    assert.deepEqual(refusals, [])
    await host.page.context().close()
    await page.context().close()
  }).timeout(120_000)

  test('keys, origins, branding and audit pages work against the real routes', async ({
    assert,
  }) => {
    const { email, password } = await makeConsoleUser(demo.tenant.tenant.id, { role: 'admin' })
    const { page, errors } = await openPage(browser, `${api()}/console/keys`, {
      width: 1280,
      height: 900,
    })
    await page.locator('console-sign-in #email').fill(email)
    await page.locator('console-sign-in #password').fill(password)
    await page.locator('console-sign-in button[type=submit]').click()

    await page.locator('console-keys #label').fill('CI runner')
    await page.locator('console-keys form button[type=submit]').click()
    const shown = (await page.locator('console-keys #new-key').textContent())!.trim()
    assert.match(shown, /^sk_/)
    // The key works, once copied into a server's secrets.
    const withKey = await fetch(`${api()}/v1/theme`, {
      headers: { Authorization: `Bearer ${shown}` },
    })
    assert.equal(withKey.status, 200)
    const row = page.locator('console-keys tbody tr', { hasText: 'CI runner' })
    await row.locator('[data-revoke]').click()
    await row.locator('[data-confirm-revoke]').click()
    await page.locator('console-keys #message', { hasText: 'is revoked' }).waitFor()
    const revoked = await fetch(`${api()}/v1/theme`, {
      headers: { Authorization: `Bearer ${shown}` },
    })
    assert.equal(revoked.status, 401)

    await page.locator('console-app nav a[data-page=origins]').click()
    await page.locator('console-origins #origin').fill('https://shop.example.test')
    await page.locator('console-origins form button[type=submit]').click()
    await page.locator('console-origins #save').click()
    await page.locator('console-origins #message', { hasText: 'Saved' }).waitFor()
    const { origins } = await fetch(`${api()}/v1/origins`, {
      headers: { Authorization: `Bearer ${demo.tenant.secretKey}` },
    }).then((r) => r.json() as Promise<{ origins: string[] }>)
    assert.include(origins, 'https://shop.example.test')
    assert.include(origins, demo.hostUrl)

    await page.locator('console-app nav a[data-page=branding]').click()
    await page.locator('console-branding #elementPrefix').fill('acme')
    await page.locator('console-branding #save').click()
    await page.locator('console-branding #message', { hasText: 'Saved' }).waitFor()
    const branding = await fetch(`${api()}/v1/branding`, {
      headers: { Authorization: `Bearer ${demo.tenant.secretKey}` },
    }).then((r) => r.json() as Promise<{ elementPrefix: string | null; name: string }>)
    assert.equal(branding.elementPrefix, 'acme')
    assert.equal(branding.name, 'Acme')

    // What was just done is in the audit log, by this console user.
    await page.locator('console-app nav a[data-page=audit]').click()
    await page.locator('console-audit tbody tr', { hasText: 'key.revoked' }).waitFor()
    assert.include(
      await page
        .locator('console-audit tbody tr', { hasText: 'tenant.branding_changed' })
        .textContent(),
      'console'
    )
    assert.deepEqual(errors, [])
    await page.context().close()
  }).timeout(120_000)
})
