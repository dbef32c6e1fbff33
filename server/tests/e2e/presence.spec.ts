/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { demoHostForTest, openPage } from '#tests/e2e/browser'
import { launchChromium } from '#lib/chromium'

const api = () => `http://127.0.0.1:${process.env.PORT}`

/** The demo host's full-page inbox as one of its users, the conversation's details open. */
async function openDetails(browser: Browser, url: string) {
  const opened = await openPage(browser, url, { width: 1280, height: 800 })
  await opened.page.locator('parley-inbox .item', { hasText: 'Dora Alves' }).click()
  await opened.page.locator('parley-conversation-panel parley-combobox').first().waitFor()
  return opened
}

/** How the assignee picker shows a member: "Ana Lima · Online" (its option's label and presence). */
async function shown(page: Page, name: string) {
  const options = await page
    .locator('parley-conversation-panel parley-combobox')
    .first()
    .evaluate((el) =>
      (el as HTMLElement & { options: { label: string; presence?: string }[] }).options.map(
        (o) => `${o.label.replace(/ \(you\)$/, '')} · ${o.presence ?? ''}`
      )
    )
  const word = (presence: string) => presence.charAt(0).toUpperCase() + presence.slice(1)
  return options
    .map((o) => o.replace(/ · (\w+)$/, (_, p: string) => ` · ${word(p)}`))
    .find((o) => o.startsWith(name))
}

async function until(page: Page, name: string, want: string) {
  for (let i = 0; i < 80; i++) {
    if ((await shown(page, name)) === want) return
    await page.waitForTimeout(100)
  }
  throw new Error(`${name} shows as "${await shown(page, name)}", not "${want}"`)
}

test.group('Presence, live, between two members (end to end)', (group) => {
  let browser: Browser
  let hostUrl: string

  group.setup(async () => {
    const demo = await demoHostForTest(api())
    hostUrl = demo.hostUrl
    await fetch(`${api()}/v1/conversations`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${demo.ana.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        channel: 'web',
        contact: { name: 'Dora Alves', phone: '+5511987650001' },
        body: 'My order has not arrived',
      }),
    })
    browser = await launchChromium()
    return async () => {
      await browser.close()
      await demo.close()
    }
  })

  test('an agent with the inbox on screen is online to themself and to teammates, offline once they leave', async () => {
    const bruno = await openDetails(browser, `${hostUrl}/inbox?user=bruno`)
    // On load: Bruno sees himself online (his own heartbeat's answer).
    await until(bruno.page, 'Bruno Silva', 'Bruno Silva · Online')

    // Ana opens the inbox: Bruno sees her online without reloading, and she sees them both.
    const ana = await openDetails(browser, `${hostUrl}/inbox?user=ana`)
    await until(bruno.page, 'Ana Lima', 'Ana Lima · Online')
    await until(ana.page, 'Ana Lima', 'Ana Lima · Online')
    await until(ana.page, 'Bruno Silva', 'Bruno Silva · Online')

    // A second tab of Ana's, out of sight, does not make her away.
    const hidden = await openPage(browser, `${hostUrl}/?user=ana`)
    // The launcher's inbox is on the page but its panel is closed: that tab reports away.
    await hidden.page.locator('parley-launcher [part="button"]').waitFor()
    await hidden.page.locator('parley-launcher parley-inbox').waitFor({ state: 'attached' })
    await bruno.page.waitForTimeout(1000)
    await until(bruno.page, 'Ana Lima', 'Ana Lima · Online')
    await hidden.page.close({ runBeforeUnload: true })

    // Ana leaves the inbox (another page of the host app), then closes the tab.
    await ana.page.goto(`${hostUrl}/recordings?user=ana`)
    await until(bruno.page, 'Ana Lima', 'Ana Lima · Offline')
    const again = await openDetails(browser, `${hostUrl}/inbox?user=ana`)
    await until(bruno.page, 'Ana Lima', 'Ana Lima · Online')
    await again.page.close({ runBeforeUnload: true })
    await until(bruno.page, 'Ana Lima', 'Ana Lima · Offline')
  }).timeout(60_000)
})
