/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { demoHostForTest, openPage } from '#tests/e2e/browser'
import { launchChromium } from '#lib/chromium'
import { createPlatformAdmin } from '#services/console/invitations'
import { totpCode } from '#services/console/totp'

const api = () => `http://127.0.0.1:${process.env.PORT}`
const PASSWORD = 'a long admin passphrase'

/**
 * The platform admin against the real server: an admin made by the service `node ace admin:create`
 * runs follows the one-time link, sets a password, signs in, enrols TOTP with a code computed
 * here from the key the page shows, finds the demo tenant, suspends it with a reason (its secret
 * key stops working), sees the history, and resumes it.
 */
test.group('Platform admin (end to end)', (group) => {
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

  test('invite, TOTP, find the demo tenant, suspend with a reason, see the history, resume', async ({
    assert,
  }) => {
    const email = `root.${Date.now()}@platform.test`
    const { token } = await createPlatformAdmin(email, 'Rui')
    const { page, errors } = await openPage(browser, `${api()}/admin/invite#${token}`, {
      width: 1280,
      height: 900,
    })
    const refusals: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusals.push(message.text())
    })

    await page.locator('console-invite #name').fill('Rui')
    await page.locator('console-invite #password').fill(PASSWORD)
    await page.locator('console-invite button[type=submit]').click()
    // Back at sign-in, the email filled in; the password alone may only enrol TOTP.
    await page.locator('console-sign-in .alert.ok').waitFor()
    assert.equal(await page.locator('console-sign-in #email').inputValue(), email)
    await page.locator('console-sign-in #password').fill(PASSWORD)
    await page.locator('console-sign-in button[type=submit]').click()

    const secret = (await page.locator('admin-totp-setup #secret').textContent())!.replace(
      /\s/g,
      ''
    )
    assert.match(secret, /^[A-Z2-7]+=*$/)
    assert.equal(await page.locator('admin-totp-setup svg.qr').count(), 1)
    await page.locator('admin-totp-setup #code').fill(totpCode(secret))
    await page.locator('admin-totp-setup button[type=submit]').click()
    await page.locator('admin-totp-setup #recovery-codes').waitFor()
    const codes = await page.locator('admin-totp-setup #recovery-codes li').allTextContents()
    assert.lengthOf(codes, 10)
    await page.locator('admin-totp-setup #saved').check()
    await page.locator('admin-totp-setup #codes-done').click()

    // Tenants: the demo tenant, found by its id's start.
    const tenant = demo.tenant.tenant
    await page.locator('admin-tenants #q').fill(tenant.id.slice(0, 13))
    const link = page.locator(`admin-tenants a[href="/admin/tenants/${tenant.id}"]`)
    await link.waitFor()
    await link.click()
    await page.locator('admin-tenant h1', { hasText: tenant.name }).waitFor()
    assert.equal(new URL(page.url()).pathname, `/admin/tenants/${tenant.id}`)

    // Suspend: category by keyboard, a reason, confirmed in the dialog.
    await page.locator('admin-tenant #suspend').click()
    await page.locator('admin-suspend-dialog #category').focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const reason = 'Your invoice of October is unpaid. Write to billing@platform.test.'
    await page.locator('admin-suspend-dialog #reason').fill(reason)
    await page.locator('admin-suspend-dialog #confirm-suspend').click()
    await page.locator('admin-tenant #message', { hasText: 'is suspended' }).waitFor()
    const entry = page.locator('admin-tenant #history li').first()
    assert.include(await entry.textContent(), reason)
    assert.include(await entry.textContent(), 'Payment')
    assert.include(await entry.textContent(), `by ${email}`)
    assert.include(await entry.textContent(), 'Still suspended')

    // The suspension holds at once: the tenant's secret key is refused.
    const refused = await fetch(`${api()}/v1/theme`, {
      headers: { Authorization: `Bearer ${demo.tenant.secretKey}` },
    })
    assert.notEqual(refused.status, 200)

    // Resume, after a confirmation.
    await page.locator('admin-tenant #resume').click()
    await page.locator('parley-confirm-dialog [part~="confirm"]').click()
    await page.locator('admin-tenant #message', { hasText: 'is active again' }).waitFor()
    assert.include(await page.locator('admin-tenant #history li').first().textContent(), `Resumed`)
    assert.equal(await page.locator('admin-tenant .head .status').textContent(), 'Active')
    const works = await fetch(`${api()}/v1/theme`, {
      headers: { Authorization: `Bearer ${demo.tenant.secretKey}` },
    })
    assert.equal(works.status, 200)

    // Usage across tenants draws (or says there is none) without a refusal.
    await page.locator('admin-app nav a[data-page=usage]').click()
    await page.locator('admin-usage console-usage-chart, admin-usage #empty').first().waitFor()

    assert.deepEqual(errors, [])
    assert.deepEqual(refusals, [])
    await page.context().close()
  }).timeout(120_000)
})
