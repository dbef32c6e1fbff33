/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { demoHostForTest, openPage } from '#tests/e2e/browser'
import { png } from '#tests/helpers'
import { launchChromium } from '#lib/chromium'

const api = () => `http://127.0.0.1:${process.env.PORT}`

/** The public site with its chat open. */
async function openChat(page: Page) {
  await page.locator('parley-launcher [part="button"]').click()
  await page.locator('parley-chat parley-composer textarea').waitFor()
}

/** A visitor in Lisbon, on Chrome: what the agent is told of them. */
async function openVisitor(browser: Browser, url: string) {
  const context = await browser.newContext({
    viewport: { width: 1300, height: 800 },
    timezoneId: 'Europe/Lisbon',
    locale: 'pt-PT',
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  return { page, errors }
}

const chatBubbles = (page: Page) => page.locator('parley-chat [part~="bubble"]')
const inboxBubbles = (page: Page) => page.locator('parley-inbox [part~="bubble"]')

test.group('Web chat, a website visitor and an agent (end to end)', (group) => {
  let browser: Browser
  let hostUrl: string
  let anaToken: string

  group.setup(async () => {
    const demo = await demoHostForTest(api())
    hostUrl = demo.hostUrl
    anaToken = demo.ana.token
    const { tenant } = demo
    // Demo Co's workspace exists (Ana's session made it) and takes web chat.
    await fetch(`${api()}/v1/workspaces/${demo.ana.workspaceId}`, {
      method: 'PATCH',
      headers: {
        'Authorization': `Bearer ${tenant.secretKey}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ webChat: { enabled: true } }),
    })
    browser = await launchChromium()
    return async () => {
      await browser.close()
      await demo.close()
    }
  })

  test('a visitor writes and sends a picture; the agent sees it live, replies, and the visitor reads it', async ({
    assert,
  }) => {
    const ana = await openPage(browser, `${hostUrl}/inbox?user=ana`)
    await ana.page.locator('parley-inbox nav[part="list"]').waitFor()
    const eva = await openVisitor(browser, `${hostUrl}/site?utm_source=ad&email=eva@x.test`)
    await openChat(eva.page)
    // The chat names the team and its reply time, never the reseller (the tenant, "Acme").
    const header = eva.page.locator('parley-chat [part="header"]')
    await header.filter({ hasText: 'Usually replies in a few minutes' }).waitFor()
    assert.equal(
      await eva.page.locator('parley-chat section[part="base"]').getAttribute('aria-label'),
      'Chat with Demo Co'
    )
    assert.notInclude(await eva.page.locator('parley-chat').innerText(), 'Acme')
    // The greeting is a line in the flow, not a bubble.
    await eva.page.locator('parley-chat [part="messages"] [part="notice"]').first().waitFor()

    const question = 'Is the <b>espresso</b> blend in stock?'
    const composer = eva.page.locator('parley-chat parley-composer textarea')
    await composer.fill(question)
    await composer.press('Enter')
    await chatBubbles(eva.page).filter({ hasText: question }).waitFor()

    // A picture, through the file picker, with its upload shown before it is sent.
    await eva.page
      .locator('parley-chat parley-composer input[type=file]')
      .setInputFiles({ name: 'beans.png', mimeType: 'image/png', buffer: png(16) })
    await eva.page
      .locator('parley-chat parley-composer [part="uploads"]', { hasText: 'beans.png' })
      .waitFor()
    await eva.page.locator('parley-chat parley-composer progress').waitFor({ state: 'detached' })
    await composer.press('Enter')
    await eva.page.locator('parley-chat [part~="bubble"] img[alt="beans.png"]').waitFor()

    // The agent is told who this visitor is: where, on what, from which page (no query string).
    const listed = await fetch(`${api()}/v1/conversations`, {
      headers: { Authorization: `Bearer ${anaToken}` },
    }).then((r) => r.json() as Promise<{ data: any[] }>)
    assert.deepInclude(listed.data[0].contact.visitor, {
      browser: 'Chrome',
      city: 'Lisbon',
      country: 'PT',
      timeZone: 'Europe/Lisbon',
      language: 'pt-PT',
      page: `${hostUrl}/site`,
    })

    // The agent's list shows the new conversation without a reload; the thread has both.
    await ana.page
      .locator('parley-inbox .item', { hasText: /visitor/i })
      .first()
      .click()
    await inboxBubbles(ana.page).filter({ hasText: question }).waitFor({ timeout: 10_000 })
    const picture = ana.page.locator('parley-inbox [part~="bubble"] img[alt="beans.png"]')
    await picture.waitFor({ timeout: 10_000 })
    const width = await picture.evaluate((img: HTMLImageElement) =>
      img.decode().then(() => img.naturalWidth)
    )
    assert.equal(width, 16)
    assert.equal(await ana.page.locator('parley-inbox [part~="bubble"] b').count(), 0)

    // The agent types, writes a note the visitor must never see, and replies.
    const reply = ana.page.locator('parley-inbox parley-composer textarea')
    await reply.pressSequentially('Ye')
    await eva.page
      .locator('parley-chat .typing', { hasText: 'typing' })
      .waitFor({ timeout: 10_000 })
    await ana.page.locator('parley-inbox parley-composer .note-toggle input').check()
    await reply.fill('Regular customer, offer free shipping')
    await reply.press('Enter')
    await ana.page.locator('parley-inbox parley-composer .note-toggle input').uncheck()
    await reply.fill('Yes! Shall I reserve a bag for you?')
    await reply.press('Enter')
    await chatBubbles(eva.page).filter({ hasText: 'Shall I reserve' }).waitFor({ timeout: 10_000 })
    assert.equal(await chatBubbles(eva.page).filter({ hasText: 'free shipping' }).count(), 0)
    // The reply names its author: Ana's name, nothing else of her.
    await eva.page
      .locator('parley-chat [part="author"]', { hasText: 'Ana Lima' })
      .waitFor({ timeout: 10_000 })

    // The visitor's chat was open: the reply is marked read on the agent's screen.
    await ana.page
      .locator('parley-inbox [part~="bubble"].mine', { hasText: 'Shall I reserve' })
      .filter({ hasText: 'Read' })
      .waitFor({ timeout: 10_000 })

    // The visitor closes the panel; the next reply raises the launcher's badge and the title.
    const title = await eva.page.title()
    await eva.page.keyboard.press('Escape')
    await eva.page.locator('parley-launcher[open]').waitFor({ state: 'detached' })
    await reply.fill('It is ground to order, by the way.')
    await reply.press('Enter')
    const launcherButton = eva.page.locator('parley-launcher [part="button"]')
    await eva.page.waitForFunction(
      () =>
        document
          .querySelector('parley-launcher')
          ?.shadowRoot?.querySelector('[part="button"]')
          ?.getAttribute('aria-label')
          ?.includes('1 unread'),
      undefined,
      { timeout: 10_000 }
    )
    assert.equal(await eva.page.title(), `(1) ${title}`)
    // Read only once seen: the agent's reply is not marked read while the panel is closed.
    await launcherButton.click()
    await chatBubbles(eva.page).filter({ hasText: 'ground to order' }).waitFor()
    await eva.page.waitForFunction((t) => document.title === t, title, { timeout: 10_000 })
    await eva.page.waitForFunction(
      () =>
        !document
          .querySelector('parley-launcher')
          ?.shadowRoot?.querySelector('[part="button"]')
          ?.getAttribute('aria-label')
          ?.includes('unread'),
      undefined,
      { timeout: 10_000 }
    )
    await ana.page
      .locator('parley-inbox [part~="bubble"].mine', { hasText: 'ground to order' })
      .filter({ hasText: 'Read' })
      .waitFor({ timeout: 10_000 })

    // Coming back later, the visitor finds the conversation; a stranger's browser does not.
    await eva.page.reload()
    await openChat(eva.page)
    await chatBubbles(eva.page).filter({ hasText: 'Shall I reserve' }).waitFor({ timeout: 10_000 })
    const stranger = await openPage(browser, `${hostUrl}/site`)
    await openChat(stranger.page)
    assert.equal(await chatBubbles(stranger.page).count(), 0)

    assert.deepEqual([...ana.errors, ...eva.errors, ...stranger.errors], [])
  }).timeout(90_000)
})
