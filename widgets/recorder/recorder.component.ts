import { html, nothing } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { api, realtime, whenConfigured } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import type { ParleyEvent } from '../kit/realtime/realtime.js'
import '../kit/primitives/button.js'
import '../kit/primitives/state.js'
import { uploadFile } from '../kit/shared/upload.js'
import { localStore } from '../kit/shared/local-store.js'
import { ChunkedRecording, recordingFormat } from './capture.js'
import { recorderStyles } from './recorder.styles.js'
import './recorder.locales.js'

interface Recording {
  id: string
  title: string
  status: 'uploading' | 'queued' | 'transcribing' | 'ready' | 'failed'
  progress: number
  durationSeconds: number | null
  language: string | null
  error: { code: string; message: string } | null
  audioUrl: string | null
  summary: string | null
  actionItems: string[]
  createdAt: string
}

interface Segment {
  id: string
  start: number
  end: number
  speaker: string | null
  text: string
  edited?: boolean
}

interface Me {
  tenant: { id: string }
  workspaceId: string
  member: { role: string }
}

type Capture = 'idle' | 'asking' | 'denied' | 'no-device' | 'recording' | 'paused' | 'saving'

const chunksKey = (id: string) => `parley:recording-chunks:${id}`
/** 75 → "1:15", 3725 → "1:02:05". */
export function clock(seconds: number) {
  const s = Math.max(0, Math.floor(seconds))
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60]
  return hms[0]
    ? `${hms[0]}:${String(hms[1]).padStart(2, '0')}:${String(hms[2]).padStart(2, '0')}`
    : `${hms[1]}:${String(hms[2]).padStart(2, '0')}`
}

/**
 * Record or upload audio, watch it transcribe, read the timestamped transcript (search it, click
 * a line to hear it, correct it), its summary and action items, and export it. Recording uploads
 * as it goes (five-second chunks), so a closed tab loses at most a few seconds.
 *
 * @event parley-error - Something could not be done (`code` is the API's error code).
 * @csspart base - The whole recorder.
 * @csspart meter - The input level while recording.
 * @csspart transcript - The transcript's lines.
 * @csspart segment - One line (also `segment active` while it plays).
 * @cssproperty --parley-recorder-active-segment - Background of the line playing (default: the muted surface).
 * @cssproperty --parley-recorder-time-color - Colour of the lines' times and edit buttons (default: primary).
 */
export class ParleyRecorder extends ParleyElement {
  static styles = [ParleyElement.styles, recorderStyles]

  /** Longest recording, in minutes (the plan's limit). */
  @property({ type: Number, attribute: 'max-minutes' }) maxMinutes = 120
  /** Language of the speech (ISO 639-1); default: detected. */
  @property() language?: string

  @state() private recordings: Recording[] = []
  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading'
  @state() private problem?: string
  @state() private capture: Capture = 'idle'
  @state() private devices: MediaDeviceInfo[] = []
  @state() private deviceId = ''
  @state() private elapsed = 0
  @state() private level = 0
  @state() private saved = 0
  @state() private uploadProgress?: number
  @state() private open?: Recording
  @state() private segments: Segment[] = []
  @state() private search = ''
  @state() private playing?: string
  @state() private editing?: string

  @query('audio') private player?: HTMLAudioElement

  #me?: Me
  #session?: ChunkedRecording
  #ticker?: ReturnType<typeof setInterval>
  #meterFrame?: number
  #audioContext?: AudioContext
  #subscriptions = new Map<string, () => Promise<void>>()

  connectedCallback() {
    super.connectedCallback()
    void this.#load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#stopMeter()
    clearInterval(this.#ticker)
    for (const unsubscribe of this.#subscriptions.values()) void unsubscribe()
  }

  async #load() {
    this.loadState = 'loading'
    try {
      await whenConfigured()
      this.#me = await api().request<Me>('/v1/me')
      const page = await api().request<{ data: Recording[] }>('/v1/recordings', {
        query: { limit: 50 },
      })
      this.recordings = page.data
      for (const r of page.data)
        if (r.status === 'queued' || r.status === 'transcribing') void this.#follow(r.id)
      this.loadState = 'ready'
    } catch (error) {
      this.#fail(error)
      this.loadState = 'error'
    }
  }

  #fail(error: unknown) {
    const text = this.reportError(error)
    const e = describeError(error)
    this.problem =
      e.code === 'PROVIDER_NOT_CONFIGURED'
        ? this.t('recorder.noProvider')
        : e.code === 'QUOTA_EXCEEDED' || e.code === 'VALIDATION_ERROR'
          ? (e.details[0]?.message ?? e.message)
          : this.errorText(e.code) !== undefined
            ? text
            : e.message || this.t('error.UNKNOWN')
  }

