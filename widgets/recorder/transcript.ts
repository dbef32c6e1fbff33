import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { Task } from '@lit/task'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { api } from '../kit/runtime.js'
import '../kit/primitives/button.js'
import './recorder.locales.js'
import { clock, type Recording, type Segment } from './recorder.types.js'

const FORMATS = ['txt', 'srt', 'vtt', 'json'] as const

/**
 * A ready recording's summary and action items, and its timestamped transcript: search it, click
 * a time to hear that line (the recorder's player plays it), follow the line playing, correct a
 * line, export it (TXT, SRT, VTT, JSON). Part of `<parley-recorder>`: it renders into the
 * recorder's shadow root, so the recorder's `transcript` and `segment` parts and styles reach it.
 * Text is rendered as text.
 *
 * @event transcript-seek - A line's time was chosen; `detail` is its start in seconds.
 * @event transcript-failed - Loading, saving or exporting failed; `detail` is the error.
 */
export class ParleyTranscript extends ParleyElement {
  /** The recording shown (ready). */
  @property({ attribute: false }) recording!: Recording
  /** Where the player is, in seconds: its line is highlighted. */
  @property({ attribute: false }) playhead = 0

  @state() private segments: Segment[] = []
  @state() private search = ''
  @state() private editing?: string

  protected createRenderRoot() {
    return this
  }

  protected willUpdate(changed: Map<PropertyKey, unknown>) {
    // Another recording: its own lines, from the top, unsearched.
    const before = changed.get('recording') as Recording | undefined
    if (before && before.id !== this.recording.id) {
      this.segments = []
      this.search = ''
      this.editing = undefined
    }
  }

  /** The transcript's lines, loaded when a recording is shown. @internal */
  readonly transcript = new Task(this, {
    task: async ([id]: [string]) => {
      const transcript = await api().request<{ segments: Segment[] }>(
        `/v1/recordings/${id}/transcript`
      )
      this.segments = transcript.segments
    },
    args: () => [this.recording.id] as [string],
    onError: (error) => this.#failed(error),
  })

  #failed(error: unknown) {
    this.dispatchEvent(new CustomEvent('transcript-failed', { detail: error }))
  }

  #seek(segment: Segment) {
    this.dispatchEvent(new CustomEvent('transcript-seek', { detail: segment.start }))
  }

  async #save(segment: Segment, text: string) {
    this.editing = undefined
    if (!text.trim() || text === segment.text) return
    try {
      const saved = await api().request<{ segments: Segment[] }>(
        `/v1/recordings/${this.recording.id}/transcript`,
        { method: 'PATCH', body: { segments: [{ id: segment.id, text }] } }
      )
      this.segments = saved.segments
    } catch (error) {
      this.#failed(error)
    }
  }

  async #export(format: (typeof FORMATS)[number]) {
    const recording = this.recording
    try {
      const token = await api().token()
      const response = await fetch(
        new URL(`/v1/recordings/${recording.id}/transcript?format=${format}`, api().baseUrl),
        { headers: { Authorization: `Bearer ${token}` } }
      )
      if (!response.ok) throw Object.assign(new Error(response.statusText), { code: 'UNKNOWN' })
      const link = document.createElement('a')
      link.href = URL.createObjectURL(await response.blob())
      link.download = `${recording.title.replace(/[^\w.-]+/g, '_')}.${format}`
      link.click()
      setTimeout(() => URL.revokeObjectURL(link.href), 1000)
    } catch (error) {
      this.#failed(error)
    }
  }

  render() {
    const r = this.recording
    const needle = this.search.trim().toLowerCase()
    const shown = needle
      ? this.segments.filter((s) => s.text.toLowerCase().includes(needle))
      : this.segments
    const t = this.playhead
    const playing = t > 0 ? this.segments.find((s) => t >= s.start && t < s.end)?.id : undefined
    return html`${
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
        ${FORMATS.map(
          (f) =>
            html`<parley-button variant="secondary" size="sm" @click=${() => this.#export(f)}
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
              part="segment ${s.id === playing ? 'active' : ''}"
              class=${s.id === playing ? 'active' : ''}
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
                      @blur=${(e: Event) => this.#save(s, (e.target as HTMLTextAreaElement).value)}
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
}

define('parley-transcript', ParleyTranscript)

declare global {
  interface HTMLElementTagNameMap {
    'parley-transcript': ParleyTranscript
  }
}
