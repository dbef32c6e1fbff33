/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser, Locator, Page } from 'playwright-core'
import { demoHostForTest, openPage } from '#tests/e2e/browser'
import { launchChromium } from '#lib/chromium'
import { startWorkers } from '#services/queues'
import { JOBS } from '#jobs/index'

const api = () => `http://127.0.0.1:${process.env.PORT}`

/** A page of the demo host that also notes every answer of Parley's API that is not a success. */
async function open(browser: Browser, url: string) {
  const opened = await openPage(browser, url, { width: 1280, height: 900 })
  const refused: string[] = []
  opened.page.on('response', (r) => {
    if (r.url().startsWith(api()) && r.status() >= 400)
      refused.push(`${r.status()} ${r.request().method()} ${r.url()}`)
  })
  return { ...opened, refused }
}

/** Picks an option of a kit select (`<parley-select>`) by its label. */
async function choose(select: Locator, option: string) {
  await select.locator('[part="trigger"]').click()
  await select.locator('[role="option"]', { hasText: option }).click()
}

/** The funnel's rows as text ("Sent 1 100%"), from the table beside the chart. */
const funnel = (page: Page) =>
  page
    .locator('parley-campaigns [part~="funnel"] table tbody tr')
    .evaluateAll((rows) =>
      rows.map((tr) => [...tr.children].map((td) => td.textContent!.trim()).join(' '))
    )

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string) {
  const deadline = Date.now() + 20_000
  let value = await read()
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 200))
    value = await read()
  }
  return value
}

