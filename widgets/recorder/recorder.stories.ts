import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { configure } from '../kit/runtime.js'
import './recorder.js'

/** The recorder against a canned API (Storybook has no Parley server). */
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

function withApi(locale: string) {
  window.fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    if (url.pathname === '/v1/me')
      return json({ tenant: { id: 't' }, workspaceId: 'w', member: { role: 'agent' } })
    if (url.pathname === '/v1/recordings')
      return json({
        data: [
          {
            id: 'r2',
            title: 'Customer call, Dora',
            status: 'transcribing',
            progress: 0.45,
            durationSeconds: 1800,
            language: null,
            error: null,
            audioUrl: null,
            summary: null,
            actionItems: [],
            createdAt: minutesAgo(3),
          },
          {
            id: 'r1',
            title: 'Weekly sync',
            status: 'ready',
            progress: 1,
            durationSeconds: 2710,
            language: 'en',
            error: null,
            audioUrl: null,
            summary: 'Launch moves to Friday.',
            actionItems: ['Tell support'],
            createdAt: minutesAgo(90),
          },
          {
            id: 'r0',
            title: 'Voice note',
            status: 'failed',
            progress: 0.2,
            durationSeconds: 40,
            language: null,
            error: {
              code: 'TRANSCRIPTION_FAILED',
              message: 'The transcription provider refused the API key',
            },
            audioUrl: null,
            summary: null,
            actionItems: [],
            createdAt: minutesAgo(600),
          },
        ],
        nextCursor: null,
      })
    if (url.pathname === '/v1/realtime/ticket')
      return json({ url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' }, 201)
    return new Response(null, { status: 204 })
  }) as typeof fetch
  configure({
    publishableKey: 'pk_storybook',
    apiUrl: location.origin,
    locale,
    session: async () => 'v1.e30.sig',
  })
}

const meta: Meta = {
  title: 'Widgets/Recorder',
  component: 'parley-recorder',
  parameters: { layout: 'padded' },
}
export default meta
type Story = StoryObj

export const Recordings: Story = {
  render: (_, { globals }) => {
    withApi(globals.locale)
    return html`<div class="story-frame"><parley-recorder></parley-recorder></div>`
  },
}
