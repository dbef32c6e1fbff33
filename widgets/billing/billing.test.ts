import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys, setViewport } from '@web/test-runner-commands'
import { configure } from '../kit/runtime.js'
import { deepFocus, expectEventReachesDocument, expectThemeReaches } from '../kit/test/helpers.js'
import type { ParleyConfirmDialog } from '../kit/controls/confirm-dialog.js'
import './billing.js'
import type { ParleyBilling } from './billing.component.js'
import type { ParleySubscriptionChangedEvent } from './billing-events.js'
import { activeBilling, cannedFetch, type CannedOptions } from './billing.fixtures.js'
import { Formats } from './billing.types.js'

/**
 * Stripe.js replaced by a double the test puts on `window.Stripe` before the widget needs it (the
 * widget loads https://js.stripe.com/v3/ only when the page has no `Stripe` yet): it records what
 * the widget asks of Stripe, and answers what each test sets.
 */
const stripe = {
  factory: [] as [string, unknown][],
  elements: [] as { clientSecret: string; appearance?: { theme: string } }[],
  mounted: [] as HTMLElement[],
  destroyed: 0,
  setups: [] as { redirect: string; elements: unknown }[],
  payments: [] as string[],
  setupAnswer: {} as { error?: { message: string } },
  reset() {
    this.factory = []
    this.elements = []
    this.mounted = []
    this.destroyed = 0
    this.setups = []
    this.payments = []
    this.setupAnswer = {}
  },
}
const instance = {
  elements(options: { clientSecret: string; appearance?: { theme: string } }) {
    stripe.elements.push(options)
    return {
      create: (type: string) => {
        expect(type).to.equal('payment')
        return {
          mount: (el: HTMLElement) => stripe.mounted.push(el),
          destroy: () => stripe.destroyed++,
          on: (event: string, handler: () => void) => event === 'ready' && setTimeout(handler, 10),
          focus: () => {},
        }
      },
    }
  },
  confirmSetup: async (options: { redirect: string; elements: unknown }) => {
    stripe.setups.push(options)
    return stripe.setupAnswer
  },
  confirmCardPayment: async (secret: string) => {
    stripe.payments.push(secret)
    return {}
  },
}
const stripeFactory = (key: string, options: unknown) => {
  stripe.factory.push([key, options])
  return instance
}
const win = window as unknown as { Stripe?: typeof stripeFactory }

let api = cannedFetch()

async function render(
  options: CannedOptions = {},
  template = html`<parley-billing></parley-billing>`
) {
  api = cannedFetch(options)
  const el = await fixture<ParleyBilling>(template)
  const root = el.shadowRoot!
  await waitUntil(
    () => root.querySelector('[part="plan"], parley-state, .setup'),
    'the billing did not load'
  )
  return { el, root }
}

/** The parley-button whose words start with `text`. */
const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLElement>('parley-button')].find((b) =>
    b.textContent!.trim().startsWith(text)
  )
const press = (root: ParentNode, text: string) => {
  const found = button(root, text)
  if (!found) throw new Error(`no button "${text}"`)
  found.shadowRoot!.querySelector('button')!.click()
}
const norm = (words: string) => words.replace(/\s+/g, ' ').trim()
const text = (root: ParentNode, selector: string) =>
  norm(root.querySelector(selector)?.textContent ?? '')
const dialogOf = (root: ShadowRoot) =>
  root.querySelector<ParleyConfirmDialog>('parley-confirm-dialog')
const answer = async (root: ShadowRoot, confirm: boolean) => {
  const dialog = dialogOf(root)!
  await dialog.updateComplete
  dialog
    .shadowRoot!.querySelector<HTMLElement>(confirm ? '[part~="confirm"]' : '[part~="cancel"]')!
    .click()
}
const en = new Formats('en-US')

