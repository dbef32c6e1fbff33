/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import db from '@adonisjs/lucid/services/db'
import { demoHostForTest, openPage } from '#tests/e2e/browser'
import { launchChromium } from '#lib/chromium'

const api = () => `http://127.0.0.1:${process.env.PORT}`
const DNS = 'WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)'

/** Opens the demo host's full-page inbox as one of its users, settings shown. */
async function openSettings(browser: Browser, url: string) {
  const { page, errors } = await openPage(browser, url, { width: 1280, height: 800 })
  await page.locator('parley-inbox .settings-toggle').click()
  await page.locator('parley-inbox-settings [role="tab"]').first().waitFor()
  return { page, errors }
}

const tab = (page: Page, name: string) =>
  page.locator('parley-inbox-settings [role="tab"]', { hasText: name })

test.group('Inbox settings (end to end)', (group) => {
  let browser: Browser
  let hostUrl: string
  let ana: { token: string; workspaceId: string }

  group.setup(async () => {
    const demo = await demoHostForTest(api())
    hostUrl = demo.hostUrl
    ana = demo.ana
    browser = await launchChromium()
    return async () => {
      await browser.close()
      await demo.close()
    }
  })

  test('an owner writes a canned response in the settings; the composer offers it; Bruno only reads', async ({
    assert,
  }) => {
    const call = (path: string, init: { method?: string; body?: unknown } = {}) =>
      fetch(`${api()}${path}`, {
        method: init.method ?? 'GET',
        headers: { 'Authorization': `Bearer ${ana.token}`, 'Content-Type': 'application/json' },
        body: init.body ? JSON.stringify(init.body) : undefined,
      }).then((r) => r.json() as Promise<any>)
    await call('/v1/conversations', {
      method: 'POST',
      body: {
        channel: 'web',
        contact: { name: 'Dora Alves', phone: '+5511987650001' },
        body: 'Where is my refund?',
      },
    })
    await call('/v1/canned-responses', {
      method: 'POST',
      body: { shortcut: 'hello', body: 'Hi! How can we help?' },
    })

    const { page, errors } = await openSettings(browser, `${hostUrl}/inbox?user=ana`)
    await tab(page, 'Canned responses').click()
    await page.locator('parley-canned-responses .shortcut', { hasText: '/hello' }).waitFor()

    // A taken shortcut is refused on its field; a good one is saved.
    await page.locator('parley-canned-responses .new').click()
    const shortcut = page.locator('parley-canned-responses [part="editor"] parley-input input')
    await shortcut.fill('hello')
    await page.locator('parley-canned-responses textarea').fill('Your refund is on its way.')
    await shortcut.press('Enter')
    await page
      .locator('parley-canned-responses [part="editor"] [part="error"]', {
        hasText: 'Another response already uses /hello',
      })
      .waitFor()
    await shortcut.fill('refund')
    await shortcut.press('Enter')
    await page.locator('parley-canned-responses .shortcut', { hasText: '/refund' }).waitFor()
    const stored = await call('/v1/canned-responses')
    assert.deepEqual(
      stored.data.map((c: any) => [c.shortcut, c.body]),
      [
        ['hello', 'Hi! How can we help?'],
        ['refund', 'Your refund is on its way.'],
      ]
    )

    // Deleting asks first.
    await page
      .locator('parley-canned-responses li', { hasText: '/hello' })
      .locator('.delete')
      .click()
    await page.locator('parley-confirm-dialog dialog[open]').waitFor()
    await page.locator('parley-confirm-dialog [part~="confirm"]').click()
    await page.locator('parley-canned-responses .shortcut', { hasText: '/hello' }).waitFor({
      state: 'detached',
    })
    assert.deepEqual(
      (await call('/v1/canned-responses')).data.map((c: any) => c.shortcut),
      ['refund']
    )

    // Back in a conversation, "/ref" offers it and Enter puts its text in the box.
    await page.locator('parley-inbox .settings-toggle').click()
    await page.locator('parley-inbox .item', { hasText: 'Dora Alves' }).click()
    const box = page.locator('parley-inbox parley-composer textarea')
    await box.pressSequentially('/ref')
    await page.locator('parley-composer [role="option"]', { hasText: '/refund' }).waitFor()
    await box.press('Enter')
    assert.equal(await box.inputValue(), 'Your refund is on its way.')
    assert.deepEqual(errors, [])

    // Bruno, an agent, sees the list and nothing to change it with.
    const bruno = await openSettings(browser, `${hostUrl}/inbox?user=bruno`)
    await tab(bruno.page, 'Canned responses').click()
    await bruno.page.locator('parley-canned-responses .shortcut', { hasText: '/refund' }).waitFor()
    assert.equal(await bruno.page.locator('parley-canned-responses .new').count(), 0)
    assert.equal(await bruno.page.locator('parley-canned-responses .edit').count(), 0)
    await page.context().close()
    await bruno.page.context().close()
  })

  test('the channels say in words why a number is down, and removing one asks first', async ({
    assert,
  }) => {
    const added = await fetch(`${api()}/v1/whatsapp/numbers`, {
      method: 'POST',
      headers: { 'Authorization': `Bearer ${ana.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'Sales' }),
    }).then((r) => r.json() as Promise<{ id: string }>)
    // What a worker records when the server cannot resolve WhatsApp (no worker runs here).
    await db
      .connection('operator')
      .from('whatsapp_numbers')
      .where('id', added.id)
      .update({ status: 'closed', last_error: DNS, last_error_reason: 'network_unreachable' })

    const { page, errors } = await openSettings(browser, `${hostUrl}/inbox?user=ana`)
    const sales = page.locator('parley-whatsapp-settings [part="numbers"] > li', {
      hasText: 'Sales',
    })
    await sales.locator('.why', { hasText: 'The server cannot reach WhatsApp' }).waitFor()
    assert.isFalse(await sales.locator('details code').isVisible())
    await sales.locator('summary').click()
    assert.equal(await sales.locator('details code').textContent(), DNS)

    await sales.locator('.remove').click()
    await page.locator('parley-confirm-dialog dialog[open]').waitFor()
    await page.locator('parley-confirm-dialog [part~="cancel"]').click()
    await page.locator('parley-confirm-dialog').waitFor({ state: 'detached' })
    const still = await db.connection('operator').from('whatsapp_numbers').where('id', added.id)
    assert.lengthOf(still, 1)
    await sales.locator('.remove').click()
    await page.locator('parley-confirm-dialog [part~="confirm"]').click()
    await sales.waitFor({ state: 'detached' })
    const gone = await db.connection('operator').from('whatsapp_numbers').where('id', added.id)
    assert.lengthOf(gone, 0)
    assert.deepEqual(errors, [])
    await page.context().close()
  })
})
