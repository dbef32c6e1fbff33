import { css, html } from 'lit'
import { state } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import './conversation.locales.js'
import { EMOJI } from './composer-glyphs.js'

/**
 * The composer's emoji grid: one Tab stop (roving tabindex), arrows through rows and columns as
 * laid out, Home and End to its ends; Enter or a click picks. Opening, closing (Escape, a press
 * outside) and where focus goes after are the composer's.
 *
 * @event emoji-picked - An emoji was chosen; `detail` is the emoji.
 * @csspart base - The grid.
 */
export class ParleyEmojiPicker extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      [part='base'] {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(36px, 1fr));
        max-height: 180px;
        overflow-y: auto;
        padding: var(--parley-space-1, 4px);
        border: 1px solid var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-surface, #ffffff);
        box-shadow: var(--parley-shadow-2, 0 4px 12px #0003);
      }
      button {
        border: 0;
        background: none;
        color: inherit;
        font-size: 20px;
        line-height: 1;
        padding: 6px;
        border-radius: var(--parley-radius-sm, 4px);
        cursor: pointer;
      }
      button:hover,
      button:focus-visible {
        background: var(--parley-color-surface-muted, #f2f4f8);
      }
      button:focus-visible {
        outline-offset: -2px;
      }
    `,
  ]

  /** The emoji that takes Tab; kept between openings, so the last one picked comes first. */
  @state() private current = 0

  /** Moves focus to the current emoji. */
  focus() {
    this.#buttons()[this.current]?.focus()
  }

  #buttons() {
    return [...this.renderRoot.querySelectorAll('button')]
  }

  #onKeydown(event: KeyboardEvent) {
    const buttons = this.#buttons()
    const grid = this.renderRoot.querySelector<HTMLElement>('[part="base"]')!
    const columns = buttons.filter((b) => b.offsetTop === buttons[0].offsetTop).length || 1
    const ahead = getComputedStyle(grid).direction === 'rtl' ? -1 : 1
    const moves: Record<string, number> = {
      ArrowRight: ahead,
      ArrowLeft: -ahead,
      ArrowDown: columns,
      ArrowUp: -columns,
      Home: -buttons.length,
      End: buttons.length,
    }
    if (event.key in moves) {
      event.preventDefault()
      this.current = Math.max(0, Math.min(buttons.length - 1, this.current + moves[event.key]))
      buttons[this.current].focus()
    } else if (event.key.length === 1 && event.key !== ' ') {
      // Letters mean nothing here: keep them from shortcuts around (the inbox's j, k, e).
      event.stopPropagation()
    }
  }

  #pick(emoji: string, index: number) {
    this.current = index
    this.dispatchEvent(new CustomEvent('emoji-picked', { detail: emoji }))
  }

  render() {
    return html`<div
      part="base"
      role="group"
      aria-label=${this.t('conversation.emoji')}
      @keydown=${this.#onKeydown}
    >
      ${EMOJI.map(
        (emoji, i) =>
          html`<button
            type="button"
            aria-label=${emoji}
            tabindex=${i === this.current ? 0 : -1}
            @click=${() => this.#pick(emoji, i)}
          >
            ${emoji}
          </button>`
      )}
    </div>`
  }
}

define('parley-emoji-picker', ParleyEmojiPicker)

declare global {
  interface HTMLElementTagNameMap {
    'parley-emoji-picker': ParleyEmojiPicker
  }
}
