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

const chatBubbles = (page: Page) => page.locator('parley-chat [part~="bubble"]')
const inboxBubbles = (page: Page) => page.locator('parley-inbox [part~="bubble"]')

test.group('Web chat, a website visitor and an agent (end to end)', (group) => {
  let browser: Browser
  let hostUrl: string

  group.setup(async () => {
    const demo = await demoHostForTest(api())
    hostUrl = demo.hostUrl
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
    const eva = await openPage(browser, `${hostUrl}/site`)
    await openChat(eva.page)

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

    // The agent's list shows the new conversation without a reload; the thread has both.
    await ana.page.locator('parley-inbox .item', { hasText: 'Website visitor' }).click()
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

    // The visitor's chat was open: the reply is marked read on the agent's screen.
    await ana.page
      .locator('parley-inbox [part~="bubble"].mine', { hasText: 'Shall I reserve' })
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
