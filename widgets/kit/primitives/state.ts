import { css, html, nothing } from 'lit'
import { property } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import { ParleyRetryRequestedEvent } from '../events/index.js'
import './skeleton.js'
import './button.js'

export const STATE_KINDS = ['loading', 'empty', 'error'] as const
export type StateKind = (typeof STATE_KINDS)[number]

/**
 * What a widget shows instead of content: loading (a skeleton), empty, or an error with a retry
 * button. Default texts are translated; `heading` and `message` override them (a `message`
 * without a `heading` is shown once, as the heading).
 *
 * @slot - Extra content (e.g. an action for the empty state).
 * @csspart base - The container.
 * @csspart heading - The heading.
 * @event parley-retry-requested - The user pressed "Try again" on an error.
 */
export class ParleyState extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
      }
      [part='base'] {
        display: grid;
        justify-items: center;
        gap: var(--parley-space-2, 8px);
        padding: var(--parley-space-6, 24px) var(--parley-space-4, 16px);
        text-align: center;
        color: var(--parley-color-on-surface-muted, #586174);
      }
      :host([kind='loading']) [part='base'] {
        justify-items: stretch;
      }
      [part='heading'] {
        margin: 0;
        font-size: var(--parley-font-size-lg, 16px);
        font-weight: var(--parley-font-weight-strong, 600);
        color: var(--parley-color-on-surface, #18202f);
      }
      :host([kind='error']) [part='heading'] {
        color: var(--parley-color-danger, #c2261f);
      }
      p {
        margin: 0;
      }
    `,
  ]

  @property({ reflect: true }) kind: StateKind = 'loading'
  @property() heading?: string
  @property() message?: string
  /** Offer a retry button on errors (default true). */
  @property({ type: Boolean, attribute: 'retryable' }) retryable = true

  render() {
    if (this.kind === 'loading') {
      return html`<div part="base"><parley-skeleton lines="3"></parley-skeleton></div>`
    }
    // A message alone is said once, as the heading: an error's words already say what happened
    // ("Your session has ended…"), a generic "Something went wrong" above them would repeat it.
    const heading =
      this.heading ?? this.message ?? this.t(this.kind === 'error' ? 'state.error' : 'state.empty')
    const message = this.heading !== undefined ? this.message : undefined
    return html`<div part="base" role=${this.kind === 'error' ? 'alert' : 'status'}>
      <p part="heading">${heading}</p>
      ${message ? html`<p>${message}</p>` : nothing}
      <slot></slot>
      ${
        this.kind === 'error' && this.retryable
          ? html`<parley-button variant="secondary" size="sm" @click=${this.#retry}
              >${this.t('state.retry')}</parley-button
            >`
          : nothing
      }
    </div>`
  }

  #retry() {
    this.emit(new ParleyRetryRequestedEvent())
  }
}

define('parley-state', ParleyState)

declare global {
  interface HTMLElementTagNameMap {
    'parley-state': ParleyState
  }
}
