import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { confirm } from './confirm-dialog.js'
import '../primitives/button.js'

const meta: Meta = { title: 'Controls/Confirm dialog', component: 'parley-confirm-dialog' }
export default meta
type Story = StoryObj

/** What a widget does: one line, `await confirm({ … })`. */
export const FromAButton: Story = {
  render: () =>
    html`<parley-button
      variant="danger"
      @click=${async (event: Event) => {
        const button = event.currentTarget as HTMLElement
        const removed = await confirm({
          title: 'Remove this number?',
          message: 'Messages sent to +34 600 000 000 will no longer arrive in the inbox.',
          confirmLabel: 'Remove',
          danger: true,
          from: button,
        })
        button.dataset.answer = String(removed)
      }}
      >Remove number</parley-button
    >`,
}

/** Open, destructive (not on the docs page, where it would cover the others). */
export const Danger: Story = {
  tags: ['!autodocs'],
  render: () =>
    html`<parley-confirm-dialog
      heading="Remove this number?"
      message="Messages sent to +34 600 000 000 will no longer arrive in the inbox."
      confirm-label="Remove"
      danger
      open
    ></parley-confirm-dialog>`,
}

export const Plain: Story = {
  tags: ['!autodocs'],
  render: () =>
    html`<parley-confirm-dialog
      heading="Send the campaign now?"
      message="1,204 contacts will receive it within the next hour."
      confirm-label="Send now"
      open
    ></parley-confirm-dialog>`,
}
