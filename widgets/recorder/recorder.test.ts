import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { configure } from '../kit/runtime.js'
import './recorder.js'
import type { ParleyRecorder } from './recorder.component.js'

const ready = {
  id: 'r-ready',
  title: 'Weekly sync',
  status: 'ready',
  progress: 1,
  durationSeconds: 65,
  language: 'en',
  error: null,
  audioUrl: null,
  summary: 'The team agreed on the launch date.',
  actionItems: ['Send the follow-up'],
  createdAt: new Date().toISOString(),
}
const segments = [
  { id: 's1', start: 0, end: 4, speaker: null, text: 'Good morning everyone' },
  { id: 's2', start: 4, end: 9, speaker: null, text: 'The launch is on <b>Friday</b>' },
  { id: 's3', start: 61, end: 65, speaker: null, text: 'Thanks, bye' },
]

describe('parley-recorder', () => {
  const realFetch = window.fetch
  const calls: { path: string; method: string; body: unknown; size?: number }[] = []
  let completeAnswer: { status: number; body: unknown } = { status: 202, body: {} }
  const completeQueue: { status: number; body: unknown }[] = []
  let list: unknown[] = [ready]

  before(() => {
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input))
      const method = init?.method ?? 'GET'
      const isBlob = init?.body instanceof Blob
      calls.push({
        path: url.pathname,
        method,
        body: init?.body && !isBlob ? JSON.parse(String(init.body)) : undefined,
        size: isBlob ? (init!.body as Blob).size : undefined,
      })
      const json = (status: number, value: unknown) =>
        new Response(JSON.stringify(value), {
          status,
          headers: { 'content-type': 'application/json' },
        })
      if (url.pathname === '/v1/me')
        return json(200, { tenant: { id: 't' }, workspaceId: 'w', member: { role: 'agent' } })
      if (url.pathname === '/v1/recordings' && method === 'GET')
        return json(200, { data: list, nextCursor: null })
      if (url.pathname === '/v1/recordings' && method === 'POST')
        return json(201, {
          ...ready,
          id: 'r-new',
          title: 'New',
          status: 'uploading',
          progress: 0,
          summary: null,
          actionItems: [],
        })
      if (url.pathname.includes('/chunks/')) return new Response(null, { status: 204 })
      if (url.pathname.endsWith('/complete')) {
        const answer = completeQueue.shift() ?? completeAnswer
        return json(answer.status, answer.body)
      }
      if (url.pathname.endsWith('/transcript') && method === 'GET')
        return json(200, {
          recordingId: 'r-ready',
          segments,
          summary: ready.summary,
          actionItems: ready.actionItems,
        })
      if (url.pathname.endsWith('/transcript') && method === 'PATCH') {
        const fixed = (init!.body && JSON.parse(String(init!.body))).segments[0]
        return json(200, {
          segments: segments.map((s) =>
            s.id === fixed.id ? { ...s, text: fixed.text, edited: true } : s
          ),
        })
      }
      if (url.pathname === '/v1/realtime/ticket')
        return json(201, { url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' })
      return new Response(null, { status: 204 })
    }) as typeof fetch
    configure({ publishableKey: 'pk', apiUrl: location.origin, session: async () => 'v1.e30.sig' })
  })
  after(() => (window.fetch = realFetch))

  async function render() {
    const el = await fixture<ParleyRecorder>(html`<parley-recorder></parley-recorder>`)
    await waitUntil(() => el.shadowRoot!.querySelector('.recordings'), 'the list did not load')
    return { el, root: el.shadowRoot! }
  }

  const click = (root: ShadowRoot, text: string) =>
    [...root.querySelectorAll('parley-button')]
      .find((b) => b.textContent!.trim().startsWith(text))!
      .shadowRoot!.querySelector('button')!
      .click()

  it('records from the microphone, sends chunks while recording, and completes the upload', async () => {
    const { el, root } = await render()
    await expect(el).to.be.accessible()
    completeAnswer = { status: 202, body: {} }
    click(root, 'Record')
    await waitUntil(() => root.querySelector('[part="meter"]'), 'never started recording', {
      timeout: 5000,
    })
    expect(calls.find((c) => c.path === '/v1/recordings' && c.method === 'POST')!.body).to.include({
      mimeType: 'audio/webm;codecs=opus',
    })
    await waitUntil(
      () => calls.some((c) => c.path === '/v1/recordings/r-new/chunks/0'),
      'no chunk while recording',
      { timeout: 8000 }
    )
    expect(calls.find((c) => c.path.endsWith('/chunks/0'))!.size).to.be.above(0)
    expect(root.querySelector('.elapsed')!.textContent).to.match(/^0:0[5-9]$/)
    click(root, 'Stop')
    await waitUntil(() => calls.some((c) => c.path.endsWith('/complete')), 'never completed', {
      timeout: 8000,
    })
    const chunks = calls.filter((c) => c.path.includes('/chunks/')).length
    expect(calls.find((c) => c.path.endsWith('/complete'))!.body).to.deep.equal({ chunks })
    await waitUntil(() =>
      root.querySelector('.recordings .status')?.textContent?.includes('Waiting to transcribe')
    )
  }).timeout(30_000)

  it('says plainly when transcription is not set up', async () => {
    const { root } = await render()
    completeAnswer = {
      status: 424,
      body: { error: { code: 'PROVIDER_NOT_CONFIGURED', message: 'No provider' } },
    }
    click(root, 'Record')
    await waitUntil(() => root.querySelector('[part="meter"]'), 'never started', { timeout: 5000 })
    click(root, 'Stop')
    await waitUntil(() => root.querySelector('.problem'), 'no message', { timeout: 8000 })
    expect(root.querySelector('.problem')!.textContent).to.contain('not set up')
  }).timeout(30_000)

  it('shows a transcript with summary, searches it, edits a line, and renders text as text', async () => {
    const { el, root } = await render()
    root.querySelector<HTMLButtonElement>('.recordings .item')!.click()
    await waitUntil(() => root.querySelectorAll('[part~="segment"]').length === 3)
    expect(root.querySelector('.summary')!.textContent).to.contain('launch date')
    expect(root.querySelector('.summary li')!.textContent).to.equal('Send the follow-up')
    expect([...root.querySelectorAll('.time')].map((t) => t.textContent!.trim())).to.deep.equal([
      '0:00',
      '0:04',
      '1:01',
    ])
    expect(root.querySelector('[part~="segment"] b')).to.equal(null)

    const search = root.querySelector<HTMLInputElement>('.tools input')!
    search.value = 'launch'
    search.dispatchEvent(new Event('input'))
    await el.updateComplete
    expect(root.querySelectorAll('[part~="segment"]').length).to.equal(1)
    search.value = ''
    search.dispatchEvent(new Event('input'))
    await el.updateComplete

    root.querySelectorAll<HTMLButtonElement>('.edit')[0].click()
    await el.updateComplete
    const box = root.querySelector<HTMLTextAreaElement>('[part~="segment"] textarea')!
    box.value = 'Good morning, everyone'
    box.dispatchEvent(new Event('blur'))
    await waitUntil(() => calls.some((c) => c.method === 'PATCH'))
    expect(calls.find((c) => c.method === 'PATCH')!.body).to.deep.equal({
      segments: [{ id: 's1', text: 'Good morning, everyone' }],
    })
    await waitUntil(
      () => root.querySelector('[part~="segment"] .text')!.textContent === 'Good morning, everyone'
    )
    await expect(el).to.be.accessible()
  })

  it('finishes a recording cut short (a closed tab) with the chunks the server has', async () => {
    list = [
      {
        ...ready,
        id: 'r-cut',
        title: 'Cut short',
        status: 'uploading',
        progress: 0,
        summary: null,
        actionItems: [],
      },
      ready,
    ]
    localStorage.setItem('parley:recording-chunks:r-cut', '4')
    completeQueue.push(
      {
        status: 422,
        body: {
          error: {
            code: 'VALIDATION_ERROR',
            message: 'invalid',
            details: [{ field: 'chunks', message: 'Chunks missing: 3' }],
          },
        },
      },
      { status: 202, body: {} }
    )
    try {
      const { root } = await render()
      expect(root.querySelector('.recordings .status')!.textContent).to.contain(
        'Not transcribed yet'
      )
      click(root, 'Transcribe')
      await waitUntil(
        () => calls.filter((c) => c.path === '/v1/recordings/r-cut/complete').length === 2,
        'no retry'
      )
      const bodies = calls
        .filter((c) => c.path === '/v1/recordings/r-cut/complete')
        .map((c) => c.body)
      expect(bodies).to.deep.equal([{ chunks: 4 }, { chunks: 3 }])
      await waitUntil(() =>
        root.querySelector('.recordings .status')!.textContent!.includes('Waiting to transcribe')
      )
      expect(localStorage.getItem('parley:recording-chunks:r-cut')).to.equal(null)
    } finally {
      list = [ready]
    }
  })
})
