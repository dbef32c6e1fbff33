import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import './launcher.js'
import { LAUNCHER_ICONS } from './launcher.component.js'
import { configure } from '../kit/runtime.js'
import { BRANDED_KEY, demoEmbedConfig } from '../kit/test/brand.fixtures.js'

const meta: Meta = {
  title: 'Widgets/Launcher',
  component: 'parley-launcher',
  args: { label: 'Acme help', unread: 0, icon: 'chat', position: 'bottom-right', open: false },
  argTypes: {
    icon: { control: 'select', options: LAUNCHER_ICONS },
    position: { control: 'select', options: ['bottom-right', 'bottom-left'] },
  },
  parameters: { layout: 'fullscreen' },
  render: (args) =>
    html`<parley-launcher
      label=${args.label}
      unread=${args.unread}
      icon=${args.icon}
      position=${args.position}
      ?open=${args.open}
    >
      <div class="demo-panel">
        <p>Any content, or a widget named by the <code>widget</code> attribute.</p>
      </div>
    </parley-launcher>`,
}
export default meta
type Story = StoryObj

export const Closed: Story = {}
export const Unread: Story = { args: { unread: 12 } }
export const Open: Story = { args: { open: true } }
export const BottomLeft: Story = { args: { position: 'bottom-left', icon: 'help' } }

/**
 * No `label`: the title bar shows the tenant's logo and display name from the embed config
 * (canned here, as Storybook has no server).
 */
export const Branded: Story = {
  render: (_, { globals }) => {
    window.fetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input instanceof Request ? input.url : input))
      if (url.pathname === '/v1/embed/config')
        return Response.json(demoEmbedConfig(url.searchParams.get('key')))
      return new Response(null, { status: 404 })
    }) as typeof fetch
    configure({ publishableKey: BRANDED_KEY, apiUrl: location.origin, locale: globals.locale })
    return html`<parley-launcher open>
      <div class="demo-panel">
        <p>Any content, or a widget named by the <code>widget</code> attribute.</p>
      </div>
    </parley-launcher>`
  },
}