  /** Live progress of one recording, until it is ready or failed. */
  async #follow(id: string) {
    if (this.#subscriptions.has(id) || !this.#me) return
    const channel = `tenants/${this.#me.tenant.id}/workspaces/${this.#me.workspaceId}/recordings/${id}`
    const client = await realtime()
    const unsubscribe = await client.subscribe(channel, (event) => this.#onEvent(event))
    this.#subscriptions.set(id, unsubscribe)
  }

  #onEvent(event: ParleyEvent) {
    const updated = event.data as Recording
    this.recordings = this.recordings.map((r) => (r.id === updated.id ? updated : r))
    if (this.open?.id === updated.id) {
      this.open = updated
      if (updated.status === 'ready') void this.#loadTranscript(updated)
    }
    if (event.type === 'recording.ready' || event.type === 'recording.failed') {
      void this.#subscriptions.get(updated.id)?.()
      this.#subscriptions.delete(updated.id)
    }
  }

  // Recording ------------------------------------------------------------------------------

  async #record() {
    this.problem = undefined
    if (!navigator.mediaDevices?.getUserMedia) {
      this.capture = 'no-device'
      return
    }
    this.capture = 'asking'
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: this.deviceId ? { deviceId: { exact: this.deviceId } } : true,
      })
    } catch (error) {
      const name = (error as DOMException).name
      this.capture =
        name === 'NotFoundError' || name === 'OverconstrainedError' ? 'no-device' : 'denied'
      return
    }
    // Labels are only known once permission is given.
    const all = await navigator.mediaDevices.enumerateDevices()
    this.devices = all.filter((d) => d.kind === 'audioinput')
    const mimeType = recordingFormat()
    try {
      const created = await api().request<Recording>('/v1/recordings', {
        method: 'POST',
        body: {
          title: this.t('recorder.defaultTitle', { date: new Date().toLocaleString(this.locale) }),
          mimeType: mimeType || 'audio/webm',
          ...(this.language ? { language: this.language } : {}),
        },
      })
      this.recordings = [created, ...this.recordings]
      this.#session = new ChunkedRecording(api(), created.id, stream, mimeType)
      const id = created.id
      this.#session.addEventListener('chunk', () => {
        this.saved = this.#session?.acknowledged ?? 0
        // Remembered so that a recording cut short (a closed tab) can still be transcribed.
        localStore.set(chunksKey(id), String(this.saved))
      })
      this.#session.start()
    } catch (error) {
      for (const track of stream.getTracks()) track.stop()
      this.capture = 'idle'
      this.#fail(error)
      return
    }
    this.capture = 'recording'
    this.elapsed = 0
    this.saved = 0
    this.#startMeter(stream)
    this.#ticker = setInterval(() => {
      if (this.capture !== 'recording') return
      this.elapsed += 1
      if (this.elapsed >= this.maxMinutes * 60) void this.#stop()
    }, 1000)
  }

  #startMeter(stream: MediaStream) {
    this.#audioContext = new AudioContext()
    const analyser = this.#audioContext.createAnalyser()
    analyser.fftSize = 1024
    this.#audioContext.createMediaStreamSource(stream).connect(analyser)
    const samples = new Float32Array(analyser.fftSize)
    const tick = () => {
      analyser.getFloatTimeDomainData(samples)
      let peak = 0
      for (const s of samples) peak = Math.max(peak, Math.abs(s))
      this.level = Math.min(1, peak * 1.5)
      this.#meterFrame = requestAnimationFrame(tick)
    }
    tick()
  }

  #stopMeter() {
    if (this.#meterFrame) cancelAnimationFrame(this.#meterFrame)
    void this.#audioContext?.close().catch(() => {})
    this.#audioContext = undefined
    this.level = 0
  }

  #pause() {
    if (this.capture === 'recording') {
      this.#session?.pause()
      this.capture = 'paused'
    } else if (this.capture === 'paused') {
      this.#session?.resume()
      this.capture = 'recording'
    }
  }

  async #stop() {
    const session = this.#session
    if (!session) return
    clearInterval(this.#ticker)
    this.#stopMeter()
    this.capture = 'saving'
    try {
      await session.stop()
      localStore.remove(chunksKey(session.recordingId))
      void this.#follow(session.recordingId)
      this.recordings = this.recordings.map((r) =>
        r.id === session.recordingId ? { ...r, status: 'queued', progress: 0 } : r
      )
    } catch (error) {
      this.#fail(error)
    } finally {
      this.#session = undefined
      this.capture = 'idle'
    }
  }

  /** Completes a recording whose upload was cut short, with the chunks the server has. */
  async #resume(recording: Recording) {
    let chunks = Number(localStore.get(chunksKey(recording.id)) ?? 0)
    this.problem = undefined
    for (let attempt = 0; attempt < 2 && chunks > 0; attempt++) {
      try {
        await api().request(`/v1/recordings/${recording.id}/complete`, {
          method: 'POST',
          body: { chunks },
        })
        localStore.remove(chunksKey(recording.id))
        this.recordings = this.recordings.map((r) =>
          r.id === recording.id ? { ...r, status: 'queued', progress: 0 } : r
        )
        void this.#follow(recording.id)
        return
      } catch (error) {
        // The server names the first chunk it lacks: everything before it is the recording.
        const missing = /Chunks missing: (\d+)/.exec(describeError(error).details[0]?.message ?? '')
        if (missing && attempt === 0) chunks = Number(missing[1])
        else return this.#fail(error)
      }
    }
  }

  // Upload ---------------------------------------------------------------------------------

  async #upload(files: Iterable<File>) {
    const [file] = [...files]
    if (!file) return
    this.problem = undefined
    this.uploadProgress = 0
    try {
      const created = (await uploadFile(
        api(),
        '/v1/recordings/upload',
        file,
        (p) => (this.uploadProgress = p)
      )) as unknown as Recording
      this.recordings = [created, ...this.recordings]
      void this.#follow(created.id)
    } catch (error) {
      this.#fail(error)
    } finally {
      this.uploadProgress = undefined
    }
  }

  // Transcript -----------------------------------------------------------------------------

  async #openRecording(recording: Recording) {
    this.open = recording
    this.segments = []
    this.search = ''
    if (recording.status === 'ready') await this.#loadTranscript(recording)
    else void this.#follow(recording.id)
  }

  async #loadTranscript(recording: Recording) {
    try {
      const transcript = await api().request<{ segments: Segment[] }>(
        `/v1/recordings/${recording.id}/transcript`
      )
      this.segments = transcript.segments
    } catch (error) {
      this.#fail(error)
    }
  }

  #seek(segment: Segment) {
    if (!this.player) return
    this.player.currentTime = segment.start
    void this.player.play().catch(() => {})
  }

  #onTime() {
    const t = this.player?.currentTime ?? 0
    this.playing = this.segments.find((s) => t >= s.start && t < s.end)?.id
  }

  async #saveSegment(segment: Segment, text: string) {
    this.editing = undefined
    if (!text.trim() || text === segment.text || !this.open) return
    try {
      const saved = await api().request<{ segments: Segment[] }>(
        `/v1/recordings/${this.open.id}/transcript`,
        {
          method: 'PATCH',
          body: { segments: [{ id: segment.id, text }] },
        }
      )
      this.segments = saved.segments
    } catch (error) {
      this.#fail(error)
    }
  }

  async #export(format: 'txt' | 'srt' | 'vtt' | 'json') {
    if (!this.open) return
    try {
      const token = await api().token()
      const response = await fetch(
        new URL(`/v1/recordings/${this.open.id}/transcript?format=${format}`, api().baseUrl),
        {
          headers: { Authorization: `Bearer ${token}` },
        }
      )
      if (!response.ok) throw Object.assign(new Error(response.statusText), { code: 'UNKNOWN' })
      const link = document.createElement('a')
      link.href = URL.createObjectURL(await response.blob())
      link.download = `${this.open.title.replace(/[^\w.-]+/g, '_')}.${format}`
      link.click()
      setTimeout(() => URL.revokeObjectURL(link.href), 1000)
    } catch (error) {
      this.#fail(error)
    }
  }

  async #delete(recording: Recording) {
    try {
      await api().request(`/v1/recordings/${recording.id}`, { method: 'DELETE' })
      this.recordings = this.recordings.filter((r) => r.id !== recording.id)
      this.open = undefined
    } catch (error) {
      this.#fail(error)
    }
  }

  // Rendering ------------------------------------------------------------------------------

  render() {
    if (this.loadState === 'loading') return html`<parley-state kind="loading"></parley-state>`
    if (this.loadState === 'error')
      return html`<parley-state
        kind="error"
        message=${this.problem ?? ''}
        @parley-retry-requested=${() => this.#load()}
      ></parley-state>`
    return html`<section part="base">
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${this.open ? this.#renderDetail(this.open) : html`${this.#renderCapture()} ${this.#renderList()}`}
    </section>`
  }

  #renderCapture() {
    const live =
      this.capture === 'recording' || this.capture === 'paused' || this.capture === 'saving'
    return html`<div class="capture">
      ${
        live
          ? html`<div class="live" aria-live="polite">
                <span class="dot ${this.capture}"></span>
                <span class="elapsed">${clock(this.elapsed)}</span>
                <meter
                  part="meter"
                  min="0"
                  max="1"
                  .value=${this.level}
                  aria-label=${this.t('recorder.level')}
                ></meter>
                <span class="saved"
                  >${this.t('recorder.saved', { time: clock(this.saved * 5) })}</span
                >
              </div>
              <div class="controls">
                <parley-button
                  variant="secondary"
                  ?disabled=${this.capture === 'saving'}
                  @click=${() => this.#pause()}
                  >${this.capture === 'paused' ? this.t('recorder.resume') : this.t('recorder.pause')}</parley-button
                >
                <parley-button ?disabled=${this.capture === 'saving'} @click=${() => this.#stop()}
                  >${this.capture === 'saving' ? this.t('recorder.saving') : this.t('recorder.stop')}</parley-button
                >
              </div>`
          : html`<div class="controls">
                <parley-button ?disabled=${this.capture === 'asking'} @click=${() => this.#record()}
                  >${this.t('recorder.record')}</parley-button
                >
                ${
                  this.devices.length > 1
                    ? html`<select
                        aria-label=${this.t('recorder.device')}
                        @change=${(e: Event) => (this.deviceId = (e.target as HTMLSelectElement).value)}
                      >
                        ${this.devices.map((d) => html`<option value=${d.deviceId} ?selected=${d.deviceId === this.deviceId}>${d.label || d.deviceId}</option>`)}
                      </select>`
                    : nothing
                }
              </div>
              ${this.capture === 'asking' ? html`<p class="hint">${this.t('recorder.asking')}</p>` : nothing}
              ${this.capture === 'denied' ? html`<p class="hint" role="alert">${this.t('recorder.denied')}</p>` : nothing}
              ${this.capture === 'no-device' ? html`<p class="hint" role="alert">${this.t('recorder.noDevice')}</p>` : nothing}
              <label
                class="drop"
                @dragover=${(e: DragEvent) => e.preventDefault()}
                @drop=${(e: DragEvent) => (e.preventDefault(), this.#upload(e.dataTransfer?.files ?? []))}
              >
                <input
                  type="file"
                  accept="audio/*,video/*"
                  @change=${(e: Event) => this.#upload((e.target as HTMLInputElement).files ?? [])}
                />
                ${
                  this.uploadProgress === undefined
                    ? this.t('recorder.drop')
                    : html`${this.t('recorder.uploading')}
                        <progress max="1" .value=${this.uploadProgress}></progress>`
                }
              </label>`
      }
    </div>`
  }

  #renderStatus(r: Recording) {
    if (r.status === 'ready')
      return html`<span class="status ready">${clock(r.durationSeconds ?? 0)}</span>`
    if (r.status === 'failed')
      return html`<span class="status failed"
        >${r.error?.message ?? this.t('recorder.failed')}</span
      >`
    if (r.status === 'uploading' && this.#session?.recordingId !== r.id) {
      return html`<span class="status"
        >${this.t('recorder.notTranscribed')}
        ${
          localStore.get(chunksKey(r.id))
            ? html`<parley-button
                size="sm"
                variant="secondary"
                @click=${(e: Event) => (e.stopPropagation(), this.#resume(r))}
                >${this.t('recorder.transcribe')}</parley-button
              >`
            : nothing
        }</span
      >`
    }
    return html`<span class="status"
      >${this.t(`recorder.status.${r.status}`)}
      <progress max="1" .value=${r.progress} aria-label=${this.t('recorder.progress')}></progress
    ></span>`
  }

  #renderList() {
    if (!this.recordings.length) return html`<p class="hint">${this.t('recorder.empty')}</p>`
    return html`<ul class="recordings" aria-label=${this.t('recorder.recordings')}>
      ${repeat(
        this.recordings,
        (r) => r.id,
        (r) =>
          html`<li>
            <button class="item" @click=${() => this.#openRecording(r)}>
              <span class="title">${r.title}</span>
              <span class="when"
                >${new Date(r.createdAt).toLocaleString(this.locale, { dateStyle: 'medium', timeStyle: 'short' })}</span
              >
              ${this.#renderStatus(r)}
            </button>
          </li>`
      )}
    </ul>`
  }

  #renderDetail(r: Recording) {
    const needle = this.search.trim().toLowerCase()
    const shown = needle
      ? this.segments.filter((s) => s.text.toLowerCase().includes(needle))
      : this.segments
    return html`<header class="detail-head">
        <parley-button
          variant="ghost"
          size="sm"
          label=${this.t('recorder.back')}
          @click=${() => (this.open = undefined)}
          >←</parley-button
        >
        <h2>${r.title}</h2>
      </header>
      ${
        r.status !== 'ready'
          ? html`<p>${this.#renderStatus(r)}</p>`
          : html`${r.audioUrl ? html`<audio controls preload="metadata" src=${r.audioUrl} @timeupdate=${() => this.#onTime()}></audio>` : nothing}
              ${
                r.summary
                  ? html`<section class="summary" aria-label=${this.t('recorder.summary')}>
                      <h3>${this.t('recorder.summary')}</h3>
                      <p>${r.summary}</p>
                      ${
                        r.actionItems.length
                          ? html`<h3>${this.t('recorder.actions')}</h3>
                              <ul>
                                ${r.actionItems.map((a) => html`<li>${a}</li>`)}
                              </ul>`
                          : nothing
                      }
                    </section>`
                  : nothing
              }
              <div class="tools">
                <input
                  type="search"
                  aria-label=${this.t('recorder.search')}
                  placeholder=${this.t('recorder.search')}
                  .value=${this.search}
                  @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
                />
                ${(['txt', 'srt', 'vtt', 'json'] as const).map(
                  (f) =>
                    html`<parley-button
                      variant="secondary"
                      size="sm"
                      @click=${() => this.#export(f)}
                      >${f.toUpperCase()}</parley-button
                    >`
                )}
              </div>
              <ol part="transcript">
                ${repeat(
                  shown,
                  (s) => s.id,
                  (s) =>
                    html`<li
                      part="segment ${s.id === this.playing ? 'active' : ''}"
                      class=${s.id === this.playing ? 'active' : ''}
                    >
                      <button
                        class="time"
                        @click=${() => this.#seek(s)}
                        aria-label=${this.t('recorder.playFrom', { time: clock(s.start) })}
                      >
                        ${clock(s.start)}
                      </button>
                      ${
                        this.editing === s.id
                          ? html`<textarea
                              aria-label=${this.t('recorder.edit')}
                              .value=${s.text}
                              @blur=${(e: Event) => this.#saveSegment(s, (e.target as HTMLTextAreaElement).value)}
                              @keydown=${(e: KeyboardEvent) => {
                                if (e.key === 'Enter' && !e.shiftKey)
                                  (e.preventDefault(), (e.target as HTMLTextAreaElement).blur())
                                if (e.key === 'Escape') this.editing = undefined
                              }}
                            ></textarea>`
                          : html`<span class="text" @dblclick=${() => (this.editing = s.id)}
                                >${s.speaker ? html`<strong>${s.speaker}:</strong> ` : nothing}${s.text}</span
                              >
                              <button
                                class="edit"
                                aria-label=${this.t('recorder.edit')}
                                @click=${() => (this.editing = s.id)}
                              >
                                ✎
                              </button>`
                      }
                    </li>`
                )}
              </ol>`
      }
      ${
        this.#me?.member.role !== 'viewer'
          ? html`<parley-button
              class="delete"
              variant="ghost"
              size="sm"
              @click=${() => this.#delete(r)}
              >${this.t('recorder.delete')}</parley-button
            >`
          : nothing
      }`
  }
}
