import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { busyInbox, withFixtureApi } from './inbox.fixtures.js'
import './inbox.js'

/**
 * The inbox against a canned API (inbox.fixtures.ts): a busy morning of web visitors told apart
 * by place and browser, WhatsApp contacts, notes, a photo, a voice message, priorities, tags and
 * assignees.
 */
const meta: Meta = {
  title: 'Widgets/Inbox',
  component: 'parley-inbox',
  parameters: { layout: 'fullscreen' },
}
export default meta
type Story = StoryObj

export const Conversations: Story = {
  render: (_, { globals }) => {
    withFixtureApi(busyInbox(), globals.locale)
    return html`<div class="story-frame"><parley-inbox></parley-inbox></div>`
  },
}

export const Empty: Story = {
  render: (_, { globals }) => {
    withFixtureApi([], globals.locale)
    return html`<div class="story-frame"><parley-inbox></parley-inbox></div>`
  },
}

/** A host page showing one conversation, with the details panel open. */
export const PinnedThread: Story = {
  render: (_, { globals }) => {
    withFixtureApi(busyInbox(), globals.locale)
    return html`<div class="story-frame"><parley-inbox conversation="c1"></parley-inbox></div>`
  },
}
