import { html, nothing, svg } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { api, realtime, whenConfigured } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import { localeFor } from '../kit/localize.js'
import type { ParleyEvent } from '../kit/realtime/realtime.js'
import '../kit/primitives/button.js'
import '../kit/primitives/state.js'
import '../kit/controls/select.js'
import { confirm } from '../kit/controls/confirm-dialog.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import { uploadFile } from '../kit/shared/upload.js'
import { localStore } from '../kit/shared/local-store.js'
import { CaptureController } from './capture-controller.js'
import { recorderStyles } from './recorder.styles.js'
import './recorder.locales.js'
import './player.js'
import type { ParleyRecordingPlayer } from './player.js'
import './transcript.js'
import {
  absoluteTime,
  chunksKey,
  clock,
  phaseOf,
  relativeTime,
  type Phase,
  type Recording,
} from './recorder.types.js'

export { clock } from './recorder.types.js'

interface Me {
  tenant: { id: string }
  workspaceId: string
  member: { role: string }
}

/** A recording's mark in the list: a few bars of sound. */
const WAVE_GLYPH = svg`<svg viewBox="0 0 24 24"><path d="M4 10v4M8 7v10M12 4v16M16 8v8M20 11v2" /></svg>`

/** States whose recording changes by itself (followed live). */
const MOVING: Recording['status'][] = ['queued', 'transcribing']

