import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './toast.js'
import './button.js'
import type { ParleyToast } from './toast.js'

const meta: Meta = { title: 'Kit/Toast', component: 'parley-toast' }
export default meta
type Story = StoryObj

const show = (variant: 'info' | 'success' | 'danger', message: string) => (e: Event) =>
  ((e.target as HTMLElement).parentElement!.querySelector('parley-toast') as ParleyToast).show(
    message,
    { variant }
  )

export const Variants: Story = {
  render: () =>
    html`<div>
      <parley-button @click=${show('info', 'Conversation assigned to Bruno')}>Info</parley-button>
      <parley-button variant="secondary" @click=${show('success', 'Message sent')}
        >Success</parley-button
      >
      <parley-button variant="danger" @click=${show('danger', 'Upload failed')}
        >Danger</parley-button
      >
      <parley-toast></parley-toast>
    </div>`,
}
export const Showing: Story = {
  render: () => html`<parley-toast></parley-toast>`,
  play: async ({ canvasElement }) => {
    const toast = canvasElement.querySelector('parley-toast') as ParleyToast
    await toast.updateComplete
    toast.show('Message sent', { variant: 'success', duration: 600_000 })
  },
}
