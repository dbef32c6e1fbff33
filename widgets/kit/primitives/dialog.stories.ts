import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './dialog.js'
import './button.js'

const meta: Meta = { title: 'Kit/Dialog', component: 'parley-dialog' }
export default meta
type Story = StoryObj

export const Closed: Story = {
  render: () =>
    html`<parley-button
        @click=${(e: Event) => ((e.target as HTMLElement).nextElementSibling as any).show()}
        >Open dialog</parley-button
      >
      <parley-dialog label="Assign conversation"
        ><p>Choose who handles this conversation.</p></parley-dialog
      >`,
}
export const Open: Story = {
  render: () =>
    html`<parley-dialog label="Resolve conversation" open>
      <p>Mark this conversation as resolved?</p>
      <parley-button slot="footer" variant="secondary">Cancel</parley-button>
      <parley-button slot="footer">Resolve</parley-button>
    </parley-dialog>`,
}
