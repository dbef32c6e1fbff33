import { css, html } from 'lit'
import { property } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { define } from '../define.js'
import { ParleyElement } from '../parley-element.js'

export const BUTTON_VARIANTS = ['primary', 'secondary', 'ghost', 'danger'] as const
export type ButtonVariant = (typeof BUTTON_VARIANTS)[number]

/**
 * A button. Renders a native `<button>`, so keyboard use, focus and form submission are native.
 *
 * @slot - The label.
 * @slot icon - An icon before the label.
 * @csspart base - The native button.
 * @cssproperty --parley-button-color - Text colour of the primary variant.
 * @cssproperty --parley-button-radius - Corner radius.
 * @cssproperty --parley-button-background - Background of the primary variant.
 */
export class ParleyButton extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: inline-block;
        --_bg: var(--parley-button-background, var(--parley-color-primary, #2f5bd3));
        --_fg: var(--parley-button-color, var(--parley-color-on-primary, #ffffff));
        --_radius: var(--parley-button-radius, var(--parley-radius-md, 8px));
      }
      :host([variant='secondary']) {
        --_bg: var(--parley-color-surface-muted, #f2f4f8);
        --_fg: var(--parley-color-on-surface, #18202f);
      }
      :host([variant='ghost']) {
        --_bg: transparent;
        --_fg: var(--parley-color-on-surface, #18202f);
      }
      :host([variant='danger']) {
        --_bg: var(--parley-color-danger, #c2261f);
        --_fg: var(--parley-color-on-danger, #ffffff);
      }
      button {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        gap: var(--parley-space-2, 8px);
        min-height: 36px;
        width: 100%;
        padding: var(--parley-space-2, 8px) var(--parley-space-4, 16px);
        border: 1px solid transparent;
        border-radius: var(--_radius);
        background: var(--_bg);
        color: var(--_fg);
        font: inherit;
        font-weight: var(--parley-font-weight-strong, 600);
        cursor: pointer;
        transition: filter var(--parley-duration-fast, 120ms) var(--parley-easing, ease);
      }
      :host([variant='secondary']) button {
        border-color: var(--parley-color-border, #d5dae3);
      }
      :host([size='sm']) button {
        min-height: 28px;
        padding: var(--parley-space-1, 4px) var(--parley-space-3, 12px);
        font-size: var(--parley-font-size-sm, 13px);
      }
      button:hover:not(:disabled) {
        filter: brightness(0.95);
      }
      button:disabled {
        cursor: not-allowed;
        opacity: 0.55;
      }
    `,
  ]

  @property({ reflect: true }) variant: ButtonVariant = 'primary'
  @property({ reflect: true }) size: 'sm' | 'md' = 'md'
  @property({ type: Boolean, reflect: true }) disabled = false
  /** The native button type; `submit` submits the enclosing form. */
  @property() type: 'button' | 'submit' | 'reset' = 'button'
  /** Accessible name when the button shows only an icon. */
  @property() label?: string
  /** For a button that shows or hides something: `true` or `false` (aria-expanded). */
  @property() expanded?: 'true' | 'false'

  render() {
    return html`<button
      part="base"
      type=${this.type}
      ?disabled=${this.disabled}
      aria-label=${ifDefined(this.label)}
      aria-expanded=${ifDefined(this.expanded)}
      @click=${this.#submit}
    >
      <slot name="icon"></slot><slot></slot>
    </button>`
  }

  /** A button in shadow DOM cannot submit the host form by itself: do it for it. */
  #submit() {
    if (this.type !== 'submit' || this.disabled) return
    this.closest('form')?.requestSubmit()
  }

  focus(options?: FocusOptions) {
    this.renderRoot.querySelector('button')?.focus(options)
  }
}

define('parley-button', ParleyButton)

declare global {
  interface HTMLElementTagNameMap {
    'parley-button': ParleyButton
  }
}
