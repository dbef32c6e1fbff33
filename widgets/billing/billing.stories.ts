import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { configure } from '../kit/runtime.js'
import './billing.js'
import type { ParleyBilling } from './billing.component.js'
import {
  activeBilling,
  cannedFetch,
  daysFromNow,
  minutesSeries,
  type CannedOptions,
} from './billing.fixtures.js'

/** The billing widget against a canned API (Storybook has no Parley server and no Stripe). */
function withApi(locale: string, options: CannedOptions = {}) {
  window.fetch = cannedFetch(options).fetch
  configure({
    publishableKey: 'pk_storybook',
    apiUrl: location.origin,
    locale,
    session: async () => 'v1.e30.sig',
  })
}

const meta: Meta = { title: 'Widgets/Billing', component: 'parley-billing' }
export default meta
type Story = StoryObj

const story = (options: () => CannedOptions): Story => ({
  render: (_, { globals }) => {
    withApi(globals.locale, options())
    return html`<parley-billing></parley-billing>`
  },
})

/** An owner on Starter: minutes at 84 %, WhatsApp numbers at their limit, a daily series charted. */
export const Active = story(() => {
  const billing = activeBilling()
  billing.usage[1] = { ...billing.usage[1], series: minutesSeries() }
  return { billing }
})

/** A trial ending in three days, without a card yet. */
export const Trial = story(() => {
  const billing = activeBilling()
  return {
    billing: {
      ...billing,
      subscription: { ...billing.subscription!, status: 'trialing', trialEnd: daysFromNow(3) },
      paymentMethod: null,
      usage: billing.usage.map((u) => (u.resetsAt ? { ...u, used: Math.floor(u.used / 3) } : u)),
    },
  }
})

/** The last renewal failed: the banner offers the fix. */
export const PastDue = story(() => {
  const billing = activeBilling()
  return {
    billing: {
      ...billing,
      subscription: { ...billing.subscription!, status: 'past_due' },
      paymentMethod: { brand: 'mastercard', last4: '4444', expMonth: 1, expYear: 2026 },
    },
  }
})

/** 3-D Secure pending on the first payment. */
export const ActionRequired = story(() => {
  const billing = activeBilling()
  return {
    billing: {
      ...billing,
      plan: { ...billing.plan!, name: 'Pro' },
      subscription: {
        ...billing.subscription!,
        status: 'incomplete',
        actionRequired: { clientSecret: 'pi_123_secret_456' },
      },
    },
  }
})

/** Cancelled at the end of the period, yearly: the picker opens on yearly prices. */
export const Cancelling = story(() => {
  const billing = activeBilling()
  return {
    billing: {
      ...billing,
      subscription: {
        ...billing.subscription!,
        interval: 'year',
        cancelAt: billing.subscription!.currentPeriodEnd,
      },
    },
  }
})

/** An admin reads everything and changes nothing. */
export const AdminReadOnly = story(() => ({ role: 'admin' }))

/** The free plan, no subscription, no invoices yet. */
export const Free = story(() => {
  const billing = activeBilling()
  return {
    billing: {
      plan: {
        id: 'plan_free',
        name: 'Free',
        prices: [],
        limits: { seats: 1, transcriptionMinutes: 30 },
      },
      subscription: null,
      paymentMethod: null,
      usage: [
        { feature: 'seats', used: 1, limit: 1, resetsAt: null },
        {
          feature: 'transcriptionMinutes',
          used: 12,
          limit: 30,
          resetsAt: billing.subscription!.currentPeriodEnd,
        },
      ],
    },
    pageSize: 0,
  }
})

/** The reseller has not connected Stripe (424 PROVIDER_NOT_CONFIGURED). */
export const NotConfigured = story(() => ({
  fail: { status: 424, code: 'PROVIDER_NOT_CONFIGURED' },
}))

/** An agent's session (403). */
export const NotAvailable = story(() => ({
  role: 'agent',
  fail: { status: 403, code: 'AUTHORIZATION_ERROR' },
}))

/** Upgrading to Pro: the proration preview before confirming. */
export const UpgradePreview: Story = {
  ...story(() => ({})),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('parley-billing') as ParleyBilling
    for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('.choose'); i++)
      await new Promise((r) => setTimeout(r, 20))
    const upgrade = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.choose')].find((b) =>
      b.getAttribute('label')?.endsWith('(Pro)')
    )
    upgrade?.shadowRoot?.querySelector('button')?.click()
  },
}