describe('parley-billing', () => {
  const realFetch = window.fetch
  before(() => {
    document.documentElement.lang = 'en-US'
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      api.fetch(input, init)) as typeof fetch
    configure({ publishableKey: 'pk', apiUrl: location.origin, session: async () => 'v1.e30.sig' })
  })
  after(() => {
    window.fetch = realFetch
    delete win.Stripe
  })
  beforeEach(() => {
    stripe.reset()
    win.Stripe = stripeFactory
  })

  it('shows the plan, its status and renewal, usage, the card and invoices from the API', async () => {
    const { el, root } = await render()
    const billing = activeBilling()
    expect(text(root, '.plan-name')).to.equal('Starter Active')
    expect(text(root, '.plan-price')).to.equal('$29.00 per month')
    expect(text(root, '[part="plan"] p.muted')).to.equal(
      `Renews on ${en.date(billing.subscription!.currentPeriodEnd!)}`
    )
    expect(text(root, '.pm-text')).to.equal('Visa ending in 4242 Expires 04/2030')
    const meters = [...root.querySelectorAll('[part~="meter"]')]
    expect(meters.map((m) => text(m, '.meter-name'))).to.deep.equal([
      'Seats',
      'Transcription minutes',
      'WhatsApp numbers',
      'Campaign recipients',
    ])
    expect(text(meters[1], '.meter-amount')).to.equal('252 of 300')
    expect(text(meters[3], '.meter-amount')).to.equal('640 of 2,000')
    expect(text(meters[1], '.meter-foot')).to.contain(
      `Resets ${en.day(billing.usage[1].resetsAt!)}`
    )
    expect(text(root, '.upcoming')).to.equal(
      `Next invoice: $29.00 on ${en.date(billing.subscription!.currentPeriodEnd!)}.`
    )
    const rows = root.querySelectorAll('[part="invoice"]')
    expect(rows.length).to.equal(3)
    expect(text(rows[0], 'th')).to.equal('ACME-0012')
    expect(text(rows[0], '.pill')).to.equal('Due')
    expect(text(rows[1], '.num')).to.equal('$29.00')
    const pdf = rows[1].querySelector('a')!
    expect(pdf.href).to.equal('https://pay.stripe.test/invoice/in_1/pdf')
    expect(pdf.rel).to.equal('noopener noreferrer')
    expect(pdf.getAttribute('aria-label')).to.equal('PDF of invoice ACME-0011')
    // The current plan is marked in the picker, and has no button of its own.
    const current = root.querySelector('[part~="plan-option"].current')!
    expect(text(current, 'h4')).to.equal('Starter')
    expect(current.querySelector('.choose')).to.equal(null)
    await expect(el).to.be.accessible()
  })

  it('marks features from 80 % and at their limit, as bars, flags and a banner', async () => {
    const { root } = await render()
    const [seats, minutes, numbers] = root.querySelectorAll('[part~="meter"]')
    expect(seats.classList.contains('ok')).to.equal(true)
    expect(seats.querySelector('[part="usage-state"]')).to.equal(null)
    expect(minutes.classList.contains('warn')).to.equal(true)
    expect(text(minutes, '[part="usage-state"]')).to.equal('84% used')
    expect(numbers.classList.contains('over')).to.equal(true)
    expect(text(numbers, '[part="usage-state"]')).to.equal('Limit reached')
    const bar = numbers.querySelector('[role="meter"]')!
    expect(bar.getAttribute('aria-valuenow')).to.equal('1')
    expect(bar.getAttribute('aria-valuemax')).to.equal('1')
    expect(bar.getAttribute('aria-valuetext')).to.equal('1 of 1. Limit reached')
    const banners = [...root.querySelectorAll('[part="banner"]')].map((b) => text(b, 'p'))
    expect(banners).to.deep.equal([
      'Limit reached: WhatsApp numbers. Choose a larger plan for more.',
    ])
  })

  it('charts what is used up over the period, with the same numbers as a table', async () => {
    const { root } = await render()
    const chart = root.querySelector('[part="chart"]')!
    expect(chart.querySelector('svg.plot polyline.used')).to.exist
    expect(chart.querySelector('svg.plot line.limit')).to.exist
    expect(chart.querySelector('svg.plot line.pace')).to.exist
    // Counts (seats, numbers) have no period: only minutes and recipients are offered.
    const radios = [...chart.querySelectorAll<HTMLInputElement>('input[name="chart-feature"]')]
    expect(radios.map((r) => norm(r.parentElement!.textContent!))).to.deep.equal([
      'Transcription minutes',
      'Campaign recipients',
    ])
    expect(text(chart, '.legend')).to.match(
      /^Transcription minutes: 252 used by .+\. Limit 300\. At this pace, about (\d|,)+ by .+\.$/
    )
    chart.querySelector<HTMLButtonElement>('button.link')!.click()
    await waitUntil(() => root.querySelector('.chart-table'))
    const cells = [...root.querySelectorAll('.chart-table tbody tr')].map((r) =>
      text(r, 'td:last-child')
    )
    expect(cells[0]).to.equal('0')
    expect(cells[1]).to.equal('252')
    expect(Number(cells[2].replace(',', ''))).to.be.above(300)
    expect(cells[3]).to.equal('300')
    expect(text(root.querySelector('.chart-table tbody tr:nth-child(3)')!, 'td')).to.match(
      /^At this pace, by /
    )
    radios[1].click()
    await waitUntil(() => text(root, '.chart-table tbody tr:nth-child(2) td:last-child') === '640')
  })

  it('previews the proration of an upgrade before confirming it, then subscribes once', async () => {
    const { root } = await render()
    const pro = [...root.querySelectorAll('[part~="plan-option"]')].find(
      (o) => text(o, 'h4') === 'Pro'
    )!
    expect(button(pro, 'Upgrade')!.getAttribute('label')).to.equal('Upgrade (Pro)')
    press(pro, 'Upgrade')
    await waitUntil(() => dialogOf(root)?.open, 'no confirmation')
    expect(api.calls.find((c) => c.path === '/v1/billing/preview')!.body).to.deep.equal({
      planId: 'plan_pro',
      interval: 'month',
    })
    const dialog = dialogOf(root)!
    expect(dialog.heading).to.equal('Upgrade to Pro?')
    expect(dialog.message).to.equal('$46.45 is charged today to Visa ending in 4242.')
    const lines = [...dialog.querySelectorAll('[part="preview"] tr')].map((r) =>
      text(r, '*:last-child')
    )
    expect(lines).to.deep.equal(['-$11.60', '$58.05', '$46.45'])
    expect(api.calls.some((c) => c.path === '/v1/billing/subscription')).to.equal(false)

    const changed = new Promise<ParleySubscriptionChangedEvent>((resolve) =>
      document.addEventListener('parley-subscription-changed', resolve as EventListener, {
        once: true,
      })
    )
    await answer(root, true)
    const event = await changed
    expect(event.action).to.equal('upgrade')
    expect(event.plan!.id).to.equal('plan_pro')
    expect(event.composed).to.equal(true)
    const posts = api.calls.filter(
      (c) => c.path === '/v1/billing/subscription' && c.method === 'POST'
    )
    expect(posts.length).to.equal(1)
    expect(posts[0].body).to.deep.equal({ planId: 'plan_pro', interval: 'month' })
    expect(posts[0].idempotencyKey).to.be.a('string').and.not.empty
    await waitUntil(() => text(root, '[part="notice"]') === 'Done: the workspace is on Pro.')
    await waitUntil(() => text(root, '.plan-name') === 'Pro Active')
    expect(deepFocus()?.id, 'focus on the current plan').to.equal('current-title')
  })

  it('asks for a card before a paid plan when there is none, and offers the free plan as a downgrade', async () => {
    const { root } = await render({ billing: { ...activeBilling(), paymentMethod: null } })
    const options = [...root.querySelectorAll('[part~="plan-option"]')]
    expect(options.map((o) => text(o, '.choose'))).to.deep.equal(['Downgrade', '', 'Upgrade'])
    press(options[2], 'Upgrade')
    await waitUntil(() => stripe.mounted.length === 1, 'no card form')
    expect(text(root, '[role="alert"] p')).to.equal(
      'Add a payment method first, then choose the plan again.'
    )
    expect(api.calls.some((c) => c.path === '/v1/billing/preview')).to.equal(false)
  })

  it('offers trial days to a workspace without a subscription, which needs no card', async () => {
    const billing = activeBilling()
    const { root } = await render({
      billing: { ...billing, subscription: null, paymentMethod: null },
    })
    const options = [...root.querySelectorAll('[part~="plan-option"]')]
    expect(options.map((o) => text(o, '.choose'))).to.deep.equal(['Choose', 'Choose', 'Choose'])
    expect(text(options[2], '.trial')).to.equal('14-day free trial')
    press(options[2], 'Choose')
    await waitUntil(() => dialogOf(root)?.open, 'no confirmation')
    expect(dialogOf(root)!.heading).to.equal('Subscribe to Pro?')
    expect(dialogOf(root)!.message).to.equal('$46.45 is due today.')
    await answer(root, false)
  })

  it('changes nothing when the preview is cancelled', async () => {
    const { root } = await render()
    press(root.querySelector('[part~="plan-option"]:last-child')!, 'Upgrade')
    await waitUntil(() => dialogOf(root)?.open)
    await answer(root, false)
    await waitUntil(() => !dialogOf(root))
    expect(api.calls.some((c) => c.path === '/v1/billing/subscription')).to.equal(false)
    expect(button(root, 'Upgrade')!.hasAttribute('disabled')).to.equal(false)
  })

  it('schedules a downgrade for the period end, saying so before and after', async () => {
    const { root } = await render()
    const end = en.date(activeBilling().subscription!.currentPeriodEnd!)
    press(root.querySelector('[part~="plan-option"]:first-child')!, 'Downgrade')
    await waitUntil(() => dialogOf(root)?.open)
    expect(dialogOf(root)!.heading).to.equal('Downgrade to Free?')
    expect(dialogOf(root)!.message).to.equal(
      `The change takes effect on ${end}; nothing is charged today.`
    )
    expect(dialogOf(root)!.querySelector('[part="preview"]')).to.equal(null)
    const changed = new Promise<ParleySubscriptionChangedEvent>((resolve) =>
      document.addEventListener('parley-subscription-changed', resolve as EventListener, {
        once: true,
      })
    )
    await answer(root, true)
    expect((await changed).action).to.equal('downgrade')
    await waitUntil(() => text(root, '[part="notice"]') === `Done: Free starts on ${end}.`)
    expect(text(root, '.plan-name')).to.equal('Starter Active')
    expect(text(root, '.scheduled')).to.equal(`Changes to Free on ${end}.`)
  })

  it('confirms a payment the bank must approve (3-D Secure) with Stripe.js and the client secret', async () => {
    const { root } = await render({
      subscribe: {
        clientSecret: 'pi_3ds_secret_x',
        publishableKey: 'pk_live_tenant',
        stripeAccount: 'acct_9',
      },
    })
    press(root.querySelector('[part~="plan-option"]:last-child')!, 'Upgrade')
    await waitUntil(() => dialogOf(root)?.open)
    await answer(root, true)
    await waitUntil(() => stripe.payments.length === 1, 'Stripe.js was not asked to confirm')
    expect(stripe.payments).to.deep.equal(['pi_3ds_secret_x'])
    expect(stripe.factory[0]).to.deep.equal([
      'pk_live_tenant',
      { locale: 'en', stripeAccount: 'acct_9' },
    ])
    // The page had Stripe already: no script tag.
    expect(document.querySelectorAll('script[src^="https://js.stripe.com"]').length).to.equal(0)
    await waitUntil(() => text(root, '[part="notice"]') === 'Done: the workspace is on Pro.')
  })

  it("shows the bank's refusal of a 3-D Secure payment", async () => {
    const { root } = await render({ subscribe: { clientSecret: 'pi_refused_secret_y' } })
    instance.confirmCardPayment = async (secret: string) => {
      stripe.payments.push(secret)
      return { error: { message: 'Your card was declined.' } } as never
    }
    try {
      press(root.querySelector('[part~="plan-option"]:last-child')!, 'Upgrade')
      await waitUntil(() => dialogOf(root)?.open)
      await answer(root, true)
      await waitUntil(() => text(root, '[role="alert"] p') === 'Your card was declined.')
      // No keys in the answer: the billing read's keys are used, no setup request for them.
      expect(stripe.payments).to.deep.equal(['pi_refused_secret_y'])
      expect(api.calls.some((c) => c.path === '/v1/billing/payment-method/setup')).to.equal(false)
    } finally {
      instance.confirmCardPayment = async (secret: string) => {
        stripe.payments.push(secret)
        return {}
      }
    }
  })

  it("mounts Stripe's Payment Element in light DOM and saves the card with confirmSetup", async () => {
    const { el, root } = await render({
      setup: {
        clientSecret: 'seti_123_secret_abc',
        publishableKey: 'pk_test_card',
        stripeAccount: 'acct_card',
      },
    })
    press(root, 'Update')
    await waitUntil(() => stripe.mounted.length === 1, 'the Payment Element was not mounted')
    expect(
      api.calls.some((c) => c.path === '/v1/billing/payment-method/setup' && c.method === 'POST')
    ).to.equal(true)
    expect(stripe.factory[0]).to.deep.equal([
      'pk_test_card',
      { locale: 'en', stripeAccount: 'acct_card' },
    ])
    expect(stripe.elements[0].clientSecret).to.equal('seti_123_secret_abc')
    expect(stripe.elements[0].appearance!.theme).to.equal('stripe')
    const mount = stripe.mounted[0]
    expect(mount.parentElement === el, 'mounted in the light DOM of the widget').to.equal(true)
    expect(mount.slot).to.equal('payment-element')
    await waitUntil(() => !button(root, 'Save payment method')!.hasAttribute('disabled'))

    stripe.setupAnswer = { error: { message: 'Your card number is incomplete.' } }
    press(root, 'Save payment method')
    await waitUntil(() => text(root, '.card-form .error') === 'Your card number is incomplete.')
    expect(stripe.setups[0].redirect).to.equal('if_required')

    stripe.setupAnswer = {}
    const updated = await expectEventReachesDocument('parley-payment-method-updated', async () => {
      press(root, 'Save payment method')
      await waitUntil(() => text(root, '[part="notice"]') === 'The payment method is saved.')
    })
    expect((updated as Event & { paymentMethod: { last4: string } }).paymentMethod.last4).to.equal(
      '4242'
    )
    expect(stripe.destroyed).to.equal(1)
    expect(mount.isConnected).to.equal(false)
    expect(root.querySelector('.card-form')).to.equal(null)
  })

  it('loads Stripe.js once from js.stripe.com, and explains the CSP lines when it cannot', async () => {
    delete win.Stripe
    const added: HTMLScriptElement[] = []
    const watcher = new MutationObserver((records) =>
      records.forEach((r) =>
        r.addedNodes.forEach((n) => n instanceof HTMLScriptElement && added.push(n))
      )
    )
    watcher.observe(document.head, { childList: true })
    const { root } = await render()
    press(root, 'Update')
    await waitUntil(() => added.length, 'no script tag', { timeout: 5000 })
    watcher.disconnect()
    expect(added.map((s) => s.src)).to.deep.equal(['https://js.stripe.com/v3/'])
    // Offline here, it fails by itself; were it slow, the test fails it as a CSP refusal would.
    if (added[0].isConnected) added[0].dispatchEvent(new Event('error'))
    await waitUntil(() => root.querySelector('.card-form .banner'), 'no fallback')
    expect(text(root, '.card-form .banner')).to.contain('Content Security Policy')
    expect(text(root, '.card-form code')).to.equal(
      'script-src https://js.stripe.com; frame-src https://js.stripe.com https://hooks.stripe.com; connect-src https://api.stripe.com'
    )
    expect(document.querySelectorAll('script[src^="https://js.stripe.com"]').length).to.equal(0)
  })

  it("offers Stripe's hosted page where Stripe.js is blocked, and goes there to come back here", async () => {
    delete win.Stripe
    const { el, root } = await render()
    const went: string[] = []
    el.navigate = (url) => went.push(url)
    press(root, 'Update')
    const script = await waitUntil(
      () => document.querySelector<HTMLScriptElement>('script[src^="https://js.stripe.com"]'),
      'no script tag',
      { timeout: 5000 }
    ).catch(() => null)
    // Offline here, it fails by itself; were it slow, the test fails it as a CSP refusal would.
    script?.dispatchEvent(new Event('error'))
    await waitUntil(() => button(root, "Add a card on Stripe's secure page"), 'no hosted fallback')
    expect(api.calls.some((c) => c.path === '/v1/billing/payment-method/checkout')).to.equal(false)
    press(root, "Add a card on Stripe's secure page")
    await waitUntil(() => went.length, 'the page did not go to Checkout')
    expect(went).to.deep.equal(['https://checkout.stripe.test/c/pay/cs_test_fixture'])
    const posted = api.calls.filter((c) => c.path === '/v1/billing/payment-method/checkout')
    expect(posted).to.have.length(1)
    const body = posted[0].body as { returnUrl: string; nonce: string }
    expect(posted[0].method).to.equal('POST')
    expect(body.returnUrl).to.equal(location.href)
    expect(body.nonce).to.match(/^[0-9a-f-]{36}$/)
    expect(posted[0].idempotencyKey).to.equal(body.nonce)
  })

  it('cancels at the period end with a reason, then resumes', async () => {
    const { root } = await render()
    const billing = activeBilling()
    press(root, 'Cancel plan')
    await waitUntil(() => dialogOf(root)?.open)
    const dialog = dialogOf(root)!
    expect(dialog.danger).to.equal(true)
    expect(dialog.message).to.equal(
      `Starter stays active until ${en.date(billing.subscription!.currentPeriodEnd!)}, and nothing more is charged after that. You can resume it until then.`
    )
    dialog.querySelector<HTMLInputElement>('input[value="too_expensive"]')!.click()
    dialog.querySelector('textarea')!.value = '  We only need two seats. '
    await answer(root, true)
    await waitUntil(() => api.calls.some((c) => c.method === 'DELETE'))
    expect(api.calls.find((c) => c.method === 'DELETE')!.body).to.deep.equal({
      atPeriodEnd: true,
      feedback: 'too_expensive',
      reason: 'We only need two seats.',
    })
    await waitUntil(() => button(root, 'Resume plan'), 'no resume')
    expect(text(root, '[part="banner"] p')).to.equal(
      `The plan ends on ${en.date(billing.subscription!.currentPeriodEnd!)}. Resume it to keep it.`
    )
    press(root.querySelector('[part="plan"]')!, 'Resume plan')
    await waitUntil(
      () => text(root, '[part="notice"]') === 'The plan is resumed and renews as before.'
    )
    expect(api.calls.some((c) => c.path === '/v1/billing/subscription/resume')).to.equal(true)
    expect(button(root, 'Cancel plan')).to.exist
  })

  it('pages through older invoices', async () => {
    const { root } = await render()
    press(root, 'Show older invoices')
    await waitUntil(() => root.querySelectorAll('[part="invoice"]').length === 5)
    expect(
      api.calls.find((c) => c.path === '/v1/billing/invoices' && c.query.cursor)!.query.cursor
    ).to.equal('3')
    expect(button(root, 'Show older invoices')).to.equal(undefined)
  })

  it('shows past-due and action-required banners with their fix', async () => {
    const billing = activeBilling()
    const { root } = await render({
      billing: {
        ...billing,
        subscription: {
          ...billing.subscription!,
          status: 'incomplete',
          actionRequired: { clientSecret: 'pi_wait_secret_z' },
        },
      },
    })
    expect(text(root, '[part="status"]')).to.equal('Awaiting payment')
    expect(text(root, '[part="banner"] p')).to.equal(
      'The bank needs you to confirm the payment for Starter.'
    )
    press(root.querySelector('[part="banner"]')!, 'Confirm payment')
    await waitUntil(() => stripe.payments.length === 1)
    expect(stripe.payments[0]).to.equal('pi_wait_secret_z')

    const late = await render({
      billing: { ...billing, subscription: { ...billing.subscription!, status: 'past_due' } },
    })
    expect(text(late.root, '[part="banner"].danger p')).to.equal(
      'The last payment failed. Update the payment method so the plan is not interrupted.'
    )
    press(late.root.querySelector('[part="banner"]')!, 'Update payment method')
    await waitUntil(() => stripe.mounted.length === 1, 'fix payment did not open the card form')
  })

  it('lets admins read without changing anything', async () => {
    const { el, root } = await render({ role: 'admin' })
    expect(root.querySelector('[part="plan"]')).to.exist
    expect(root.querySelectorAll('parley-button.choose').length).to.equal(0)
    expect(button(root, 'Cancel plan')).to.equal(undefined)
    expect(button(root, 'Update')).to.equal(undefined)
    expect(text(root, '.note')).to.equal(
      'Only the workspace owner can change the plan or the payment method.'
    )
    expect(text(root, '[part="banner"] p')).to.contain('Ask the workspace owner.')
    await expect(el).to.be.accessible()
  })

  it('tells other members plainly that billing is not theirs (403), without an error event', async () => {
    const errors: string[] = []
    const listener = (e: Event) => errors.push((e as Event & { code: string }).code)
    document.addEventListener('parley-error', listener)
    try {
      const { root } = await render({
        role: 'agent',
        fail: { status: 403, code: 'AUTHORIZATION_ERROR' },
      })
      const state = root.querySelector('parley-state')!
      expect(state.getAttribute('kind')).to.equal('empty')
      expect(state.getAttribute('heading')).to.equal('Billing is not available to you')
      expect(errors).to.deep.equal([])
    } finally {
      document.removeEventListener('parley-error', listener)
    }
  })

  it('says what the reseller must configure when Stripe is not connected (424)', async () => {
    const { el, root } = await render({ fail: { status: 424, code: 'PROVIDER_NOT_CONFIGURED' } })
    expect(text(root, '.setup h2')).to.equal('Billing is not set up yet')
    expect(text(root, '.setup')).to.contain('PUT /v1/providers/stripe')
    expect(text(root, '.setup')).to.contain('POST /v1/plans')
    await expect(el).to.be.accessible()
  })

  it('speaks Spanish, with amounts and dates in the Spanish locale', async () => {
    const { root } = await render({}, html`<parley-billing locale="es"></parley-billing>`)
    const es = new Formats('es')
    const billing = activeBilling()
    expect(text(root, '#current-title')).to.equal('Plan actual')
    expect(text(root, '.plan-price')).to.equal(norm(`${es.money(2900, 'usd')} al mes`))
    expect(text(root, '[part="plan"] p.muted')).to.equal(
      norm(`Se renueva el ${es.date(billing.subscription!.currentPeriodEnd!)}`)
    )
    expect(text(root, '[part~="meter"]:nth-child(4) .meter-amount')).to.equal('640 de 2000')
    expect(text(root, '#invoices-title')).to.equal('Facturas')
    expect(button(root, 'Mejorar')).to.exist
  })

  it('works by keyboard: the interval switch with arrows, a plan change with Enter and Escape', async () => {
    const { root } = await render()
    const monthly = root.querySelector<HTMLInputElement>('input[name="interval"][value="month"]')!
    monthly.focus()
    await sendKeys({ press: 'ArrowRight' })
    await waitUntil(() => root.querySelector<HTMLInputElement>('input[value="year"]')!.checked)
    const pro = [...root.querySelectorAll('[part~="plan-option"]')].find(
      (o) => text(o, 'h4') === 'Pro'
    )!
    expect(text(pro, '.price')).to.contain('$990')
    expect(text(pro, '.price')).to.contain('$82.50 per month')
    // Starter, the current plan, offers its yearly price as a switch.
    const starter = root.querySelector('[part~="plan-option"]:nth-child(2)')!
    expect(button(starter, 'Switch to yearly')).to.exist
    const upgrade = button(pro, 'Upgrade')!
    upgrade.shadowRoot!.querySelector('button')!.focus()
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => dialogOf(root)?.open)
    expect(api.calls.find((c) => c.path === '/v1/billing/preview')!.body).to.deep.equal({
      planId: 'plan_pro',
      interval: 'year',
    })
    expect(deepFocus()?.getAttribute('part')).to.equal('confirm')
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !dialogOf(root))
    // (Compared as booleans: chai's diff of two DOM elements takes minutes.)
    expect(
      deepFocus() === upgrade.shadowRoot!.querySelector('button'),
      'focus back on Upgrade'
    ).to.equal(true)
    expect(api.calls.some((c) => c.path === '/v1/billing/subscription')).to.equal(false)
  })

  it('fits a 360 px phone: no horizontal scroll, invoices as labelled rows', async () => {
    await setViewport({ width: 360, height: 800 })
    try {
      const { el, root } = await render()
      expect(document.documentElement.scrollWidth).to.be.at.most(360)
      expect(el.getBoundingClientRect().width).to.be.at.most(360)
      expect(getComputedStyle(root.querySelector('.invoices thead')!).position).to.equal('absolute')
      for (const card of root.querySelectorAll('.card'))
        expect(card.scrollWidth, card.getAttribute('part') ?? '').to.be.at.most(
          card.clientWidth + 1
        )
    } finally {
      await setViewport({ width: 1280, height: 800 })
    }
  })

  it('takes its colours from the theme tokens', async () => {
    const { root } = await render()
    await expectThemeReaches(() => root.querySelector('.current-pill')!, 'background-color')
    await expectThemeReaches(
      () => root.querySelector('.status-past_due, .over .flag')!,
      'background-color',
      'danger'
    )
  })
})
