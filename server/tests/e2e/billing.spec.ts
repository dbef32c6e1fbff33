/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { demoHostForTest } from '#tests/e2e/browser'
import { launchChromium } from '#lib/chromium'
import {
  MONTHLY_PRO,
  PLATFORM_WEBHOOK_SECRET,
  stripeWorld,
} from '#tests/functional/billing/helpers'

const api = () => `http://127.0.0.1:${process.env.PORT}`

/**
 * Stripe.js as the widget uses it, served by this test in place of https://js.stripe.com/v3/
 * (never by the product): the Payment Element is a plain card field; confirmSetup asks the test
 * (window.stripeDoubleConfirm), which does what Stripe would: attach the card to the SetupIntent's
 * customer and send the signed `payment_method.attached` webhook.
 */
const STRIPE_JS_DOUBLE = `
window.stripeDoubleCalls = []
window.Stripe = function (publishableKey, options) {
  window.stripeDoubleCalls.push(['Stripe', publishableKey, options || {}])
  return {
    elements: function (opts) {
      return {
        create: function (type) {
          var field
          var handlers = {}
          return {
            mount: function (target) {
              field = document.createElement('label')
              field.className = 'stripe-double-card'
              field.textContent = 'Card number '
              var input = document.createElement('input')
              input.value = '4242 4242 4242 4242'
              field.appendChild(input)
              target.appendChild(field)
              setTimeout(function () { handlers.ready && handlers.ready() }, 0)
            },
            on: function (event, handler) { handlers[event] = handler },
            focus: function () {},
            destroy: function () { field && field.remove() },
          }
        },
        clientSecret: opts.clientSecret,
      }
    },
    confirmSetup: function (args) {
      return window.stripeDoubleConfirm(args.elements.clientSecret).then(function () { return {} })
    },
    confirmCardPayment: function () { return Promise.resolve({}) },
  }
}
`

const STARTER = {
  name: 'Starter',
  prices: [
    { interval: 'month', amount: 900, currency: 'usd' },
    { interval: 'year', amount: 9000, currency: 'usd' },
  ],
  limits: { seats: 3, transcriptionMinutes: 60, campaignRecipients: 500 },
  public: true,
}

test.group('Billing on the demo host (end to end, Stripe double)', (group) => {
  let browser: Browser
  let hostUrl: string
  let world: Awaited<ReturnType<typeof stripeWorld>>
  let accountId: string

  group.setup(async () => {
    world = await stripeWorld()
    const demo = await demoHostForTest(api())
    hostUrl = demo.hostUrl
    const tenantKey = { Authorization: `Bearer ${demo.tenant.secretKey}` }
    accountId = world.double.connectAccount()
    const connected = await fetch(`${api()}/v1/providers/stripe`, {
      method: 'PUT',
      headers: { ...tenantKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ accountId }),
    })
    if (connected.status !== 200) throw new Error(`connect: ${await connected.text()}`)
    for (const plan of [STARTER, MONTHLY_PRO]) {
      const made = await fetch(`${api()}/v1/plans`, {
        method: 'POST',
        headers: { ...tenantKey, 'Content-Type': 'application/json' },
        body: JSON.stringify(plan),
      })
      if (made.status !== 201) throw new Error(`plan: ${await made.text()}`)
    }
    browser = await launchChromium()
    return async () => {
      await browser.close()
      await demo.close()
      await world.close()
    }
  })

  /** The billing page with Stripe.js replaced by the double (request routing of the test's browser). */
  async function openBilling(): Promise<{ page: Page; errors: string[]; refused: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    await context.route('https://js.stripe.com/v3/**', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: STRIPE_JS_DOUBLE })
    )
    await context.exposeFunction('stripeDoubleConfirm', async (clientSecret: string) => {
      const intent = world.double
        .objects(accountId, 'setup_intent')
        .find((i: any) => i.client_secret === clientSecret) as { customer: string } | undefined
      if (!intent) throw new Error(`no SetupIntent for ${clientSecret}`)
      const card = world.double.attachCard(accountId, intent.customer, { last4: '4242' })
      const event = world.double.event('payment_method.attached', card, { account: accountId })
      const delivered = await world.double.deliver(
        `${api()}/v1/stripe/webhooks`,
        event,
        PLATFORM_WEBHOOK_SECRET
      )
      if (delivered.status !== 200) throw new Error(`webhook: ${delivered.status}`)
    })
    const page = await context.newPage()
    const errors: string[] = []
    const refused: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('response', (r) => {
      if (r.url().startsWith(api()) && r.status() >= 400)
        refused.push(`${r.status()} ${r.request().method()} ${r.url()}`)
    })
    await page.goto(`${hostUrl}/billing?user=ana`)
    return { page, errors, refused }
  }

  test('Ana saves a card in the Payment Element, picks a plan, then upgrades to Pro after its proration preview', async ({
    assert,
  }) => {
    const { page, errors, refused } = await openBilling()
    const w = page.locator('parley-billing')
    const option = (name: string) => w.locator('[part~="plan-option"]', { hasText: name })
    await option('Pro').waitFor()
    assert.deepEqual(await w.locator('[part~="plan-option"] h4').allTextContents(), [
      'Starter',
      'Pro',
    ])

    // The card: the (double) Payment Element mounts in the widget's light DOM and saves.
    await w.locator('[part="payment-method"] parley-button').first().click()
    const field = page.locator('parley-billing > [slot="payment-element"] .stripe-double-card')
    await field.waitFor()
    await w.locator('parley-button', { hasText: 'Save payment method' }).click()
    await w.locator('[part="notice"]', { hasText: 'The payment method is saved.' }).waitFor()
    await w.locator('[part="payment-method"]', { hasText: '4242' }).waitFor()
    assert.equal(await field.count(), 0)
    const factory = await page.evaluate(() => (window as any).stripeDoubleCalls[0])
    assert.deepEqual(factory.slice(0, 2), ['Stripe', 'pk_test_platform_publishable'])
    assert.equal(factory[2].stripeAccount, accountId)

    // Starter: chosen, previewed, confirmed.
    const dialog = w.locator('parley-confirm-dialog')
    await option('Starter').locator('parley-button', { hasText: 'Choose' }).click()
    await dialog.locator('[part~="confirm"]').click()
    await w.locator('[part="notice"]', { hasText: 'Starter' }).waitFor()
    await w.locator('[part~="plan-option"].current', { hasText: 'Starter' }).waitFor()

    // Pro: the proration preview (the unused Starter time credited, Pro's remaining time), then Pro.
    await option('Pro').locator('parley-button', { hasText: 'Upgrade' }).click()
    const preview = dialog.locator('[part="preview"]')
    await preview.waitFor()
    const lines = await preview.locator('tr').allTextContents()
    assert.isAtLeast(lines.length, 3)
    assert.match(lines.join(' | '), /-\$/, 'a credit for the unused Starter time')
    assert.match(lines.at(-1)!, /\$\d+\.\d\d/)
    await dialog.locator('[part~="confirm"]').click()
    await w.locator('[part~="plan-option"].current', { hasText: 'Pro' }).waitFor()
    await w.locator('[part="plan"]', { hasText: 'Pro' }).waitFor()
    assert.include(await w.locator('[part="plan"]').textContent(), 'Pro')

    const subscriptions = world.double.objects(accountId, 'subscription')
    assert.lengthOf(subscriptions, 1)
    assert.deepEqual(errors, [])
    assert.deepEqual(refused, [])
  }).timeout(120_000)
})
