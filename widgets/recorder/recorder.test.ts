import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys, sendMouse } from '@web/test-runner-commands'
import type { ParleyRecordingPlayer } from './player.js'
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
const newRecording = {
  ...ready,
  id: 'r-new',
  title: 'New',
  status: 'uploading',
  progress: 0,
  summary: null,
  actionItems: [],
}
/** A recording whose audio is in, with no provider to transcribe it (the server's answer). */
const uploadedWithoutProvider = (id: string, audioUrl: string | null = null) => ({
  ...newRecording,
  id,
  title: 'Voice recording',
  status: 'uploaded',
  durationSeconds: 12,
  audioUrl,
  error: { code: 'PROVIDER_NOT_CONFIGURED', message: 'No transcription provider is configured' },
})

/** 12 s of a 440 Hz tone as a WAV file: real audio for a real <audio> element. */
function toneWav(seconds = 12, rate = 8000) {
  const samples = seconds * rate
  const view = new DataView(new ArrayBuffer(44 + samples * 2))
  const text = (at: number, value: string) =>
    [...value].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)))
  text(0, 'RIFF')
  view.setUint32(4, 36 + samples * 2, true)
  text(8, 'WAVEfmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, 1, true) // mono
  view.setUint32(24, rate, true)
  view.setUint32(28, rate * 2, true)
  view.setUint16(32, 2, true)
  view.setUint16(34, 16, true)
  text(36, 'data')
  view.setUint32(40, samples * 2, true)
  for (let i = 0; i < samples; i++)
    view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 12_000), true)
  return new Blob([view.buffer], { type: 'audio/wav' })
}

/** What reaches the console as errors and the host page as parley-error while it watches. */
function watchErrors(el: Element) {
  const consoleErrors: unknown[] = []
  const parleyErrors: string[] = []
  const original = console.error
  console.error = (...args: unknown[]) => consoleErrors.push(args)
  const listener = (e: Event) => parleyErrors.push((e as Event & { code: string }).code)
  el.addEventListener('parley-error', listener)
  return {
    stop() {
      console.error = original
      el.removeEventListener('parley-error', listener)
      return { consoleErrors, parleyErrors }
    },
  }
}

