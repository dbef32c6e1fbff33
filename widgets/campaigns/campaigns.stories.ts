import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { someCampaigns, withCampaignsApi, yesterdayAt9 } from './campaigns.fixtures.js'
import './campaigns.js'

/**
 * The campaigns widget against a canned API (campaigns.fixtures.ts): a shop's month of WhatsApp
 * and web campaigns in every state, a running one's live page, and the builder's steps.
 */
const meta: Meta = {
  title: 'Widgets/Campaigns',
  component: 'parley-campaigns',
  parameters: { layout: 'fullscreen' },
}
export default meta
type Story = StoryObj

const frame = (body: unknown) => html`<div class="story-frame">${body}</div>`

/** Clicks, inside the widget's shadow root, what `selector` finds once it is there. */
async function press(selector: string, text?: string) {
  for (let i = 0; i < 300; i++) {
    const root = document.querySelector('parley-campaigns')?.shadowRoot
    const found = [...(root?.querySelectorAll<HTMLElement>(selector) ?? [])].find(
      (el) => !text || el.textContent?.trim().startsWith(text)
    )
    if (found) {
      ;(found.shadowRoot?.querySelector('button') ?? found).click()
      return
    }
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const List: Story = {
  render: (_, { globals }) => {
    withCampaignsApi({ locale: globals.locale })
    return frame(html`<parley-campaigns></parley-campaigns>`)
  },
}

export const Empty: Story = {
  render: (_, { globals }) => {
    withCampaignsApi({ locale: globals.locale, campaigns: [] })
    return frame(html`<parley-campaigns></parley-campaigns>`)
  },
}

/** An agent reads campaigns: no "New campaign", no pause or cancel. */
export const ReadOnly: Story = {
  render: (_, { globals }) => {
    withCampaignsApi({ locale: globals.locale, role: 'agent' })
    return frame(html`<parley-campaigns campaign-id="cmp-spring"></parley-campaigns>`)
  },
}

export const RunningCampaign: Story = {
  render: (_, { globals }) => {
    withCampaignsApi({ locale: globals.locale })
    return frame(html`<parley-campaigns campaign-id="cmp-spring"></parley-campaigns>`)
  },
}

/** Paused by the breaker: a number was logged out. */
export const PausedByBreaker: Story = {
  render: (_, { globals }) => {
    withCampaignsApi({ locale: globals.locale })
    return frame(html`<parley-campaigns campaign-id="cmp-restock"></parley-campaigns>`)
  },
}

const builderAt =
  (campaignId: string, step: number, campaigns = someCampaigns) =>
  (_: unknown, { globals }: { globals: Record<string, string> }) => {
    withCampaignsApi({ locale: globals.locale, campaigns: campaigns() })
    void (async () => {
      await press('parley-button', globals.locale === 'es' ? 'Editar' : 'Edit')
      if (step) await press(`.stepper li:nth-child(${step + 1}) button`)
    })()
    return frame(html`<parley-campaigns campaign-id=${campaignId}></parley-campaigns>`)
  }

export const BuilderAudience: Story = { render: builderAt('cmp-black-friday', 0) }
export const BuilderMessage: Story = { render: builderAt('cmp-black-friday', 1) }
export const DripTimeline: Story = { render: builderAt('cmp-onboarding', 1) }
export const BuilderSchedule: Story = { render: builderAt('cmp-black-friday', 2) }
export const BuilderReview: Story = { render: builderAt('cmp-black-friday', 3) }

/** Black Friday's time went by before launch: both steps say so, and Schedule is off. */
const passed = () =>
  someCampaigns().map((c) => (c.id === 'cmp-black-friday' ? { ...c, schedule: yesterdayAt9() } : c))
export const BuilderSchedulePassed: Story = { render: builderAt('cmp-black-friday', 2, passed) }
export const BuilderReviewPassed: Story = { render: builderAt('cmp-black-friday', 3, passed) }
