import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { api, realtime, whenConfigured } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import type { ParleyEvent } from '../kit/realtime/realtime.js'
import '../kit/primitives/button.js'
import '../kit/primitives/state.js'
import { uploadFile } from '../kit/shared/upload.js'
import { localStore } from '../kit/shared/local-store.js'
import { CaptureController } from './capture-controller.js'
import { recorderStyles } from './recorder.styles.js'
import './recorder.locales.js'
import './transcript.js'
import { chunksKey, clock, type Recording } from './recorder.types.js'

export { clock } from './recorder.types.js'

interface Me {
  tenant: { id: string }
  workspaceId: string
  member: { role: string }
}

/**
 * Record or upload audio, watch it transcribe, read the timestamped transcript (search it, click
 * a line to hear it, correct it), its summary and action items, and export it. Recording uploads
 * as it goes (five-second chunks), so a closed tab loses at most a few seconds.
 *
 * A shell over a capture controller (microphone, chunks, meter) and `<parley-transcript>`.
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
  @state() private uploadProgress?: number
  @state() private open?: Recording
  #me?: Me
  #capture = new CaptureController(this)
  #subscriptions = new Map<string, () => Promise<void>>()

  connectedCallback() {
    super.connectedCallback()
    void this.#load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
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
    if (this.open?.id === updated.id) this.open = updated
    if (event.type === 'recording.ready' || event.type === 'recording.failed') {
      void this.#subscriptions.get(updated.id)?.()
      this.#subscriptions.delete(updated.id)
    }
  }

  // What the capture controller needs of the recorder.

  /** @internal */
  newTitle() {
    return this.t('recorder.defaultTitle', { date: new Date().toLocaleString(this.locale) })
  }

  /** @internal */
  created(recording: Recording) {
    this.recordings = [recording, ...this.recordings]
  }

  /** @internal */
  completed(id: string) {
    void this.#follow(id)
    this.recordings = this.recordings.map((r) =>
      r.id === id ? { ...r, status: 'queued', progress: 0 } : r
    )
  }

  /** Reports a failure to the host page and shows it. @internal */
  fail(error: unknown) {
    this.#fail(error)
  }

  #record() {
    this.problem = undefined
    void this.#capture.record()
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

  // Transcript ---------------------------------------------------------------------------

  #openRecording(recording: Recording) {
    this.open = recording
    if (recording.status !== 'ready') void this.#follow(recording.id)
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
    const capture = this.#capture
    const phase = capture.state
    return html`<div class="capture">
      ${
        capture.live
          ? html`<div class="live" aria-live="polite">
                <span class="dot ${phase}"></span>
                <span class="elapsed">${clock(capture.elapsed)}</span>
                <meter
                  part="meter"
                  min="0"
                  max="1"
                  .value=${capture.level}
                  aria-label=${this.t('recorder.level')}
                ></meter>
                <span class="saved"
                  >${this.t('recorder.saved', { time: clock(capture.saved * 5) })}</span
                >
              </div>
              <div class="controls">
                <parley-button
                  variant="secondary"
                  ?disabled=${phase === 'saving'}
                  @click=${() => capture.pause()}
                  >${phase === 'paused' ? this.t('recorder.resume') : this.t('recorder.pause')}</parley-button
                >
                <parley-button ?disabled=${phase === 'saving'} @click=${() => capture.stop()}
                  >${phase === 'saving' ? this.t('recorder.saving') : this.t('recorder.stop')}</parley-button
                >
              </div>`
          : html`<div class="controls">
                <parley-button ?disabled=${phase === 'asking'} @click=${() => this.#record()}
                  >${this.t('recorder.record')}</parley-button
                >
                ${
                  capture.devices.length > 1
                    ? html`<select
                        aria-label=${this.t('recorder.device')}
                        @change=${(e: Event) => capture.chooseDevice((e.target as HTMLSelectElement).value)}
                      >
                        ${capture.devices.map((d) => html`<option value=${d.deviceId} ?selected=${d.deviceId === capture.deviceId}>${d.label || d.deviceId}</option>`)}
                      </select>`
                    : nothing
                }
              </div>
              ${phase === 'asking' ? html`<p class="hint">${this.t('recorder.asking')}</p>` : nothing}
              ${phase === 'denied' ? html`<p class="hint" role="alert">${this.t('recorder.denied')}</p>` : nothing}
              ${phase === 'no-device' ? html`<p class="hint" role="alert">${this.t('recorder.noDevice')}</p>` : nothing}
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
    if (r.status === 'uploading' && this.#capture.recordingId !== r.id) {
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
          : html`<parley-transcript
              .recording=${r}
              .locale=${this.locale}
              @transcript-failed=${(e: CustomEvent<unknown>) => this.#fail(e.detail)}
            ></parley-transcript>`
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
