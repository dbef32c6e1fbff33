import { css, html, svg, nothing } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { guard } from 'lit/directives/guard.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import './recorder.locales.js'
import { clock } from './recorder.types.js'

/** Bars drawn when the level strip is not known yet (a flat line). */
const FLAT = Array.from({ length: 200 }, () => 0.06)
const HEIGHT = 40
const STEP_SECONDS = 5

/**
 * A recording's player: play and pause, the time, and the audio's level strip, which is also the
 * position slider (drag or click it; arrow keys move 5 s, Page Up/Down a tenth, Home/End to the
 * ends). The length comes from the server, since recordings made by MediaRecorder carry none the
 * browser can read before it has all of them.
 *
 * @event timeupdate - The playing position moved (read `currentTime`).
 * @csspart base - The player.
 * @csspart play - The play/pause button.
 * @csspart strip - The level strip and position slider.
 * @csspart time - The position and length.
 * @cssproperty --parley-recorder-wave - Colour of the strip's bars not yet played (default: muted text).
 * @cssproperty --parley-recorder-wave-played - Colour of the bars played (default: primary).
 */
export class ParleyRecordingPlayer extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      [part='base'] {
        display: grid;
        grid-template-columns: auto 1fr auto;
        align-items: center;
        gap: var(--parley-space-3, 12px);
      }
      [part='play'] {
        display: grid;
        place-items: center;
        width: 40px;
        height: 40px;
        padding: 0;
        border: 0;
        border-radius: 50%;
        background: var(--parley-color-primary, #2f5bd3);
        color: var(--parley-color-on-primary, #ffffff);
        cursor: pointer;
      }
      [part='play'] svg {
        width: 18px;
        height: 18px;
        fill: currentColor;
      }
      [part='strip'] {
        position: relative;
        height: ${HEIGHT + 8}px;
        padding: 4px var(--parley-space-2, 8px);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-surface-muted, #f2f4f8);
        cursor: pointer;
        touch-action: none;
        user-select: none;
      }
      [part='strip'] svg {
        display: block;
        width: 100%;
        height: ${HEIGHT}px;
        overflow: visible;
      }
      .wave {
        fill: var(--parley-recorder-wave, var(--parley-color-on-surface-muted, #586174));
      }
      .played {
        fill: var(--parley-recorder-wave-played, var(--parley-color-primary, #2f5bd3));
      }
      .head {
        fill: var(--parley-color-on-surface, #18202f);
      }
      [part='time'] {
        font-variant-numeric: tabular-nums;
        font-size: var(--parley-font-size-sm, 13px);
        color: var(--parley-color-on-surface-muted, #586174);
        white-space: nowrap;
      }
      .failed {
        grid-column: 1 / -1;
        margin: 0;
        color: var(--parley-color-danger, #c2261f);
        font-size: var(--parley-font-size-sm, 13px);
      }
      audio {
        display: none;
      }
      /* A phone: the time goes under the strip. */
      @container (max-width: 360px) {
        [part='base'] {
          grid-template-columns: auto 1fr;
          row-gap: var(--parley-space-1, 4px);
        }
        [part='time'] {
          grid-column: 2;
        }
      }
    `,
  ]

  /** The audio's URL (the recording's signed `audioUrl`). */
  @property() src = ''
  /** Its length in seconds, from the server. */
  @property({ type: Number }) duration = 0
  /** Its level strip (0…1 per bar), or null while it is computed. */
  @property({ attribute: false }) peaks: number[] | null = null

  /** Bars that fit the strip's width (about one per 4 px), the peaks grouped to match. */
  @state() private barCount = 200
  @state() private playing = false
  @state() private position = 0
  @state() private failed = false

  @query('audio') private audio!: HTMLAudioElement
  @query('[part="strip"]') private strip!: HTMLElement
  #frame?: number
  #dragging = false
  #resize = new ResizeObserver(([entry]) => {
    const fit = Math.floor(entry.contentRect.width / 4)
    this.barCount = Math.min(200, Math.max(24, fit))
  })

  protected firstUpdated() {
    this.#resize.observe(this.strip)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    if (this.#frame) cancelAnimationFrame(this.#frame)
    this.#resize.disconnect()
    this.audio?.pause()
  }

  protected willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('src') && changed.get('src') !== undefined) {
      this.playing = false
      this.position = 0
      this.failed = false
    }
  }

  /** The playing position, in seconds. */
  get currentTime() {
    return this.position
  }

  /** The length shown: the server's, else what the browser found. */
  get length() {
    const known = this.audio?.duration
    return this.duration || (Number.isFinite(known) ? known : 0)
  }

  /** Moves to `seconds` (kept within the recording). */
  seek(seconds: number) {
    const to = Math.min(Math.max(0, seconds), this.length || Math.max(0, seconds))
    this.position = to
    if (this.audio) this.audio.currentTime = to
    this.#announce()
  }

  async play() {
    try {
      await this.audio.play()
    } catch {
      // Refused (no user gesture yet) or the audio failed: the error event says which.
    }
  }

  pause() {
    this.audio.pause()
  }

  #toggle() {
    if (this.audio.paused) void this.play()
    else this.pause()
  }

  #announce() {
    this.dispatchEvent(new Event('timeupdate'))
  }

  /** Follows the audio smoothly while it plays (timeupdate alone comes 4 times a second). */
  #follow = () => {
    if (!this.#dragging) this.position = this.audio.currentTime
    this.#announce()
    this.#frame = this.playing ? requestAnimationFrame(this.#follow) : undefined
  }

  #onPlay() {
    this.playing = true
    this.#frame ??= requestAnimationFrame(this.#follow)
  }

  #onPause() {
    this.playing = false
    this.position = this.audio.currentTime
    this.#announce()
  }

  #onKeydown(event: KeyboardEvent) {
    const length = this.length
    const page = Math.max(STEP_SECONDS * 2, length / 10)
    const moves: Record<string, number> = {
      ArrowLeft: this.position - STEP_SECONDS,
      ArrowDown: this.position - STEP_SECONDS,
      ArrowRight: this.position + STEP_SECONDS,
      ArrowUp: this.position + STEP_SECONDS,
      PageDown: this.position - page,
      PageUp: this.position + page,
      Home: 0,
      End: length,
    }
    if (!(event.key in moves)) return
    event.preventDefault()
    this.seek(moves[event.key])
  }

  #at(event: PointerEvent) {
    const box = this.strip.getBoundingClientRect()
    const inner = box.width - 16
    const fraction = Math.min(1, Math.max(0, (event.clientX - box.left - 8) / Math.max(1, inner)))
    return fraction * this.length
  }

  #onPointerDown(event: PointerEvent) {
    if (event.button !== 0 || !this.length) return
    this.#dragging = true
    this.strip.setPointerCapture(event.pointerId)
    this.strip.focus()
    this.seek(this.#at(event))
  }

  #onPointerMove(event: PointerEvent) {
    if (this.#dragging) this.seek(this.#at(event))
  }

  #onPointerUp(event: PointerEvent) {
    if (!this.#dragging) return
    this.#dragging = false
    this.strip.releasePointerCapture(event.pointerId)
  }

  #bars(all: number[], count: number) {
    // Each bar is the loudest of the peaks it stands for.
    const group = all.length / Math.min(count, all.length)
    const peaks = Array.from({ length: Math.round(all.length / group) }, (_, i) =>
      Math.max(...all.slice(Math.floor(i * group), Math.floor((i + 1) * group)))
    )
    const width = 200 / peaks.length
    return peaks.map((p, i) => {
      const h = Math.max(2, p * HEIGHT)
      return svg`<rect x=${(i * width + width * 0.15).toFixed(2)} y=${((HEIGHT - h) / 2).toFixed(2)} width=${(width * 0.7).toFixed(2)} height=${h.toFixed(2)} rx="0.3"></rect>`
    })
  }

  render() {
    const length = this.length
    const fraction = length ? Math.min(1, this.position / length) : 0
    const peaks = this.peaks?.length ? this.peaks : FLAT
    const bars = guard([peaks, this.barCount], () => this.#bars(peaks, this.barCount))
    const time = this.t('recorder.timeOf', { current: clock(this.position), total: clock(length) })
    return html`<div part="base">
      <audio
        preload="metadata"
        src=${this.src}
        @play=${this.#onPlay}
        @pause=${this.#onPause}
        @ended=${this.#onPause}
        @seeked=${() => !this.playing && (this.position = this.audio.currentTime)}
        @loadedmetadata=${() => this.requestUpdate()}
        @error=${() => (this.failed = true)}
      ></audio>
      <button
        part="play"
        aria-label=${this.playing ? this.t('recorder.pauseAudio') : this.t('recorder.play')}
        ?disabled=${this.failed}
        @click=${this.#toggle}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          ${
            this.playing
              ? svg`<rect x="6" y="5" width="4" height="14" rx="1"></rect><rect x="14" y="5" width="4" height="14" rx="1"></rect>`
              : svg`<path d="M8 5.5v13a1 1 0 0 0 1.5.86l10.2-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5z"></path>`
          }
        </svg>
      </button>
      <div
        part="strip"
        role="slider"
        tabindex="0"
        aria-label=${this.t('recorder.position')}
        aria-valuemin="0"
        aria-valuemax=${Math.round(length)}
        aria-valuenow=${Math.round(this.position)}
        aria-valuetext=${time}
        @keydown=${this.#onKeydown}
        @pointerdown=${this.#onPointerDown}
        @pointermove=${this.#onPointerMove}
        @pointerup=${this.#onPointerUp}
        @pointercancel=${this.#onPointerUp}
      >
        <svg viewBox="0 0 200 ${HEIGHT}" preserveAspectRatio="none" aria-hidden="true">
          <defs>
            <clipPath id="played">
              <rect x="0" y="0" height=${HEIGHT} width=${(fraction * 200).toFixed(2)}></rect>
            </clipPath>
          </defs>
          <g class="wave">${bars}</g>
          <g class="played" clip-path="url(#played)">${bars}</g>
          <rect
            class="head"
            x=${(fraction * 200 - 0.3).toFixed(2)}
            y="0"
            width="0.6"
            height=${HEIGHT}
          ></rect>
        </svg>
      </div>
      <span part="time">${time}</span>
      ${this.failed ? html`<p class="failed" role="alert">${this.t('recorder.audioFailed')}</p>` : nothing}
    </div>`
  }
}

define('parley-recording-player', ParleyRecordingPlayer)

declare global {
  interface HTMLElementTagNameMap {
    'parley-recording-player': ParleyRecordingPlayer
  }
}
