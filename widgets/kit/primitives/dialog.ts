import { css, html } from 'lit'
import { property, query } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import { ParleyDialogClosedEvent } from '../events/index.js'
import { deepActiveElement } from '../focus.js'

/**
 * A modal dialog on the browser's top layer (native `<dialog>` with `showModal()`), so no host
 * z-index can cover it. Focus moves in and is restored on close; Escape closes it.
 *
 * @slot - The body.
 * @slot footer - Actions.
 * @event parley-dialog-closed - The dialog closed.
 * @csspart base - The native dialog (also `dialog`).
 * @csspart dialog - The native dialog.
 * @csspart header - Title row with the close button.
 * @csspart body - The body.
 * @csspart footer - The actions row.
 * @cssproperty --parley-dialog-width - Width on larger screens (default min(480px, 100vw - 32px)).
 */
export class ParleyDialog extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      dialog {
        width: var(--parley-dialog-width, min(480px, calc(100vw - 32px)));
        max-height: calc(100dvh - 32px);
        padding: 0;
        border: 1px solid var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-radius-lg, 14px);
        background: var(--parley-color-surface, #ffffff);
        color: var(--parley-color-on-surface, #18202f);
        box-shadow: var(--parley-shadow-3, 0 12px 32px #0003);
      }
      dialog::backdrop {
        background: var(--parley-color-backdrop, #0b0f1a99);
      }
      [part='header'] {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--parley-space-2, 8px);
        padding: var(--parley-space-3, 12px) var(--parley-space-4, 16px);
        border-bottom: 1px solid var(--parley-color-border, #d5dae3);
      }
      h2 {
        margin: 0;
        font-size: var(--parley-font-size-lg, 16px);
      }
      [part='body'] {
        padding: var(--parley-space-4, 16px);
      }
      [part='footer'] {
        display: flex;
        justify-content: flex-end;
        gap: var(--parley-space-2, 8px);
        padding: 0 var(--parley-space-4, 16px) var(--parley-space-4, 16px);
      }
      .close {
        border: 0;
        background: none;
        color: inherit;
        font-size: 20px;
        line-height: 1;
        cursor: pointer;
        padding: var(--parley-space-1, 4px);
        border-radius: var(--parley-radius-sm, 4px);
      }
    `,
  ]

  /** The dialog's title, also its accessible name. */
  @property() label = ''
  @property({ type: Boolean, reflect: true }) open = false
  @query('dialog') private dialog!: HTMLDialogElement

  #opener: Element | null = null

  show() {
    this.open = true
  }

  close(returnValue = '') {
    if (this.dialog?.open) this.dialog.close(returnValue)
    this.open = false
  }

  updated(changed: Map<string, unknown>) {
    if (!changed.has('open')) return
    if (this.open && !this.dialog.open) {
      this.#opener = deepActiveElement()
      this.dialog.showModal()
    } else if (!this.open && this.dialog.open) {
      this.dialog.close()
    }
  }

  render() {
    return html`<dialog part="base dialog" aria-labelledby="title" @close=${this.#onClose}>
      <div part="header">
        <h2 id="title">${this.label}</h2>
        <button class="close" aria-label=${this.t('dialog.close')} @click=${() => this.close()}>
          ×
        </button>
      </div>
      <div part="body"><slot></slot></div>
      <div part="footer"><slot name="footer"></slot></div>
    </dialog>`
  }

  #onClose() {
    this.open = false
    ;(this.#opener as HTMLElement | null)?.focus?.()
    this.emit(new ParleyDialogClosedEvent(this.dialog.returnValue))
  }
}

// Where it was first written; the launcher and the controls import it from focus.js.
export { deepActiveElement }

define('parley-dialog', ParleyDialog)

declare global {
  interface HTMLElementTagNameMap {
    'parley-dialog': ParleyDialog
  }
}