const buttons = (root: ShadowRoot) =>
  [...root.querySelectorAll('parley-button')].map((b) => b.textContent!.trim())

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
      const one = /^\/v1\/recordings\/([\w-]+)$/.exec(url.pathname)
      if (one && method === 'GET') {
        const found = (list as { id: string }[]).find((r) => r.id === one[1])
        return found
          ? json(200, { peaks: null, ...found })
          : json(404, { error: { code: 'NOT_FOUND' } })
      }
      if (url.pathname === '/v1/recordings' && method === 'POST') return json(201, newRecording)
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
    completeAnswer = { status: 202, body: { ...newRecording, status: 'queued' } }
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
      root
        .querySelector('.recordings [part~="status"]')
        ?.textContent?.includes('Waiting to transcribe')
    )
  }).timeout(30_000)

  it('records from the microphone chosen in its picker, by keyboard', async () => {
    const devices = navigator.mediaDevices
    const realEnumerate = devices.enumerateDevices
    const realGetUserMedia = devices.getUserMedia
    const asked: MediaStreamConstraints[] = []
    const mic = (deviceId: string, label: string) =>
      ({ deviceId, label, kind: 'audioinput', groupId: deviceId }) as MediaDeviceInfo
    devices.enumerateDevices = async () => [mic('built-in', 'Built-in'), mic('headset', 'Headset')]
    devices.getUserMedia = async (constraints) => {
      asked.push(constraints!)
      return realGetUserMedia.call(devices, { audio: true })
    }
    try {
      const { root } = await render()
      completeAnswer = { status: 202, body: { ...newRecording, status: 'queued' } }
      // The labels are known once the microphone is allowed: after a first recording.
      click(root, 'Record')
      await waitUntil(() => root.querySelector('[part="meter"]'), 'never started', {
        timeout: 5000,
      })
      click(root, 'Stop')
      await waitUntil(() => root.querySelector('parley-select.device'), 'no picker', {
        timeout: 8000,
      })
      const picker = root.querySelector<HTMLElement & { value: string }>('parley-select.device')!
      const trigger = picker.shadowRoot!.querySelector<HTMLElement>('[part~="trigger"]')!
      expect(trigger.textContent).to.contain('Built-in')
      trigger.focus()
      for (const key of ['ArrowDown', 'ArrowDown', 'Enter']) await sendKeys({ press: key })
      expect(picker.value).to.equal('headset')
      click(root, 'Record')
      await waitUntil(() => asked.length === 2, 'the second recording did not ask for a microphone')
      expect(asked[1]).to.deep.equal({ audio: { deviceId: { exact: 'headset' } } })
      await waitUntil(() => root.querySelector('[part="meter"]'), 'never started', {
        timeout: 5000,
      })
      click(root, 'Stop')
      await waitUntil(() => root.querySelector('parley-select.device'), 'no picker after', {
        timeout: 8000,
      })
    } finally {
      devices.enumerateDevices = realEnumerate
      devices.getUserMedia = realGetUserMedia
    }
  }).timeout(30_000)

  it('keeps a recording made without a provider, saying so as a state, not an error', async () => {
    const { el, root } = await render()
    completeAnswer = { status: 202, body: uploadedWithoutProvider('r-new') }
    const errors = watchErrors(el)
    click(root, 'Record')
    await waitUntil(() => root.querySelector('[part="meter"]'), 'never started', { timeout: 5000 })
    click(root, 'Stop')
    await waitUntil(
      () => root.querySelector('.recordings [part~="status"]')?.textContent?.includes('not set up'),
      'no state',
      { timeout: 8000 }
    )
    expect(root.querySelector('.recordings [part~="status"]')!.textContent!.trim()).to.equal(
      'Uploaded — transcription not set up'
    )
    expect(root.querySelector('.problem')).to.equal(null)
    expect(buttons(root).includes('Transcribe')).to.equal(false)
    expect(errors.stop()).to.deep.equal({ consoleErrors: [], parleyErrors: [] })
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

  it('deletes a recording only once confirmed', async () => {
    const { root } = await render()
    root.querySelector<HTMLButtonElement>('.recordings .item')!.click()
    await waitUntil(() => buttons(root).includes('Delete recording'), 'no delete button')
    const asked = async () => {
      await waitUntil(
        () =>
          document.querySelector('parley-confirm-dialog')?.shadowRoot?.querySelector('dialog')
            ?.open,
        'no confirmation asked'
      )
      const dialog = document.querySelector('parley-confirm-dialog')!
      return (name: string) => dialog.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!
    }
    click(root, 'Delete recording')
    let part = await asked()
    expect(part('title').textContent).to.equal('Delete “Weekly sync”?')
    expect(part('confirm').textContent!.trim()).to.equal('Delete')
    // Destructive: focus starts on Cancel, and Escape cancels.
    expect(document.querySelector('parley-confirm-dialog')!.shadowRoot!.activeElement).to.equal(
      part('cancel')
    )
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !document.querySelector('parley-confirm-dialog'), 'the dialog stayed')
    expect(calls.some((c) => c.method === 'DELETE')).to.equal(false)
    click(root, 'Delete recording')
    part = await asked()
    part('confirm').click()
    await waitUntil(() => calls.some((c) => c.method === 'DELETE'), 'not deleted')
    expect(calls.find((c) => c.method === 'DELETE')!.path).to.equal('/v1/recordings/r-ready')
    await waitUntil(
      () => buttons(root).includes('Record') && !root.querySelector('.recordings .item'),
      'not back to an empty list'
    )
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
      { status: 202, body: { ...newRecording, id: 'r-cut', title: 'Cut short', status: 'queued' } }
    )
    try {
      const { root } = await render()
      expect(root.querySelector('.recordings [part~="status"]')!.textContent).to.contain(
        'Upload not finished'
      )
      completeAnswer = { status: 202, body: { ...newRecording, id: 'r-cut', status: 'queued' } }
      click(root, 'Finish upload')
      await waitUntil(
        () => calls.filter((c) => c.path === '/v1/recordings/r-cut/complete').length === 2,
        'no retry'
      )
      const bodies = calls
        .filter((c) => c.path === '/v1/recordings/r-cut/complete')
        .map((c) => c.body)
      expect(bodies).to.deep.equal([{ chunks: 4 }, { chunks: 3 }])
      await waitUntil(() =>
        root
          .querySelector('.recordings [part~="status"]')!
          .textContent!.includes('Waiting to transcribe')
      )
      expect(localStorage.getItem('parley:recording-chunks:r-cut')).to.equal(null)
    } finally {
      list = [ready]
    }
  })

  describe('a recording with no provider', () => {
    let audioUrl: string
    before(() => (audioUrl = URL.createObjectURL(toneWav())))
    after(() => URL.revokeObjectURL(audioUrl))

    async function openUploaded() {
      list = [
        {
          ...uploadedWithoutProvider('r-up', audioUrl),
          createdAt: new Date(Date.now() - 120_000).toISOString(),
        },
      ]
      const { el, root } = await render()
      root.querySelector<HTMLButtonElement>('.recordings .item')!.click()
      await waitUntil(() => root.querySelector('parley-recording-player'), 'no player')
      const player = root.querySelector<ParleyRecordingPlayer>('parley-recording-player')!
      await player.updateComplete
      return { el, root, player, inner: player.shadowRoot! }
    }
    afterEach(() => (list = [ready]))

    it('plays: the real audio element plays it, the time and strip follow', async () => {
      const { el, root, player, inner } = await openUploaded()
      const errors = watchErrors(el)
      expect(root.querySelector('.state [part~="status"]')!.textContent!.trim()).to.equal(
        'Uploaded — transcription not set up'
      )
      expect(buttons(root)).not.to.include('Transcribe')
      // As many bars as fit the strip (one per 4 px), from the recording's strip.
      const strip = inner.querySelector<HTMLElement>('[part="strip"]')!
      await waitUntil(() => {
        const fit = Math.min(200, Math.max(24, Math.floor((strip.clientWidth - 16) / 4)))
        return inner.querySelectorAll('.wave rect').length === fit
      }, 'the bars do not fit the strip')
      const audio = inner.querySelector('audio')!
      expect(audio.src).to.equal(audioUrl)
      // A real press (a user gesture, as browsers want before they play).
      inner.querySelector<HTMLButtonElement>('[part="play"]')!.focus()
      await sendKeys({ press: 'Enter' })
      await waitUntil(() => audio.currentTime > 0.5, 'the audio did not play', { timeout: 5000 })
      expect(audio.paused).to.equal(false)
      expect(inner.querySelector('[part="play"]')!.getAttribute('aria-label')).to.equal('Pause')
      await waitUntil(() =>
        inner.querySelector('[part="time"]')!.textContent!.startsWith('0:01 / 0:12')
      )
      const clip = () => Number(inner.querySelector('clipPath rect')!.getAttribute('width'))
      expect(clip()).to.be.above(0)
      await sendKeys({ press: 'Enter' })
      await waitUntil(() => audio.paused, 'it did not pause')
      expect(player.currentTime).to.be.closeTo(audio.currentTime, 0.1)
      await expect(el).to.be.accessible()
      expect(errors.stop()).to.deep.equal({ consoleErrors: [], parleyErrors: [] })
    }).timeout(20_000)

    it('scrubs by keyboard and by pointer', async () => {
      const { inner, player } = await openUploaded()
      const audio = inner.querySelector('audio')!
      const strip = inner.querySelector<HTMLElement>('[part="strip"]')!
      const now = () => Number(strip.getAttribute('aria-valuenow'))
      expect(strip.getAttribute('role')).to.equal('slider')
      expect(strip.getAttribute('aria-valuemax')).to.equal('12')
      strip.focus()
      await sendKeys({ press: 'ArrowRight' })
      await player.updateComplete
      expect(now()).to.equal(5)
      expect(audio.currentTime).to.be.closeTo(5, 0.05)
      expect(strip.getAttribute('aria-valuetext')).to.equal('0:05 / 0:12')
      await sendKeys({ press: 'ArrowLeft' })
      await player.updateComplete
      expect(now()).to.equal(0)
      await sendKeys({ press: 'End' })
      await player.updateComplete
      expect(now()).to.equal(12)
      await sendKeys({ press: 'PageDown' })
      await player.updateComplete
      expect(now()).to.equal(2)
      await sendKeys({ press: 'Home' })
      await player.updateComplete
      expect(audio.currentTime).to.equal(0)
      // A press three quarters along the strip goes three quarters into the recording.
      const box = strip.getBoundingClientRect()
      const x = box.left + 8 + (box.width - 16) * 0.75
      await sendMouse({
        type: 'click',
        position: [Math.round(x), Math.round(box.top + box.height / 2)],
      })
      await player.updateComplete
      expect(audio.currentTime).to.be.closeTo(9, 0.25)
      expect(now()).to.equal(9)
    }).timeout(20_000)
  })

  it('offers Transcribe for an uploaded recording once a provider exists, also after a reload', async () => {
    list = [{ ...uploadedWithoutProvider('r-later'), error: null }]
    completeAnswer = {
      status: 202,
      body: { ...uploadedWithoutProvider('r-later'), status: 'queued', error: null },
    }
    try {
      const { root } = await render()
      expect(root.querySelector('.recordings [part~="status"]')!.textContent!.trim()).to.equal(
        'Uploaded — not transcribed yet'
      )
      const before = calls.length
      click(root, 'Transcribe')
      await waitUntil(() =>
        root.querySelector('.recordings [part~="status"]')!.textContent!.includes('Waiting')
      )
      const asked = calls.slice(before).find((c) => c.path === '/v1/recordings/r-later/complete')!
      expect(asked.body).to.deep.equal({})
      expect(buttons(root)).not.to.include('Transcribe')
    } finally {
      list = [ready]
    }
  })

  it('shows each date once: how long ago, and the full date on hover', async () => {
    const at = new Date(Date.now() - 5 * 60_000).toISOString()
    list = [{ ...ready, title: 'Voice recording', createdAt: at }]
    try {
      const { root } = await render()
      const row = root.querySelector('.recordings [part="recording"]')!
      const time = row.querySelector('time')!
      expect(time.textContent!.trim()).to.equal('5 minutes ago')
      expect(time.getAttribute('datetime')).to.equal(at)
      expect(time.getAttribute('title')).to.equal(
        new Date(at).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' })
      )
      const year = String(new Date(at).getFullYear())
      expect(row.textContent!.includes(year)).to.equal(false)
      expect(row.textContent).to.contain('1:05')
    } finally {
      list = [ready]
    }
  })
})
