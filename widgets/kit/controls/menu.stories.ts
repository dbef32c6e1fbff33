import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './menu.js'

const meta: Meta = { title: 'Controls/Menu', component: 'parley-menu' }
export default meta
type Story = StoryObj

const items = html`<parley-menu-item value="assign">Assign to me</parley-menu-item>
  <parley-menu-item value="snooze">Snooze<span slot="suffix">S</span></parley-menu-item>
  <parley-menu-item value="close" disabled>Close</parley-menu-item>
  <hr />
  <parley-menu-item value="delete" variant="danger">Delete conversation</parley-menu-item>`

export const Default: Story = {
  render: () => html`<parley-menu label="Actions">${items}</parley-menu>`,
}

/** An icon button at the end of a row: the menu lines up with its right edge. */
export const IconOnly: Story = {
  render: () =>
    html`<div class="row">
      <parley-menu label="More actions" variant="ghost" align="end">
        <span slot="trigger" aria-hidden="true">⋯</span>
        ${items}
      </parley-menu>
    </div>`,
}

export const CheckAndRadio: Story = {
  render: () =>
    html`<parley-menu label="View" size="sm">
      <parley-menu-item type="checkbox" value="unread" checked>Unread only</parley-menu-item>
      <hr />
      <parley-menu-item type="radio" value="newest" checked>Newest first</parley-menu-item>
      <parley-menu-item type="radio" value="oldest">Oldest first</parley-menu-item>
    </parley-menu>`,
}

export const Open: Story = {
  tags: ['!autodocs'],
  render: () => html`<parley-menu label="Actions" open>${items}</parley-menu>`,
}
