import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './input.js'

const meta: Meta = {
  title: 'Kit/Input',
  component: 'parley-input',
  args: {
    label: 'Email',
    placeholder: 'ana@acme.test',
    value: '',
    required: false,
    disabled: false,
    error: '',
  },
  render: (args) =>
    html`<parley-input
      label=${args.label}
      placeholder=${args.placeholder}
      .value=${args.value}
      ?required=${args.required}
      ?disabled=${args.disabled}
      error=${args.error || ''}
    ></parley-input>`,
}
export default meta
type Story = StoryObj

export const Empty: Story = {}
export const Filled: Story = { args: { value: 'ana@acme.test' } }
export const Required: Story = { args: { required: true } }
export const WithError: Story = { args: { value: 'ana@', error: 'Enter a valid email address' } }
export const Disabled: Story = { args: { disabled: true, value: 'read only' } }
