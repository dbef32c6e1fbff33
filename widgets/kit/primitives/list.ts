import { css, html } from 'lit'
import { property } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import { ParleyItemSelectedEvent } from '../events/index.js'

/**
 * An item of a `parley-list`.
 *
 * @slot - The item's content.
 * @event parley-item-selected - This item was chosen (click, Enter or Space).
 * @csspart base - The row.
 */
export class ParleyListItem extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
        outline: none;
        cursor: pointer;
      }
      [part='base'] {
        display: flex;
        align-items: center;
        gap: var(--parley-space-3, 12px);
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
        border-radius: var(--parley-radius-sm, 4px);
      }
      :host(:hover) [part='base'] {
        background: var(--parley-color-surface-muted, #f2f4f8);
      }
      :host([selected]) [part='base'] {
        background: var(--parley-color-surface-muted, #f2f4f8);
        box-shadow: inset 3px 0 0 var(--parley-color-primary, #2f5bd3);
      }
      :host(:focus-visible) [part='base'] {
        outline: 2px solid var(--parley-color-focus, #2f5bd3);
        outline-offset: -2px;
      }
    `,
  ]

  @property() value?: string
  @property({ type: Boolean, reflect: true }) selected = false

  connectedCallback() {
    super.connectedCallback()
    this.setAttribute('role', 'option')
  }

  updated() {
    this.setAttribute('aria-selected', String(this.selected))
  }

  render() {
    return html`<div part="base"><slot></slot></div>`
  }
}

/**
 * A keyboard-navigable list of `parley-list-item`s: one Tab stop, arrow keys, Home and End move,
 * Enter, Space or a click choose.
 *
 * @slot - `parley-list-item` elements.
 * @event parley-item-selected - An item was chosen.
 * @csspart base - The list.
 */
export class ParleyList extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
      }
      [part='base'] {
        display: grid;
        gap: 2px;
      }
    `,
  ]

  /** Accessible name of the list. */
  @property() label = ''

  connectedCallback() {
    super.connectedCallback()
    this.setAttribute('role', 'listbox')
    this.addEventListener('keydown', this.#onKeydown)
    this.addEventListener('click', this.#onClick)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.removeEventListener('keydown', this.#onKeydown)
    this.removeEventListener('click', this.#onClick)
  }

  updated() {
    this.setAttribute('aria-label', this.label)
  }

  get items(): ParleyListItem[] {
    return [...this.querySelectorAll<ParleyListItem>(':scope > parley-list-item')]
  }

  render() {
    return html`<div part="base"><slot @slotchange=${this.#resetTabStops}></slot></div>`
  }

  /** Only one item is in the Tab order: the selected one, or the first. */
  #resetTabStops() {
    const items = this.items
    const current = items.find((i) => i.selected) ?? items[0]
    for (const item of items) item.tabIndex = item === current ? 0 : -1
  }

  #focus(item: ParleyListItem | undefined) {
    if (!item) return
    for (const other of this.items) other.tabIndex = other === item ? 0 : -1
    item.focus()
  }

  #select(item: ParleyListItem) {
    for (const other of this.items) other.selected = other === item
    this.#focus(item)
    this.emit(new ParleyItemSelectedEvent(item, item.value ?? null))
  }

  #onKeydown = (event: KeyboardEvent) => {
    const items = this.items
    const index = items.indexOf(event.target as ParleyListItem)
    if (index === -1) return
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: items.length - 1,
    }
    if (event.key in moves) {
      event.preventDefault()
      this.#focus(items[Math.min(items.length - 1, Math.max(0, moves[event.key]))])
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      this.#select(items[index])
    }
  }

  #onClick = (event: MouseEvent) => {
    const item = (event.target as HTMLElement).closest('parley-list-item')
    if (item && item.parentElement === this) this.#select(item as ParleyListItem)
  }
}

define('parley-list-item', ParleyListItem)
define('parley-list', ParleyList)

declare global {
  interface HTMLElementTagNameMap {
    'parley-list': ParleyList
    'parley-list-item': ParleyListItem
  }
}
