import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './tag-input.js'

const SUGGESTIONS = ['urgent', 'upsell', 'unhappy', 'vip', 'billing', 'refund', 'feedback']

const meta: Meta = {
  title: 'Controls/Tag input',
  component: 'parley-tag-input',
  args: {
    label: 'Tags',
    value: 'vip,billing',
    placeholder: 'Add a tag',
    disabled: false,
    required: false,
    error: '',
  },
  render: (args) =>
    html`<parley-tag-input
      label=${args.label}
      name="tags"
      value=${args.value}
      placeholder=${args.placeholder}
      ?disabled=${args.disabled}
      ?required=${args.required}
      error=${args.error || ''}
      .suggestions=${SUGGESTIONS}
    ></parley-tag-input>`,
}
export default meta
type Story = StoryObj

export const Default: Story = {}
export const Empty: Story = { args: { value: '' } }
export const Invalid: Story = { args: { value: '', required: true, error: 'Add at least one tag' } }
export const Disabled: Story = { args: { disabled: true } }
export const ManyTags: Story = {
  args: { value: 'vip,billing,refund,feedback,late delivery,whatsapp,spanish,priority customer' },
}
