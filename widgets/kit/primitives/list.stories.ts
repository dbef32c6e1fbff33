import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './list.js'
import './avatar.js'

const meta: Meta = { title: 'Kit/List', component: 'parley-list' }
export default meta
type Story = StoryObj

export const Default: Story = {
  render: () =>
    html`<parley-list label="Conversations">
      <parley-list-item value="1"
        ><parley-avatar name="Ana Lima" size="sm"></parley-avatar>Ana Lima</parley-list-item
      >
      <parley-list-item value="2" selected
        ><parley-avatar name="Bruno Silva" size="sm"></parley-avatar>Bruno Silva</parley-list-item
      >
      <parley-list-item value="3"
        ><parley-avatar name="Carla Dias" size="sm"></parley-avatar>Carla Dias</parley-list-item
      >
    </parley-list>`,
}
export const Empty: Story = { render: () => html`<parley-list label="Nothing"></parley-list>` }
