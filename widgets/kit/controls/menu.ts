import { css, html, nothing, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import { ParleyItemSelectedEvent } from '../events/index.js'
import { PopupController } from './popup.js'
import { fold, isPrintable, Typeahead } from './listbox.js'
import { chevronIcon } from './icons.js'
import { popupStyles } from './listbox.styles.js'
import './menu-item.js'
import type { ParleyMenuItem } from './menu-item.js'
import './controls.locales.js'

/**
 * A menu button (WAI-ARIA APG): a button that opens a menu of actions on the top layer. Enter,
 * Space and Down Arrow open it on the first item, Up Arrow on the last; in it, arrows move (round
 * the ends), Home and End jump, typing finds an item, Enter or Space choose, Escape closes and
 * gives focus back to the button, Tab closes and moves on.
 *
 * @slot - `parley-menu-item` elements; `<hr>` between groups.
 * @slot trigger - The button's content instead of `label` and a chevron (an icon); `label`
 *   then names the button for screen readers.
 * @event parley-item-selected - An item was chosen: `event.item`, `event.value`.
 * @csspart base - Wraps the button and the menu (laid out as its contents).
 * @csspart trigger - The menu button.
 * @csspart menu - The popup menu.
 * @cssproperty --parley-control-height - Minimum height of the button (36px; 30px when `size="sm"`).
 * @cssproperty --parley-control-radius - Corner radius of the button.
 * @cssproperty --parley-popup-max-height - Maximum height of the menu (320px).
 */
export class ParleyMenu extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    popupStyles,
    css`
      :host {
        display: inline-block;
        --_height: var(--parley-control-height, 36px);
      }
      :host([size='sm']) {
        --_height: var(--parley-control-height, 30px);
      }
      [part~='base'] {
        display: contents;
      }
      [part~='trigger'] {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: var(--parley-space-2, 8px);
        min-width: var(--_height);
        min-height: var(--_height);
        padding: 0 var(--parley-space-3, 12px);
        border: 1px solid var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-control-radius, var(--parley-radius-md, 8px));
        background: var(--parley-color-surface-muted, #f2f4f8);
        color: var(--parley-color-on-surface, #18202f);
        font: inherit;
        font-weight: var(--parley-font-weight-strong, 600);
        cursor: pointer;
      }
      :host([variant='ghost']) [part~='trigger'] {
        border-color: transparent;
        background: transparent;
      }
      :host([size='sm']) [part~='trigger'] {
        padding: 0 var(--parley-space-2, 8px);
        font-size: var(--parley-font-size-sm, 13px);
      }
      [part~='trigger'].icon-only {
        padding: 0;
      }
      [part~='trigger']:hover:not(:disabled) {
        filter: brightness(0.96);
      }
      [part~='trigger']:disabled {
        cursor: not-allowed;
        opacity: 0.55;
      }
      .chevron {
        width: 16px;
        height: 16px;
        transition: transform var(--parley-duration-fast, 120ms) var(--parley-easing, ease);
      }
      [aria-expanded='true'] > .chevron {
        transform: rotate(180deg);
      }
      ::slotted(hr) {
        margin: var(--parley-space-1, 4px) 0;
        border: 0;
        border-top: 1px solid var(--parley-color-border, #d5dae3);
      }
      @media (pointer: coarse) {
        :host {
          --_height: var(--parley-control-height, 44px);
        }
      }
    `,
  ]

  /** The button's text, or its accessible name when the `trigger` slot holds an icon. */
  @property() label = ''
  @property({ type: Boolean, reflect: true }) open = false
  @property({ type: Boolean, reflect: true }) disabled = false
  /** `ghost`: no border or background (an icon in a toolbar). */
  @property({ reflect: true }) variant: 'secondary' | 'ghost' = 'secondary'
  @property({ reflect: true }) size: 'sm' | 'md' = 'md'
  /** `end` lines the menu up with the button's right edge (a button at the end of a row). */
  @property({ reflect: true }) align: 'start' | 'end' = 'start'
  @state() private iconOnly = false
  @query('[part~="trigger"]') private trigger!: HTMLButtonElement
  @query('[part~="menu"]') private menu!: HTMLElement

  readonly #typeahead = new Typeahead()
  readonly #popup = new PopupController(this, {
    anchor: () => this.trigger,
    panel: () => this.menu,
    onOutside: () => (this.open = false),
    align: () => this.align,
  })

  /** The menu's items, in order. */
  get items(): ParleyMenuItem[] {
    return [...this.querySelectorAll<ParleyMenuItem>(':scope > parley-menu-item')]
  }

  /** Opens the menu with focus on its first item (or its last). */
  async show(focus: 'first' | 'last' = 'first') {
    if (this.disabled) return
    this.open = true
    await this.updateComplete
    const items = this.items
    ;(focus === 'first' ? items[0] : items.at(-1))?.focus()
  }

  /** Closes the menu; with `returnFocus`, focus goes back to the button. */
  hide(returnFocus = false) {
    this.open = false
    this.#typeahead.reset()
    if (returnFocus) this.trigger.focus()
  }

  focus(options?: FocusOptions) {
    this.trigger?.focus(options)
  }

  protected updated(changed: PropertyValues) {
    if (!changed.has('open')) return
    if (this.open) this.#popup.show()
    else this.#popup.hide()
  }

  render() {
    return html`<div part="base">
      <button
        part="trigger"
        class=${this.iconOnly ? 'icon-only' : ''}
        type="button"
        aria-haspopup="menu"
        aria-controls="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${this.iconOnly ? this.label || this.t('controls.menu') : nothing}
        ?disabled=${this.disabled}
        @click=${() => (this.open ? this.hide() : this.show())}
        @keydown=${this.#onTriggerKeydown}
      >
        <slot name="trigger" @slotchange=${this.#onTriggerSlot}
          >${this.label || this.t('controls.menu')}${chevronIcon}</slot
        >
      </button>
      <div
        part="menu"
        class="popup"
        id="menu"
        role="menu"
        popover="manual"
        aria-label=${this.label || this.t('controls.menu')}
        @keydown=${this.#onMenuKeydown}
        @click=${this.#onMenuClick}
        @pointermove=${this.#onPointerMove}
        @focusout=${this.#onFocusOut}
      >
        <slot></slot>
      </div>
    </div>`
  }

  #onTriggerSlot(event: Event) {
    this.iconOnly = (event.target as HTMLSlotElement).assignedNodes().length > 0
  }

  #onTriggerKeydown(event: KeyboardEvent) {
    if (['Enter', ' ', 'ArrowDown', 'ArrowUp'].includes(event.key)) {
      event.preventDefault()
      void this.show(event.key === 'ArrowUp' ? 'last' : 'first')
    }
  }

  #onMenuKeydown(event: KeyboardEvent) {
    const items = this.items
    const current = items.indexOf(event.target as ParleyMenuItem)
    if (current === -1) return
    const moves: Record<string, number> = {
      ArrowDown: (current + 1) % items.length,
      ArrowUp: (current - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    }
    if (event.key in moves) {
      event.preventDefault()
      items[moves[event.key]].focus()
    } else if (event.key === 'Enter' || (event.key === ' ' && !this.#typeahead.active)) {
      event.preventDefault()
      this.#activate(items[current])
    } else if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      this.hide(true)
    } else if (event.key === 'Tab') {
      this.hide()
    } else if (isPrintable(event)) {
      event.preventDefault()
      const labels = items.map((item) => ({ label: fold(item.textContent ?? '').trim() }))
      const found = this.#typeahead.match(labels, event.key, current)
      if (found >= 0) items[found].focus()
    }
  }

  #onMenuClick(event: MouseEvent) {
    const item = (event.target as Element).closest?.('parley-menu-item')
    if (item && this.items.includes(item)) this.#activate(item)
  }

  #onPointerMove(event: PointerEvent) {
    const item = (event.target as Element).closest?.('parley-menu-item')
    if (item && item !== document.activeElement) item.focus({ preventScroll: true })
  }

  #onFocusOut(event: FocusEvent) {
    // Focus leaving for somewhere else on the page (a press elsewhere is PopupController's).
    const next = event.relatedTarget as Node | null
    if (!next || this.contains(next) || this.renderRoot.contains(next)) return
    this.hide()
  }

  #activate(item: ParleyMenuItem) {
    if (item.disabled) return
    if (item.type === 'checkbox') item.checked = !item.checked
    if (item.type === 'radio')
      for (const other of this.items) if (other.type === 'radio') other.checked = other === item
    this.hide(true)
    this.emit(new ParleyItemSelectedEvent(item, item.value ?? null))
  }
}

define('parley-menu', ParleyMenu)

declare global {
  interface HTMLElementTagNameMap {
    'parley-menu': ParleyMenu
  }
}
