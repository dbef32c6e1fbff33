import { html, css } from 'lit'
import { customElement, property, query } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { deepActiveElement } from '../../kit/focus.js'
import './account.locales.js'

/**
 * A destructive question in the console's own look ("Sign out this browser?"): a native modal
 * dialog (the rest of the page is inert, Tab stays inside), focus on Cancel, Escape or Cancel
 * answer no, and focus goes back where it was. Not the kit's parley-confirm-dialog: that one
 * takes the theme being edited, and the console keeps Parley's own.
 */
@customElement('console-confirm')
export class ConsoleConfirm extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    css`
      dialog {
        width: min(440px, calc(100vw - 32px));
        padding: var(--parley-space-5, 20px);
        border: 1px solid var(--parley-color-border);
        border-radius: var(--parley-radius-lg, 14px);
        background: var(--parley-color-surface);
        color: var(--parley-color-on-surface);
        box-shadow: var(--parley-shadow-3);
      }
      dialog::backdrop {
        background: var(--parley-color-backdrop, #0b0f1a99);
      }
      p {
        margin-top: var(--parley-space-2, 8px);
        color: var(--parley-color-on-surface-muted);
      }
      .footer {
        display: flex;
        flex-wrap: wrap-reverse;
        justify-content: flex-end;
        gap: var(--parley-space-2, 8px);
        margin-top: var(--parley-space-5, 20px);
      }
      .danger {
        background: var(--parley-color-danger);
        border-color: var(--parley-color-danger);
        color: var(--parley-color-on-danger, #fff);
        font-weight: var(--parley-font-weight-strong, 600);
      }
      @media (max-width: 420px) {
        .footer .button {
          flex: 1 1 100%;
        }
      }
    `,
  ]

  @property() heading = ''
  @property() message = ''
  @property({ attribute: 'confirm-label' }) confirmLabel = ''
  /** The answer-no button's words; "Cancel" when empty (a question about cancelling says "Keep"). */
  @property({ attribute: 'cancel-label' }) cancelLabel = ''
  @query('dialog') private dialog!: HTMLDialogElement

  #answer?: (yes: boolean) => void
  #opener: Element | null = null

  /** Asks; resolves to true when the user confirms. */
  async ask(
    heading: string,
    message: string,
    confirmLabel: string,
    cancelLabel = ''
  ): Promise<boolean> {
    this.#answer?.(false)
    Object.assign(this, { heading, message, confirmLabel, cancelLabel })
    this.#opener = deepActiveElement()
    await this.updateComplete
    if (!this.dialog.open) this.dialog.showModal()
    this.renderRoot.querySelector<HTMLButtonElement>('#cancel')?.focus()
    return new Promise((resolve) => (this.#answer = resolve))
  }

  render() {
    return html`<dialog
      part="base"
      role="alertdialog"
      aria-labelledby="title"
      aria-describedby="message"
      @close=${this.#closed}
    >
      <h2 id="title">${this.heading}</h2>
      <p id="message">${this.message}</p>
      <div class="footer">
        <button class="button" id="cancel" type="button" @click=${() => this.#finish(false)}>
          ${this.cancelLabel || this.t('console.confirm.cancel')}
        </button>
        <button class="button danger" id="confirm" type="button" @click=${() => this.#finish(true)}>
          ${this.confirmLabel}
        </button>
      </div>
    </dialog>`
  }

  /**
   * Escape closes the dialog and answers no. A close event is queued, so one from an earlier
   * question may arrive after the next opened: an open dialog ignores it.
   */
  #closed = () => {
    if (!this.dialog.open) this.#finish(false)
  }

  /** One answer per question. */
  #finish(yes: boolean) {
    const answer = this.#answer
    if (!answer) return
    this.#answer = undefined
    if (this.dialog.open) this.dialog.close()
    ;(this.#opener as HTMLElement | null)?.focus?.()
    answer(yes)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-confirm': ConsoleConfirm
  }
}
