import { css, html } from 'lit'
import { state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'

export type ToastVariant = 'info' | 'success' | 'danger'
interface Toast {
  id: number
  message: string
  variant: ToastVariant
}

let nextId = 0

/**
 * A region for short messages ("Message sent", "Upload failed"), on the top layer, announced
 * politely to screen readers. Each toast dismisses itself after `duration` ms or on its button.
 *
 * @csspart base - Wraps the stack (laid out as its contents).
 * @csspart region - The stack of toasts.
 * @csspart toast - One toast.
 */
export class ParleyToast extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      [part='base'] {
        display: contents;
      }
      [part='region'] {
        position: fixed;
        inset: auto 0 var(--parley-space-4, 16px) 0;
        margin: 0 auto;
        width: min(420px, calc(100vw - 32px));
        padding: 0;
        border: 0;
        background: transparent;
        overflow: visible;
        display: grid;
        gap: var(--parley-space-2, 8px);
      }
      [part='toast'] {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--parley-space-3, 12px);
        padding: var(--parley-space-3, 12px) var(--parley-space-4, 16px);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-on-surface, #18202f);
        color: var(--parley-color-surface, #ffffff);
        box-shadow: var(--parley-shadow-2, 0 4px 12px #0003);
      }
      [part='toast'][data-variant='success'] {
        background: var(--parley-color-success, #1d7a43);
        color: var(--parley-color-on-success, #ffffff);
      }
      [part='toast'][data-variant='danger'] {
        background: var(--parley-color-danger, #c2261f);
        color: var(--parley-color-on-danger, #ffffff);
      }
      button {
        border: 0;
        background: none;
        color: inherit;
        font: inherit;
        text-decoration: underline;
        cursor: pointer;
      }
    `,
  ]

  @state() private toasts: Toast[] = []

  /** Shows a message; returns a function that dismisses it early. */
  show(message: string, options: { variant?: ToastVariant; duration?: number } = {}) {
    const toast = { id: ++nextId, message, variant: options.variant ?? 'info' }
    this.toasts = [...this.toasts, toast]
    const timer = setTimeout(() => this.dismiss(toast.id), options.duration ?? 5000)
    return () => (clearTimeout(timer), this.dismiss(toast.id))
  }

  dismiss(id: number) {
    this.toasts = this.toasts.filter((t) => t.id !== id)
  }

  updated() {
    const region = this.renderRoot.querySelector<HTMLElement>('[part="region"]')!
    const shown = region.matches(':popover-open')
    if (this.toasts.length && !shown) region.showPopover()
    if (!this.toasts.length && shown) region.hidePopover()
  }

  render() {
    return html`<div part="base">
      <div part="region" popover="manual" role="status" aria-live="polite">
        ${repeat(
          this.toasts,
          (t) => t.id,
          (t) =>
            html`<div part="toast" data-variant=${t.variant}>
              <span>${t.message}</span>
              <button @click=${() => this.dismiss(t.id)}>${this.t('toast.dismiss')}</button>
            </div>`
        )}
      </div>
    </div>`
  }
}

define('parley-toast', ParleyToast)

declare global {
  interface HTMLElementTagNameMap {
    'parley-toast': ParleyToast
  }
}
