import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './state.js'
import './skeleton.js'

const meta: Meta = {
  title: 'Kit/State',
  component: 'parley-state',
  render: (args) =>
    html`<parley-state kind=${args.kind} message=${args.message ?? ''}></parley-state>`,
}
export default meta
type Story = StoryObj

export const Loading: Story = { args: { kind: 'loading' } }
export const Empty: Story = {
  args: { kind: 'empty', message: 'New conversations will show up here.' },
}
export const Error: Story = {
  args: { kind: 'error', message: 'Cannot reach the server. Check your connection.' },
}
export const Skeleton: Story = { render: () => html`<parley-skeleton lines="4"></parley-skeleton>` }
