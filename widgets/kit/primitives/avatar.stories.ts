import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './avatar.js'

const PICTURE =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#7a2e9e"/><circle cx="20" cy="16" r="7" fill="#fff"/><rect x="8" y="26" width="24" height="14" rx="7" fill="#fff"/></svg>'
  )

const meta: Meta = {
  title: 'Kit/Avatar',
  component: 'parley-avatar',
  args: { name: 'Ana Lima', size: 'md' },
  argTypes: { size: { control: 'select', options: ['sm', 'md', 'lg'] } },
  render: (args) =>
    html`<parley-avatar name=${args.name} size=${args.size} src=${args.src ?? ''}></parley-avatar>`,
}
export default meta
type Story = StoryObj

export const Initials: Story = {}
export const Picture: Story = { args: { src: PICTURE } }
export const BrokenPicture: Story = { args: { src: '/missing.png' } }
export const Large: Story = { args: { size: 'lg' } }
