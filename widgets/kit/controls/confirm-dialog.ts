import { css, html } from 'lit'
import { property, query } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import { ParleyDialogClosedEvent } from '../events/index.js'
import { deepActiveElement } from '../focus.js'
import './controls.locales.js'

/**
 * A question that needs an answer before anything else ("Remove this number?"): a WAI-ARIA
 * alertdialog, modal on the top layer, with a Cancel and a confirm button. Focus starts on
 * Cancel when the action is destructive (`danger`), on the confirm button otherwise; Tab stays
 * inside; Escape or a press on the backdrop cancel; focus goes back where it was. `show()`
 * resolves to whether the user confirmed; `confirm()` does it all in one line.
 *
 * @slot - More content under the message (a consequence, a checkbox).
 * @event parley-dialog-closed - The dialog closed: `event.value` is `confirm` or `cancel`.
 * @csspart base - The native dialog.
 * @csspart title - The question.
 * @csspart message - The explanation under it.
 * @csspart footer - The row of buttons.
 * @csspart cancel - The Cancel button.
 * @csspart confirm - The confirm button.
 * @cssproperty --parley-confirm-width - Width on larger screens (min(420px, 100vw - 32px)).
 */
export class ParleyConfirmDialog extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      dialog {
        width: var(--parley-confirm-width, min(420px, calc(100vw - 32px)));
        max-height: calc(100dvh - 32px);
        padding: var(--parley-space-5, 20px);
        border: 1px solid var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-radius-lg, 14px);
        background: var(--parley-color-surface, #ffffff);
        color: var(--parley-color-on-surface, #18202f);
        box-shadow: var(--parley-shadow-3, 0 12px 32px #0003);
      }
      dialog::backdrop {
        background: var(--parley-color-backdrop, #0b0f1a99);
      }
      [part~='title'] {
        margin: 0;
        font-size: var(--parley-font-size-lg, 16px);
        font-weight: var(--parley-font-weight-strong, 600);
      }
      [part~='message'] {
        margin: var(--parley-space-2, 8px) 0 0;
        color: var(--parley-color-on-surface-muted, #586174);
      }
      [part~='message']:empty {
        display: none;
      }
      [part~='footer'] {
        display: flex;
        flex-wrap: wrap-reverse;
        justify-content: flex-end;
        gap: var(--parley-space-2, 8px);
        margin-top: var(--parley-space-5, 20px);
      }
      button {
        min-height: 36px;
        padding: 0 var(--parley-space-4, 16px);
        border: 1px solid var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-surface-muted, #f2f4f8);
        color: var(--parley-color-on-surface, #18202f);
        font: inherit;
        font-weight: var(--parley-font-weight-strong, 600);
        cursor: pointer;
      }
      button:hover {
        filter: brightness(0.95);
      }
      [part~='confirm'] {
        border-color: transparent;
        background: var(--parley-color-primary, #2f5bd3);
        color: var(--parley-color-on-primary, #ffffff);
      }
      :host([danger]) [part~='confirm'] {
        background: var(--parley-color-danger, #c2261f);
        color: var(--parley-color-on-danger, #ffffff);
      }
      @media (max-width: 420px) {
        button {
          flex: 1 1 100%;
          min-height: 44px;
        }
      }
    `,
  ]

  /** The question ("Remove this number?"); also the dialog's accessible name. */
  @property() heading = ''
  /** What confirming does, under the question. */
  @property() message = ''
  /** The confirm button's words (default "Confirm"): say the action ("Remove"). */
  @property({ attribute: 'confirm-label' }) confirmLabel?: string
  /** The cancel button's words (default "Cancel"). */
  @property({ attribute: 'cancel-label' }) cancelLabel?: string
  /** A destructive action: a red confirm button, and focus starts on Cancel. */
  @property({ type: Boolean, reflect: true }) danger = false
  @property({ type: Boolean, reflect: true }) open = false
  @query('dialog') private dialog!: HTMLDialogElement

  #opener: Element | null = null
  #answer?: (confirmed: boolean) => void
  #asking = false

  /** Opens the dialog; resolves to true when the user confirms, false otherwise. */
  show(): Promise<boolean> {
    this.#answer?.(false)
    const answer = new Promise<boolean>((resolve) => (this.#answer = resolve))
    this.open = true
    return answer
  }

  /** Closes the dialog with an answer (cancel by default). */
  close(confirmed = false) {
    if (this.dialog?.open) this.dialog.close()
    this.#finish(confirmed)
  }

  updated(changed: Map<string, unknown>) {
    if (!changed.has('open')) return
    if (this.open && !this.dialog.open) {
      this.#opener = deepActiveElement()
      this.#asking = true
      this.dialog.showModal()
      this.renderRoot
        .querySelector<HTMLButtonElement>(this.danger ? '[part~="cancel"]' : '[part~="confirm"]')
        ?.focus()
    } else if (!this.open && this.dialog.open) {
      this.close(false)
    }
  }

  render() {
    return html`<dialog
      part="base"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="title"
      aria-describedby="message"
      @close=${() => this.#finish(false)}
      @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && event.stopPropagation()}
      @click=${this.#onBackdrop}
    >
      <h2 part="title" id="title">${this.heading || this.t('controls.confirm.title')}</h2>
      <p part="message" id="message">${this.message}</p>
      <slot></slot>
      <div part="footer">
        <button part="cancel" type="button" @click=${() => this.close(false)}>
          ${this.cancelLabel || this.t('controls.confirm.cancel')}
        </button>
        <button part="confirm" type="button" @click=${() => this.close(true)}>
          ${this.confirmLabel || this.t('controls.confirm.ok')}
        </button>
      </div>
    </dialog>`
  }

  #onBackdrop(event: MouseEvent) {
    if (event.target !== this.dialog) return
    const box = this.dialog.getBoundingClientRect()
    const outside =
      event.clientX < box.left ||
      event.clientX > box.right ||
      event.clientY < box.top ||
      event.clientY > box.bottom
    if (outside) this.close(false)
  }

  /** Answers once per opening: a button answers at once, Escape through the close event. */
  #finish(confirmed: boolean) {
    if (!this.#asking) return
    this.#asking = false
    this.open = false
    ;(this.#opener as HTMLElement | null)?.focus?.()
    this.#answer?.(confirmed)
    this.#answer = undefined
    this.emit(new ParleyDialogClosedEvent(confirmed ? 'confirm' : 'cancel'))
  }
}

define('parley-confirm-dialog', ParleyConfirmDialog)

declare global {
  interface HTMLElementTagNameMap {
    'parley-confirm-dialog': ParleyConfirmDialog
  }
}

/** What `confirm()` asks. */
export interface ConfirmOptions {
  /** The question ("Remove this number?"). */
  title: string
  /** What confirming does. */
  message?: string
  /** The confirm button's words ("Remove"); default "Confirm". */
  confirmLabel?: string
  cancelLabel?: string
  /** A destructive action: red button, focus on Cancel. */
  danger?: boolean
  /** The element asking (a widget): the dialog takes its locale and colour scheme. */
  from?: Element
}

/**
 * Asks the user to confirm, in one line: `if (await confirm({ title: 'Remove this number?',
 * confirmLabel: 'Remove', danger: true, from: this })) …`. Resolves to true when confirmed; the
 * dialog is removed afterwards and focus goes back where it was.
 */
export async function confirm(options: ConfirmOptions): Promise<boolean> {
  const dialog = document.createElement('parley-confirm-dialog')
  dialog.heading = options.title
  dialog.message = options.message ?? ''
  dialog.confirmLabel = options.confirmLabel
  dialog.cancelLabel = options.cancelLabel
  dialog.danger = options.danger ?? false
  const from = options.from as ParleyElement | undefined
  const locale = from?.locale || from?.closest('[lang]')?.getAttribute('lang')
  if (locale) dialog.locale = locale
  if (from?.scheme) dialog.setAttribute('data-parley-scheme', from.scheme)
  document.body.append(dialog)
  try {
    await dialog.updateComplete
    return await dialog.show()
  } finally {
    dialog.remove()
  }
}
