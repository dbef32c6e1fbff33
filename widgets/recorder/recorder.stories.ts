import type { Meta, StoryObj } from '@storybook/web-components-vite'
import { html } from 'lit'
import { configure } from '../kit/runtime.js'
import './recorder.js'
import './player.js'

/** The recorder against a canned API (Storybook has no Parley server). */
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()
const base = {
  mimeType: 'audio/webm',
  status: 'ready',
  progress: 0,
  durationSeconds: null,
  language: null,
  error: null,
  audioUrl: null,
  summary: null,
  actionItems: [],
}
/** Peaks of a spoken-like level strip, for the player. */
const peaks = Array.from({ length: 200 }, (_, i) =>
  Number((Math.abs(Math.sin(i / 5) * Math.cos(i / 23)) * (i % 37 < 4 ? 0.1 : 1)).toFixed(2))
)

const segments = [
  {
    id: 's1',
    start: 0,
    end: 6,
    speaker: 'A',
    text: 'Thanks for joining. Let us start with the launch.',
  },
  {
    id: 's2',
    start: 6,
    end: 14,
    speaker: 'B',
    text: 'Marketing needs the final copy by Wednesday.',
  },
  {
    id: 's3',
    start: 14,
    end: 22,
    speaker: 'A',
    text: 'Then the launch moves to Friday. I will tell support.',
  },
]

/** Twelve seconds of a tone as a WAV object URL: real audio for the player. */
function tone(seconds = 12, rate = 8000) {
  const samples = seconds * rate
  const view = new DataView(new ArrayBuffer(44 + samples * 2))
  const text = (at: number, value: string) =>
    [...value].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)))
  text(0, 'RIFF')
  view.setUint32(4, 36 + samples * 2, true)
  text(8, 'WAVEfmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true)
  view.setUint16(22, 1, true)
  view.setUint32(24, rate, true)
  view.setUint32(28, rate * 2, true)
  view.setUint16(32, 2, true)
  view.setUint16(34, 16, true)
  text(36, 'data')
  view.setUint32(40, samples * 2, true)
  for (let i = 0; i < samples; i++)
    view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 330 * i) / rate) * 9000), true)
  return URL.createObjectURL(new Blob([view.buffer], { type: 'audio/wav' }))
}

function withApi(locale: string) {
  const recordings = [
    {
      ...base,
      id: 'r3',
      title: 'Voice recording',
      status: 'uploaded',
      durationSeconds: 12,
      audioUrl: tone(),
      error: { code: 'PROVIDER_NOT_CONFIGURED', message: 'No provider' },
      createdAt: minutesAgo(2),
    },
    {
      ...base,
      id: 'r2',
      title: 'Customer call, Dora',
      status: 'transcribing',
      progress: 0.45,
      durationSeconds: 1800,
      createdAt: minutesAgo(30),
    },
    {
      ...base,
      id: 'r1',
      title: 'Weekly sync',
      status: 'ready',
      progress: 1,
      durationSeconds: 22,
      audioUrl: tone(22),
      language: 'en',
      summary: 'Launch moves to Friday.',
      actionItems: ['Tell support'],
      createdAt: minutesAgo(26 * 60),
    },
    {
      ...base,
      id: 'r0',
      title: 'Voice note',
      status: 'failed',
      progress: 0.2,
      durationSeconds: 40,
      error: {
        code: 'TRANSCRIPTION_FAILED',
        message: 'The transcription provider refused the API key',
      },
      createdAt: minutesAgo(9 * 24 * 60),
    },
  ]
  window.fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    // Storybook's toolbar theme stays (a 404 leaves the page's theme as it is).
    if (url.pathname === '/v1/theme.css') return new Response('', { status: 404 })
    if (url.pathname === '/v1/me')
      return json({ tenant: { id: 't' }, workspaceId: 'w', member: { role: 'agent' } })
    if (url.pathname === '/v1/recordings')
      return json({
        data: recordings,
        nextCursor: null,
      })
    const one = /^\/v1\/recordings\/(\w+)(\/transcript)?$/.exec(url.pathname)
    const found = recordings.find((r) => r.id === one?.[1])
    if (found && one?.[2]) return json({ recordingId: found.id, segments })
    if (found) return json({ ...found, peaks })
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

/** The player alone: a recording's level strip is its position slider. */
export const Player: Story = {
  render: () =>
    html`<div class="story-frame">
      <parley-recording-player
        .src=${tone()}
        .duration=${12}
        .peaks=${peaks}
      ></parley-recording-player>
    </div>`,
}
