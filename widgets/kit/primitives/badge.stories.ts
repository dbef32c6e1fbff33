import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './badge.js'

const meta: Meta = {
  title: 'Kit/Badge',
  component: 'parley-badge',
  args: { count: 3, max: 99 },
  render: (args) => html`<parley-badge count=${args.count} max=${args.max}></parley-badge>`,
}
export default meta
type Story = StoryObj

export const Count: Story = {}
export const Overflow: Story = { args: { count: 250 } }
export const Zero: Story = { args: { count: 0 } }