test.group('Campaigns on the demo host (end to end)', (group) => {
  let browser: Browser
  let hostUrl: string
  let workers: ReturnType<typeof startWorkers>

  group.setup(async () => {
    const demo = await demoHostForTest(api())
    hostUrl = demo.hostUrl
    const headers = {
      'Authorization': `Bearer ${demo.ana.token}`,
      'Content-Type': 'application/json',
    }
    await fetch(`${api()}/v1/workspaces/${demo.ana.workspaceId}`, {
      method: 'PATCH',
      headers: { ...headers, Authorization: `Bearer ${demo.tenant.secretKey}` },
      body: JSON.stringify({ webChat: { enabled: true } }),
    })
    // A customer the team wrote to on the web itself: on the web channel, but not a site visitor.
    await fetch(`${api()}/v1/conversations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        channel: 'web',
        contact: { name: 'Dora Alves', phone: '+5511987650001' },
        body: 'Your order is on its way',
      }),
    })
    browser = await launchChromium()
    // The planner and the web dispatcher, as `node ace queue:work` runs them.
    workers = startWorkers(JOBS)
    return async () => {
      await workers.stop()
      await browser.close()
      await demo.close()
    }
  })

  test("Ana builds a web campaign to the site's visitors; a visitor gets it in the chat, replies, and the funnel moves live", async ({
    assert,
  }) => {
    // A visitor of Demo Co's website writes first: now a contact with a web conversation.
    const eva = await open(browser, `${hostUrl}/site`)
    await eva.page.locator('parley-launcher [part="button"]').click()
    const composer = eva.page.locator('parley-chat parley-composer textarea')
    await composer.fill('Hello! Do you deliver on Sundays?')
    await composer.press('Enter')
    const chat = eva.page.locator('parley-chat [part~="bubble"]')
    await chat.filter({ hasText: 'deliver on Sundays?' }).waitFor()

    // Ana opens Campaigns from the host's navigation.
    const ana = await open(browser, `${hostUrl}/?user=ana`)
    await ana.page.locator('.topbar a', { hasText: 'Campaigns' }).click()
    await ana.page.waitForURL(`${hostUrl}/campaigns`)
    const w = ana.page.locator('parley-campaigns')
    // The list is empty: its toolbar and its empty state both offer a new campaign.
    await w.locator('parley-button', { hasText: 'New campaign' }).first().click()

    // Audience: who talked on the web, narrowed to the site's visitors, with the live count.
    await w.locator('.builder label.field input').fill('Sunday delivery')
    await w
      .locator('label', { hasText: 'Shown when visitors open the chat' })
      .locator('input')
      .check()
    const rule = (i: number) => w.locator('parley-rule-editor .rule').nth(i)
    const counted = () => w.locator('[part="count"] .big').textContent()
    await choose(rule(0).locator('parley-select').first(), 'Has talked on')
    await choose(rule(0).locator('parley-select').nth(2), 'Web')
    await until(counted, (n) => n === '2', 'web contacts counted')
    await w.locator('parley-rule-editor [data-action="add-rule"]').click()
    await choose(rule(1).locator('parley-select').first(), 'Attribute')
    await rule(1).locator('input[placeholder="Attribute name"]').fill('source')
    await rule(1).locator('input[placeholder="Attribute name"]').press('Tab')
    await rule(1).locator('input.value-input').fill('web')
    await rule(1).locator('input.value-input').press('Tab')
    await until(counted, (n) => n === '1', 'the visitor alone counted')
    const next = w.locator('.builder-foot parley-button', { hasText: 'Next' })
    await next.click()

    // Message: variables from the picker (a fallback for the anonymous visitor's name).
    const body = w.locator('.builder textarea').first()
    await body.fill('Hi ')
    await w.locator('.variables button', { hasText: 'First name' }).click()
    await body.press('End')
    await body.pressSequentially(', ')
    await w.locator('.variables button', { hasText: 'Workspace name' }).click()
    await body.press('End')
    await body.pressSequentially(' now delivers on Sundays! Reply to book a slot.')
    assert.equal(
      await body.inputValue(),
      'Hi {{contact.firstName | default: "there"}}, {{workspace.name}} now delivers on Sundays! Reply to book a slot.'
    )
    await next.click()

    // Schedule: when launched; no quiet hours (the run may be at any hour), the default cap.
    await w.locator('label', { hasText: 'When I launch it' }).locator('input').check()
    await w.locator('label', { hasText: 'Quiet hours' }).locator('input[type=checkbox]').uncheck()
    await next.click()

    // Review, then launch (confirmed).
    const summary = await w.locator('dl.summary').innerText()
    assert.include(summary, 'Sunday delivery')
    assert.include(summary, 'Web chat')
    await w.locator('.builder-foot parley-button', { hasText: 'Launch' }).click()
    await ana.page.getByRole('button', { name: 'Launch', exact: true }).last().click()

    // The campaign's page, live: it goes out at once.
    await w.locator('h2', { hasText: 'Sunday delivery' }).waitFor()
    await until(
      () => funnel(ana.page),
      (rows) => rows[0] === 'Audience 1 100%' && rows[1] === 'Sent 1 100%',
      'sent on the campaign page'
    )

    // The visitor's open chat shows it, rendered for them, as from the team.
    const message = chat.filter({ hasText: 'now delivers on Sundays!' })
    await message.waitFor({ timeout: 20_000 })
    assert.include(
      await message.innerText(),
      'Hi there, Demo Co now delivers on Sundays! Reply to book a slot.'
    )
    assert.notInclude(await message.innerText(), '{{')

    // Read in the open chat, then answered: the funnel and the recipients table move live.
    await until(
      () => funnel(ana.page),
      (rows) => rows[3] === 'Read 1 100%',
      'read on the campaign page'
    )
    await composer.fill('Yes please, Sunday at 10')
    await composer.press('Enter')
    await chat.filter({ hasText: 'Sunday at 10' }).waitFor()
    await until(
      () => funnel(ana.page),
      (rows) => rows[4] === 'Replied 1 100%',
      'replied on the campaign page'
    )
    await w.locator('[part~="recipients"] tr', { hasText: 'Replied' }).waitFor({ timeout: 20_000 })
    // No AI provider in this tenant: the page says why replies are not classified.
    await w.locator('.note', { hasText: 'none is set up' }).waitFor()

    // Back in the list, the campaign shows its numbers.
    await w.locator('.back').first().click()
    const row = w.locator('[part~="campaign"]', { hasText: 'Sunday delivery' })
    await until(
      () => row.locator('.numbers').innerText(),
      (text) => /Sent\s*1/.test(text) && text.includes('100%'),
      'numbers in the list'
    )

    assert.deepEqual([...ana.errors, ...eva.errors], [])
    assert.deepEqual([...ana.refused, ...eva.refused], [])
  }).timeout(120_000)
})
