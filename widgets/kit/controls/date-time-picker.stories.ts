import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './date-time-picker.js'

const meta: Meta = {
  title: 'Controls/Date-time picker',
  component: 'parley-date-time-picker',
  args: {
    label: 'Due date',
    type: 'date',
    value: '2025-03-14',
    min: '',
    max: '',
    required: false,
    disabled: false,
    error: '',
  },
  render: (args) =>
    html`<parley-date-time-picker
      label=${args.label}
      name="due"
      type=${args.type}
      .value=${args.value}
      min=${args.min || ''}
      max=${args.max || ''}
      ?required=${args.required}
      ?disabled=${args.disabled}
      error=${args.error || ''}
    ></parley-date-time-picker>`,
}
export default meta
type Story = StoryObj

export const DateOnly: Story = {}
export const Empty: Story = { args: { value: '' } }
export const DateAndTime: Story = {
  args: { label: 'Send at', type: 'datetime', value: '2025-03-14T09:30' },
}
export const WithRange: Story = {
  args: { label: 'Follow up on', min: '2025-03-10', max: '2025-04-10', help: '' },
}
export const Invalid: Story = { args: { value: '', required: true, error: 'Choose a date' } }
export const Disabled: Story = { args: { disabled: true } }

/** The calendar open (not on the docs page, where it would cover the others). */
export const Open: Story = {
  tags: ['!autodocs'],
  render: () =>
    html`<parley-date-time-picker
      label="Send at"
      type="datetime"
      value="2025-03-14T09:30"
      minute-step="15"
      open
    ></parley-date-time-picker>`,
}
