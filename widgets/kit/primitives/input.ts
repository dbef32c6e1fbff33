import { css, html, nothing } from 'lit'
import { property, query } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { live } from 'lit/directives/live.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'

let ids = 0

/**
 * A labelled text field that takes part in the host's forms (form-associated: its value is
 * submitted, `required` blocks submission, `form.reset()` clears it).
 *
 * @event input - The value changed as the user typed (native, composed).
 * @event change - The value was committed (re-dispatched across the shadow boundary).
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart input - The native input.
 * @csspart error - The error message.
 * @cssproperty --parley-input-radius - Corner radius.
 */
export class ParleyInput extends ParleyElement {
  static formAssociated = true
  static shadowRootOptions = { ...ParleyElement.shadowRootOptions, delegatesFocus: true }
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
      }
      [part='base'] {
        display: grid;
        gap: var(--parley-space-1, 4px);
      }
      [part='label'] {
        font-size: var(--parley-font-size-sm, 13px);
        font-weight: var(--parley-font-weight-strong, 600);
      }
      [part='input'] {
        min-height: 36px;
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
        border: 1px solid var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-input-radius, var(--parley-radius-md, 8px));
        background: var(--parley-color-surface, #ffffff);
        color: var(--parley-color-on-surface, #18202f);
        font: inherit;
      }
      [part='input'][aria-invalid='true'] {
        border-color: var(--parley-color-danger, #c2261f);
      }
      [part='error'] {
        color: var(--parley-color-danger, #c2261f);
        font-size: var(--parley-font-size-sm, 13px);
      }
    `,
  ]

  @property() label = ''
  @property() name = ''
  @property() value = ''
  @property() type: 'text' | 'email' | 'search' | 'tel' | 'url' | 'password' = 'text'
  @property() placeholder?: string
  @property({ type: Boolean, reflect: true }) required = false
  @property({ type: Boolean, reflect: true }) disabled = false
  /** An error message to show (and to report as the field's validity). */
  @property() error?: string
  @query('input') private input!: HTMLInputElement

  readonly #internals = this.attachInternals()
  readonly #id = `parley-input-${++ids}`
  #initial = ''

  connectedCallback() {
    super.connectedCallback()
    this.#initial = this.value
  }

  get form() {
    return this.#internals.form
  }

  get validity() {
    return this.#internals.validity
  }

  checkValidity() {
    return this.#internals.checkValidity()
  }

  updated() {
    this.#internals.setFormValue(this.value)
    if (this.error) this.#internals.setValidity({ customError: true }, this.error, this.input)
    else if (this.required && !this.value) {
      this.#internals.setValidity({ valueMissing: true }, this.t('input.required'), this.input)
    } else this.#internals.setValidity({})
  }

  formResetCallback() {
    this.value = this.#initial
  }

  formDisabledCallback(disabled: boolean) {
    this.disabled = disabled
  }

  render() {
    return html`<div part="base">
      <label part="label" for=${this.#id}>${this.label}</label>
      <input
        part="input"
        id=${this.#id}
        .value=${live(this.value)}
        type=${this.type}
        name=${ifDefined(this.name || undefined)}
        placeholder=${ifDefined(this.placeholder)}
        ?required=${this.required}
        ?disabled=${this.disabled}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.error ? `${this.#id}-error` : undefined)}
        @input=${this.#onInput}
        @change=${this.#onChange}
      />
      ${this.error ? html`<span part="error" id="${this.#id}-error">${this.error}</span>` : nothing}
    </div>`
  }

  #onInput(event: Event) {
    this.value = (event.target as HTMLInputElement).value
  }

  #onChange() {
    this.emit(new Event('change', { bubbles: true, composed: true }))
  }
}

define('parley-input', ParleyInput)

declare global {
  interface HTMLElementTagNameMap {
    'parley-input': ParleyInput
  }
}
