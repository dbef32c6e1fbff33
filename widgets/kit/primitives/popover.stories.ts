import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './popover.js'
import './button.js'

const meta: Meta = { title: 'Kit/Popover', component: 'parley-popover' }
export default meta
type Story = StoryObj

export const Closed: Story = {
  render: () =>
    html`<parley-popover label="Filters">
      <parley-button slot="trigger" variant="secondary">Filters</parley-button>
      <p>Status: open, pending</p>
    </parley-popover>`,
}
export const Open: Story = {
  render: () =>
    html`<parley-popover label="Filters" open>
      <parley-button slot="trigger" variant="secondary">Filters</parley-button>
      <p>Status: open, pending</p>
    </parley-popover>`,
}
