/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { demoHostForTest, openPage } from '#tests/e2e/browser'
import { launchChromium } from '#lib/chromium'

const api = () => `http://127.0.0.1:${process.env.PORT}`

/** Opens the demo host as one of its users, with the inbox open in the launcher's panel. */
async function signIn(browser: Browser, url: string) {
  const { page, errors } = await openPage(browser, url, { width: 1280, height: 720 })
  await page.locator('parley-launcher [part="button"]').click()
  await page.locator('parley-inbox nav[part="list"]').waitFor()
  return { page, errors }
}

const bubbles = (page: Page) => page.locator('parley-inbox [part~="bubble"]')

test.group('Inbox, live, between two members (end to end)', (group) => {
  let browser: Browser
  let hostUrl: string
  let conversationId: string

  group.setup(async () => {
    const demo = await demoHostForTest(api())
    hostUrl = demo.hostUrl
    // A conversation in Ana and Bruno's workspace, started through the API.
    const created = await fetch(`${api()}/v1/conversations`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${demo.ana.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        channel: 'web',
        contact: { name: 'Dora Alves', phone: '+5511987650001' },
        body: 'My order has not arrived',
      }),
    }).then((r) => r.json() as Promise<{ id: string }>)
    conversationId = created.id
    browser = await launchChromium()
    return async () => {
      await browser.close()
      await demo.close()
    }
  })

  test("two members see each other's messages, typing and status changes live; another account sees nothing", async ({
    assert,
  }) => {
    const ana = await signIn(browser, `${hostUrl}/?user=ana`)
    const bruno = await signIn(browser, `${hostUrl}/?user=bruno`)
    const carla = await signIn(browser, `${hostUrl}/?user=carla`)

    for (const { page } of [ana, bruno]) {
      await page.locator('parley-inbox .item', { hasText: 'Dora Alves' }).click()
      await bubbles(page).filter({ hasText: 'My order has not arrived' }).waitFor()
    }

    // Ana replies; Bruno's open thread shows it without a reload.
    const xss = 'On its way <img src=x onerror=alert(1)>'
    await ana.page.locator('parley-inbox textarea').fill(xss)
    await ana.page.locator('parley-inbox textarea').press('Enter')
    await bubbles(bruno.page).filter({ hasText: xss }).waitFor({ timeout: 10_000 })
    assert.equal(
      await bruno.page.locator('parley-inbox [part~="bubble"] img').count(),
      0,
      'user content rendered as text'
    )

    // Bruno types; Ana sees it.
    await bruno.page.locator('parley-inbox textarea').pressSequentially('Th')
    await ana.page
      .locator('parley-inbox .typing', { hasText: 'typing' })
      .waitFor({ timeout: 10_000 })

    // Bruno answers with Shift+Enter for a second line; Ana sees both lines in one message.
    await bruno.page.locator('parley-inbox textarea').fill('Thanks Ana')
    await bruno.page.locator('parley-inbox textarea').press('Shift+Enter')
    await bruno.page.locator('parley-inbox textarea').press('Enter')
    await bubbles(ana.page).filter({ hasText: 'Thanks Ana' }).waitFor({ timeout: 10_000 })

    // Ana resolves it; Bruno's list says so.
    await ana.page
      .locator('parley-inbox header parley-button', { hasText: /^\s*Resolve\s*$/ })
      .click()
    // The launcher's panel is narrow, so the inbox shows one pane: Bruno goes back to the list.
    await bruno.page.locator('parley-inbox header parley-button.back').click()
    await bruno.page
      .locator('parley-inbox .item', { hasText: 'Resolved' })
      .waitFor({ timeout: 10_000 })

    // Carla, a member of another workspace of the same reseller, saw none of it.
    assert.equal(await carla.page.locator('parley-inbox .item').count(), 0)
    assert.equal(await carla.page.locator('parley-inbox', { hasText: 'Dora Alves' }).count(), 0)
    const forbidden = await carla.page.evaluate(async (id) => {
      const response = await fetch(`/session?user=carla`, { method: 'POST' })
      const { token } = await response.json()
      const parley = document
        .querySelector('script[data-key]')!
        .getAttribute('src')!
        .replace('/embed.js', '')
      return (
        await fetch(`${parley}/v1/conversations/${id}`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).status
    }, conversationId)
    assert.equal(forbidden, 404)

    assert.deepEqual([...ana.errors, ...bruno.errors, ...carla.errors], [])
  }).timeout(90_000)
})
