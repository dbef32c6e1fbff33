import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './button.js'
import { BUTTON_VARIANTS } from './button.js'

const meta: Meta = {
  title: 'Kit/Button',
  component: 'parley-button',
  argTypes: {
    variant: { control: 'select', options: BUTTON_VARIANTS },
    size: { control: 'select', options: ['sm', 'md'] },
  },
  args: { variant: 'primary', size: 'md', disabled: false, label: 'Send' },
  render: (args) =>
    html`<parley-button variant=${args.variant} size=${args.size} ?disabled=${args.disabled}
      >${args.label}</parley-button
    >`,
}
export default meta
type Story = StoryObj

export const Primary: Story = {}
export const Secondary: Story = { args: { variant: 'secondary' } }
export const Ghost: Story = { args: { variant: 'ghost' } }
export const Danger: Story = { args: { variant: 'danger', label: 'Delete' } }
export const Small: Story = { args: { size: 'sm' } }
export const Disabled: Story = { args: { disabled: true } }
