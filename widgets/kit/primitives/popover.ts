import { css, html } from 'lit'
import { property, query } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'

/**
 * Content shown next to a trigger, on the browser's top layer (the Popover API), so no host
 * z-index or `overflow: hidden` can clip it. Light dismiss: a click outside or Escape closes it.
 * Positioned below the trigger (above when there is no room), through the CSSOM, never through
 * a style attribute.
 *
 * @slot trigger - The element that toggles the popover (usually a `parley-button`).
 * @slot - The popover's content.
 * @csspart base - Wraps the trigger and the surface (laid out as its contents).
 * @csspart panel - The popover surface.
 */
export class ParleyPopover extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: inline-block;
      }
      [part='base'] {
        display: contents;
      }
      [part='panel'] {
        position: fixed;
        inset: auto;
        margin: 0;
        min-width: 160px;
        max-width: min(360px, calc(100vw - 16px));
        padding: var(--parley-space-2, 8px);
        border: 1px solid var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-surface, #ffffff);
        color: var(--parley-color-on-surface, #18202f);
        box-shadow: var(--parley-shadow-2, 0 4px 12px #0003);
      }
    `,
  ]

  @property({ type: Boolean, reflect: true }) open = false
  /** Accessible name of the popover surface. */
  @property() label = ''
  @query('[part="panel"]') private panel!: HTMLElement
  @query('.trigger') private trigger!: HTMLElement

  show() {
    this.open = true
  }

  hide() {
    this.open = false
  }

  updated(changed: Map<string, unknown>) {
    if (!changed.has('open')) return
    const shown = this.panel.matches(':popover-open')
    if (this.open && !shown) {
      this.panel.showPopover()
      this.#place()
    } else if (!this.open && shown) {
      this.panel.hidePopover()
    }
  }

  render() {
    return html`<div part="base">
      <span class="trigger" @click=${() => (this.open = !this.open)}>
        <slot name="trigger"></slot>
      </span>
      <div
        part="panel"
        popover="auto"
        role="dialog"
        aria-label=${this.label}
        @toggle=${this.#onToggle}
      >
        <slot></slot>
      </div>
    </div>`
  }

  #onToggle(event: ToggleEvent) {
    this.open = event.newState === 'open'
  }

  #place() {
    const anchor = this.trigger.getBoundingClientRect()
    const panel = this.panel.getBoundingClientRect()
    const below = anchor.bottom + 4
    const top =
      below + panel.height > window.innerHeight ? Math.max(8, anchor.top - panel.height - 4) : below
    const left = Math.min(Math.max(8, anchor.left), window.innerWidth - panel.width - 8)
    this.panel.style.setProperty('top', `${top}px`)
    this.panel.style.setProperty('left', `${left}px`)
  }
}

define('parley-popover', ParleyPopover)

declare global {
  interface HTMLElementTagNameMap {
    'parley-popover': ParleyPopover
  }
}
