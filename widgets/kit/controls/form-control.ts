import { html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import './controls.locales.js'

export const CONTROL_SIZES = ['sm', 'md'] as const
export type ControlSize = (typeof CONTROL_SIZES)[number]

/** A broken constraint besides `required` (a date out of range, too many tags). */
export interface Constraint {
  flags: ValidityStateFlags
  message: string
}

/**
 * What every value-holding control shares: form association through ElementInternals (its value
 * is submitted, `required` and other constraints block submission, `form.reset()` restores the
 * first value, a disabled fieldset disables it), a label that names it, a help or error line that
 * describes it, and an invalid state shown once it matters (the form tried to submit, or `error`).
 */
export class ParleyFormControl extends ParleyElement {
  static formAssociated = true
  static shadowRootOptions = { ...ParleyElement.shadowRootOptions, delegatesFocus: true }

  /** The visible label, also the control's accessible name. */
  @property() label = ''
  /** Keeps the label for screen readers only (a toolbar filter whose context names it). */
  @property({ type: Boolean, attribute: 'hide-label', reflect: true }) hideLabel = false
  /** Name under which the value is submitted with the form. */
  @property() name = ''
  /** A hint under the control. */
  @property() help?: string
  /** An error message to show (and to report as the control's validity). */
  @property() error?: string
  @property({ type: Boolean, reflect: true }) required = false
  @property({ type: Boolean, reflect: true }) disabled = false
  /** `sm` for toolbars and filters. */
  @property({ reflect: true }) size: ControlSize = 'md'

  /** The form tried to submit with this control invalid: from then on, show why. */
  @state() protected touched = false

  protected readonly internals = this.attachInternals()

  constructor() {
    super()
    this.addEventListener('invalid', () => (this.touched = true))
  }

  get form() {
    return this.internals.form
  }

  /** The `<label for>` elements that point at this control. */
  get labels() {
    return this.internals.labels
  }

  get validity() {
    return this.internals.validity
  }

  get validationMessage() {
    return this.internals.validationMessage
  }

  get willValidate() {
    return this.internals.willValidate
  }

  checkValidity() {
    return this.internals.checkValidity()
  }

  reportValidity() {
    return this.internals.reportValidity()
  }

  /** The value as the form submits it (`null`: nothing). */
  protected formValue(): string | FormData | null {
    return null
  }

  /** Whether the control holds no value, for `required`. */
  protected isEmpty(): boolean {
    return true
  }

  /** A constraint of the control's own that the value breaks, if any. */
  protected constraint(): Constraint | undefined {
    return undefined
  }

  /** The inner element a validation bubble points at. */
  protected validationAnchor(): HTMLElement | undefined {
    return undefined
  }

  /** Puts the first value back (form reset). */
  protected resetValue() {}

  /** Whether to show the control as invalid now. */
  protected get invalid() {
    return Boolean(this.error) || (this.touched && !this.internals.validity.valid)
  }

  protected willUpdate(changed: PropertyValues) {
    super.willUpdate(changed)
    this.#validate()
  }

  protected firstUpdated(changed: PropertyValues) {
    super.firstUpdated(changed)
    // The anchor exists only now.
    this.#validate()
  }

  #validate() {
    this.internals.setFormValue(this.formValue())
    const anchor = this.validationAnchor() ?? undefined
    const broken: Constraint | undefined = this.error
      ? { flags: { customError: true }, message: this.error }
      : this.required && this.isEmpty()
        ? { flags: { valueMissing: true }, message: this.t('input.required') }
        : this.constraint()
    if (broken) this.internals.setValidity(broken.flags, broken.message, anchor)
    else this.internals.setValidity({})
  }

  formResetCallback() {
    this.touched = false
    this.resetValue()
  }

  formDisabledCallback(disabled: boolean) {
    this.disabled = disabled
  }

  /** The label, with the id the inner control points at (`aria-labelledby="label"`). */
  protected renderLabel(onClick?: () => void) {
    return html`<span
      part="label"
      id="label"
      class=${this.hideLabel ? 'visually-hidden' : ''}
      @click=${onClick}
      >${this.label}</span
    >`
  }

  /** The help or error line (`aria-describedby="message"`), or nothing. */
  protected renderMessage() {
    const error = this.invalid ? this.error || this.internals.validationMessage : ''
    if (error) return html`<span part="error" id="message">${error}</span>`
    if (this.help) return html`<span part="help" id="message">${this.help}</span>`
    return nothing
  }

  /** The id of the message line, when there is one. */
  protected get describedBy() {
    return (this.invalid && (this.error || this.internals.validationMessage)) || this.help
      ? 'message'
      : undefined
  }
}