/**
 * Record or upload audio, play it as soon as it is in (whatever the transcription provider), watch
 * it transcribe, read the timestamped transcript (search it, click a line to hear it, correct
 * it), its summary and action items, and export it. Recording uploads as it goes (five-second
 * chunks), so a closed tab loses at most a few seconds. Without a provider a recording is kept
 * and playable, says so, and offers Transcribe once one is set.
 *
 * A shell over a capture controller (microphone, chunks, meter), `<parley-recording-player>` and
 * `<parley-transcript>`.
 *
 * @event parley-error - Something could not be done (`code` is the API's error code).
 * @csspart base - The whole recorder.
 * @csspart meter - The input level while recording.
 * @csspart recording - One recording in the list.
 * @csspart status - A recording's state.
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
  /** The recording whose transcription is being asked for. */
  @state() private asking?: string
  @state() private playhead = 0

  @query('parley-recording-player') private player?: ParleyRecordingPlayer

  #me?: Me
  #capture = new CaptureController(this)
  #subscriptions = new Map<string, Promise<() => Promise<void>>>()
  #clock?: ReturnType<typeof setInterval>

  connectedCallback() {
    super.connectedCallback()
    void this.#load()
    // "5 minutes ago" moves on.
    this.#clock = setInterval(() => this.requestUpdate(), 60_000)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearInterval(this.#clock)
    for (const id of [...this.#subscriptions.keys()]) this.#unfollow(id)
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
      for (const r of page.data) if (MOVING.includes(r.status)) this.#follow(r.id)
      this.loadState = 'ready'
    } catch (error) {
      this.#fail(error)
      this.loadState = 'error'
    }
  }

  /** Tells the host page (`parley-error`) and shows the problem in words. */
  #fail(error: unknown) {
    const text = this.reportError(error)
    const e = describeError(error)
    this.problem =
      e.code === 'PROVIDER_NOT_CONFIGURED'
        ? this.t('recorder.noProvider')
        : e.code === 'QUOTA_EXCEEDED'
          ? this.t('recorder.noMinutes')
          : e.code === 'VALIDATION_ERROR'
            ? (e.details[0]?.message ?? e.message)
            : this.errorText(e.code) !== undefined
              ? text
              : e.message || this.t('error.UNKNOWN')
  }

  /** The server's newer copy of a recording, everywhere it shows (keeping a strip it omits). */
  #replace(updated: Recording) {
    const merge = (old: Recording) => ({ ...old, ...updated, peaks: updated.peaks ?? old.peaks })
    const known = this.recordings.some((r) => r.id === updated.id)
    this.recordings = known
      ? this.recordings.map((r) => (r.id === updated.id ? merge(r) : r))
      : [updated, ...this.recordings]
    if (this.open?.id === updated.id) this.open = merge(this.open)
    if (!this.#moving(updated.id)) this.#unfollow(updated.id)
  }

  /** Whether a recording may still change by itself: transcribing, or its strip not yet there. */
  #moving(id: string) {
    const r = this.recordings.find((x) => x.id === id)
    if (r && MOVING.includes(r.status)) return true
    return this.open?.id === id && Boolean(this.open.audioUrl) && !this.open.peaks
  }

  /** Live changes of one recording, until it stops changing. */
  #follow(id: string) {
    if (this.#subscriptions.has(id) || !this.#me) return
    const channel = `tenants/${this.#me.tenant.id}/workspaces/${this.#me.workspaceId}/recordings/${id}`
    const subscription = realtime().then((client) =>
      client.subscribe(channel, (event) => this.#onEvent(event))
    )
    subscription.catch(() => this.#subscriptions.delete(id))
    this.#subscriptions.set(id, subscription)
  }

  #unfollow(id: string) {
    const subscription = this.#subscriptions.get(id)
    this.#subscriptions.delete(id)
    void subscription?.then((unsubscribe) => unsubscribe()).catch(() => {})
  }

  #onEvent(event: ParleyEvent) {
    this.#replace(event.data as Recording)
  }

  // What the capture controller needs of the recorder.

  /** @internal */
  newTitle() {
    return this.t('recorder.defaultTitle')
  }

  /** @internal */
  created(recording: Recording) {
    this.recordings = [recording, ...this.recordings]
  }

  /** @internal */
  completed(recording: Recording) {
    this.#replace(recording)
    if (MOVING.includes(recording.status)) this.#follow(recording.id)
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
  async #finish(recording: Recording) {
    let chunks = Number(localStore.get(chunksKey(recording.id)) ?? 0)
    this.problem = undefined
    for (let attempt = 0; attempt < 2 && chunks > 0; attempt++) {
      try {
        const done = await api().request<Recording>(`/v1/recordings/${recording.id}/complete`, {
          method: 'POST',
          body: { chunks },
        })
        localStore.remove(chunksKey(recording.id))
        this.completed(done)
        return
      } catch (error) {
        // The server names the first chunk it lacks: everything before it is the recording.
        const missing = /Chunks missing: (\d+)/.exec(describeError(error).details[0]?.message ?? '')
        if (missing && attempt === 0) chunks = Number(missing[1])
        else return this.#fail(error)
      }
    }
  }

  /** Asks for the transcription of a recording kept `uploaded`. */
  async #transcribe(recording: Recording) {
    this.problem = undefined
    this.asking = recording.id
    try {
      this.completed(
        await api().request<Recording>(`/v1/recordings/${recording.id}/complete`, {
          method: 'POST',
          body: {},
        })
      )
    } catch (error) {
      this.#fail(error)
    } finally {
      this.asking = undefined
    }
  }

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
      this.completed(created)
    } catch (error) {
      this.#fail(error)
    } finally {
      this.uploadProgress = undefined
    }
  }

  /** Shows one recording, with its level strip and a fresh audio link. */
  async #openRecording(recording: Recording) {
    this.open = recording
    this.playhead = 0
    try {
      this.#replace(await api().request<Recording>(`/v1/recordings/${recording.id}`))
      if (this.#moving(recording.id)) this.#follow(recording.id)
    } catch (error) {
      this.#fail(error)
    }
  }

  #close() {
    const id = this.open?.id
    this.open = undefined
    if (id && !this.#moving(id)) this.#unfollow(id)
  }

  /** Asked first: a deleted recording cannot be brought back. */
  async #delete(recording: Recording) {
    const sure = await confirm({
      title: this.t('recorder.deleteTitle', { title: recording.title }),
      message: this.t('recorder.deleteBody'),
      confirmLabel: this.t('recorder.deleteConfirm'),
      danger: true,
      from: this,
    })
    if (!sure) return
    try {
      await api().request(`/v1/recordings/${recording.id}`, { method: 'DELETE' })
      this.recordings = this.recordings.filter((r) => r.id !== recording.id)
      this.#unfollow(recording.id)
      this.open = undefined
    } catch (error) {
      this.#fail(error)
    }
  }

  #seek(seconds: number) {
    this.player?.seek(seconds)
    void this.player?.play()
  }

  // Rendering ------------------------------------------------------------------------------

  render() {
    if (this.loadState === 'loading')
      return html`<section part="base"><parley-state kind="loading"></parley-state></section>`
    if (this.loadState === 'error')
      return html`<section part="base">
        <parley-state
          kind="error"
          message=${this.problem ?? ''}
          @parley-retry-requested=${() => this.#load()}
        ></parley-state>
      </section>`
    return html`<section part="base">
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${this.open ? this.#renderDetail(this.open) : html`${this.#renderCapture()} ${this.#renderList()}`}
    </section>`
  }

  #renderCapture() {
    const capture = this.#capture
    const phase = capture.state
    if (capture.live)
      return html`<div class="capture live-capture">
        <div class="live" aria-live="polite">
          <span class="dot ${phase}"></span>
          <span class="elapsed">${clock(capture.elapsed)}</span>
          <meter
            part="meter"
            min="0"
            max="1"
            .value=${capture.level}
            aria-label=${this.t('recorder.level')}
          ></meter>
          <span class="saved">${this.t('recorder.saved', { time: clock(capture.saved * 5) })}</span>
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
        </div>
      </div>`
    return html`<div class="capture">
      <div class="controls">
        <parley-button ?disabled=${phase === 'asking'} @click=${() => this.#record()}
          ><span slot="icon" class="record-dot"></span>${this.t('recorder.record')}</parley-button
        >
        ${
          capture.devices.length > 1
            ? html`<parley-select
                class="device"
                label=${this.t('recorder.device')}
                hide-label
                .value=${capture.deviceId || capture.devices[0].deviceId}
                .options=${capture.devices.map((d) => ({
                  value: d.deviceId,
                  label: d.label || d.deviceId,
                }))}
                @change=${(e: SelectChangeEvent) => capture.chooseDevice(e.detail.value)}
              ></parley-select>`
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
      </label>
    </div>`
  }

  /** When a recording was made, once: relative, the full date on hover. */
  #when(r: Recording) {
    const locale = localeFor(this)
    return html`<time datetime=${r.createdAt} title=${absoluteTime(r.createdAt, locale)}
        >${relativeTime(r.createdAt, locale)}</time
      >${r.durationSeconds ? html` · <span class="length">${clock(r.durationSeconds)}</span>` : nothing}`
  }

  #phase(r: Recording): Phase {
    return phaseOf(r, this.#capture.recordingId)
  }

  #renderStatus(r: Recording) {
    const phase = this.#phase(r)
    if (phase === 'transcribing') {
      const percent = Math.round(r.progress * 100)
      return html`<span part="status" class="status moving"
        ><span class="label">${this.t('recorder.status.transcribing', { percent })}</span>
        <progress max="1" .value=${r.progress} aria-label=${this.t('recorder.progress')}></progress
      ></span>`
    }
    return html`<span part="status" class="status ${phase}"
      ><span class="label">${this.t(`recorder.status.${phase}`)}</span></span
    >`
  }

  /** What can be done next with a recording: finish its upload, or transcribe it. */
  #renderAction(r: Recording) {
    const phase = this.#phase(r)
    if (phase === 'unfinished' && localStore.get(chunksKey(r.id)))
      return html`<parley-button size="sm" variant="secondary" @click=${() => this.#finish(r)}
        >${this.t('recorder.finish')}</parley-button
      >`
    if (phase === 'uploaded' || phase === 'noMinutes')
      return html`<parley-button
        size="sm"
        ?disabled=${this.asking === r.id}
        @click=${() => this.#transcribe(r)}
        >${this.t('recorder.transcribe')}</parley-button
      >`
    return nothing
  }

  #renderList() {
    if (!this.recordings.length) return html`<p class="empty">${this.t('recorder.empty')}</p>`
    return html`<ul class="recordings" aria-label=${this.t('recorder.recordings')}>
      ${repeat(
        this.recordings,
        (r) => r.id,
        (r) =>
          html`<li part="recording">
            <button class="item" @click=${() => this.#openRecording(r)}>
              <span class="glyph" aria-hidden="true">${WAVE_GLYPH}</span>
              <span class="title">${r.title}</span>
              <span class="meta">${this.#when(r)}</span>
              ${this.#renderStatus(r)}
            </button>
            ${this.#renderAction(r)}
          </li>`
      )}
    </ul>`
  }

  #renderDetail(r: Recording) {
    const phase = this.#phase(r)
    return html`<header class="detail-head">
        <parley-button
          variant="ghost"
          size="sm"
          label=${this.t('recorder.back')}
          @click=${() => this.#close()}
          >←</parley-button
        >
        <div class="heading">
          <h2>${r.title}</h2>
          <p class="meta">${this.#when(r)}</p>
        </div>
      </header>
      ${
        phase !== 'ready'
          ? html`<div class="state">${this.#renderStatus(r)} ${this.#renderAction(r)}</div>`
          : nothing
      }
      ${phase === 'noProvider' ? html`<p class="hint">${this.t('recorder.noProviderHint')}</p>` : nothing}
      ${phase === 'failed' && r.error ? html`<p class="hint">${r.error.message}</p>` : nothing}
      ${
        r.audioUrl
          ? html`<parley-recording-player
              .src=${r.audioUrl}
              .duration=${r.durationSeconds ?? 0}
              .peaks=${r.peaks ?? null}
              @timeupdate=${(e: Event) => (this.playhead = (e.target as ParleyRecordingPlayer).currentTime)}
            ></parley-recording-player>`
          : nothing
      }
      ${
        phase === 'ready'
          ? html`<parley-transcript
              .recording=${r}
              .playhead=${this.playhead}
              .locale=${this.locale}
              @transcript-seek=${(e: CustomEvent<number>) => this.#seek(e.detail)}
              @transcript-failed=${(e: CustomEvent<unknown>) => this.#fail(e.detail)}
            ></parley-transcript>`
          : nothing
      }
      ${
        this.#me?.member.role !== 'viewer'
          ? html`<div class="footer">
              <parley-button variant="ghost" size="sm" @click=${() => this.#delete(r)}
                >${this.t('recorder.delete')}</parley-button
              >
            </div>`
          : nothing
      }`
  }
}
