import { css, html, nothing } from 'lit'
import { property } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import { checkIcon } from './icons.js'

export const MENU_ITEM_TYPES = ['normal', 'checkbox', 'radio'] as const
export type MenuItemType = (typeof MENU_ITEM_TYPES)[number]

const ROLES: Record<MenuItemType, string> = {
  normal: 'menuitem',
  checkbox: 'menuitemcheckbox',
  radio: 'menuitemradio',
}

/**
 * An item of a `parley-menu`: an action, or an option that is on or off (`type="checkbox"`) or
 * one of several (`type="radio"`), with `checked`.
 *
 * @slot - The item's label.
 * @slot icon - An icon before the label.
 * @slot suffix - A hint after the label (a shortcut, a count).
 * @csspart base - The row.
 * @csspart check - The tick of a checked checkbox or radio item.
 * @csspart label - The label.
 */
export class ParleyMenuItem extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
        outline: none;
        cursor: pointer;
        border-radius: var(--parley-radius-sm, 4px);
      }
      [part~='base'] {
        display: flex;
        align-items: center;
        gap: var(--parley-space-2, 8px);
        min-height: 36px;
        padding: var(--parley-space-1, 4px) var(--parley-space-3, 12px) var(--parley-space-1, 4px)
          var(--parley-space-2, 8px);
        border-radius: inherit;
        outline: 2px solid transparent;
        outline-offset: -2px;
      }
      :host(:focus) [part~='base'] {
        background: var(--parley-color-surface-muted, #f2f4f8);
      }
      :host(:focus-visible) [part~='base'] {
        outline-color: var(--parley-color-focus, #2f5bd3);
      }
      :host([variant='danger']) {
        color: var(--parley-color-danger, #c2261f);
      }
      :host([disabled]) {
        cursor: not-allowed;
        opacity: 0.55;
      }
      [part~='check'] {
        display: inline-flex;
        width: 16px;
        flex: none;
        color: var(--parley-color-primary, #2f5bd3);
      }
      [part~='check'] .check {
        visibility: hidden;
        width: 16px;
        height: 16px;
      }
      :host([checked]) [part~='check'] .check {
        visibility: visible;
      }
      [part~='label'] {
        flex: 1;
      }
      ::slotted([slot='suffix']) {
        color: var(--parley-color-on-surface-muted, #586174);
        font-size: var(--parley-font-size-sm, 13px);
      }
      @media (pointer: coarse) {
        [part~='base'] {
          min-height: 44px;
        }
      }
    `,
  ]

  /** Passed along in `parley-item-selected`. */
  @property() value?: string
  @property({ reflect: true }) type: MenuItemType = 'normal'
  @property({ type: Boolean, reflect: true }) checked = false
  @property({ type: Boolean, reflect: true }) disabled = false
  /** `danger` for destructive actions ("Delete"). */
  @property({ reflect: true }) variant: 'default' | 'danger' = 'default'

  connectedCallback() {
    super.connectedCallback()
    this.tabIndex = -1
  }

  updated() {
    this.setAttribute('role', ROLES[this.type] ?? 'menuitem')
    this.setAttribute('aria-disabled', String(this.disabled))
    if (this.type === 'normal') this.removeAttribute('aria-checked')
    else this.setAttribute('aria-checked', String(this.checked))
  }

  render() {
    return html`<div part="base">
      ${this.type === 'normal' ? nothing : html`<span part="check">${checkIcon}</span>`}
      <slot name="icon"></slot>
      <span part="label"><slot></slot></span>
      <slot name="suffix"></slot>
    </div>`
  }
}

define('parley-menu-item', ParleyMenuItem)

declare global {
  interface HTMLElementTagNameMap {
    'parley-menu-item': ParleyMenuItem
  }
}
