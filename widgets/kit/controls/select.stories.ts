import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './select.js'
import { PEOPLE } from './sample-people.js'

const meta: Meta = {
  title: 'Controls/Select',
  component: 'parley-select',
  args: { label: 'Status', required: false, disabled: false, error: '', help: '' },
  render: (args) =>
    html`<parley-select
      label=${args.label}
      name="status"
      ?required=${args.required}
      ?disabled=${args.disabled}
      error=${args.error || ''}
      help=${args.help || ''}
    >
      <option value="open">Open</option>
      <option value="pending">Pending</option>
      <option value="snoozed">Snoozed</option>
      <option value="closed">Closed</option>
    </parley-select>`,
}
export default meta
type Story = StoryObj

export const Default: Story = {}
export const WithHelp: Story = { args: { help: 'Who sees the conversation first' } }
export const Invalid: Story = { args: { required: true, error: 'Choose a status' } }
export const Disabled: Story = { args: { disabled: true } }

export const Grouped: Story = {
  render: () =>
    html`<parley-select label="Channel" name="channel">
      <optgroup label="Messaging">
        <option value="whatsapp" selected>WhatsApp</option>
        <option value="sms" disabled>SMS</option>
      </optgroup>
      <optgroup label="Web">
        <option value="chat">Web chat</option>
        <option value="email" data-description="support@acme.test">Email</option>
      </optgroup>
    </parley-select>`,
}

/** A toolbar filter: small, its label for screen readers only. */
export const ToolbarFilter: Story = {
  render: () =>
    html`<parley-select label="Status" hide-label size="sm" value="open">
      <option value="all">All conversations</option>
      <option value="open">Open</option>
      <option value="closed">Closed</option>
    </parley-select>`,
}

export const People: Story = {
  render: () =>
    html`<parley-select label="Assignee" .options=${PEOPLE} value="ana"></parley-select>`,
}

/** Open, as it looks with a list under the field (not on the docs page, where it would cover). */
export const Open: Story = {
  tags: ['!autodocs'],
  render: () =>
    html`<parley-select label="Assignee" .options=${PEOPLE} value="bruno" open></parley-select>`,
}
