import { css, html, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { ParleyElement } from '../parley-element.js'
import type { MessageKey } from '../localize.js'
import { define } from '../define.js'
import { ParleyFormControl } from './form-control.js'
import { PopupController } from './popup.js'
import {
  edge,
  grouped,
  isPrintable,
  optionContent,
  OPTION_DATA,
  optionsFromChildren,
  step,
  Typeahead,
  type ListOption,
} from './listbox.js'
import { checkIcon, chevronIcon } from './icons.js'
import { fieldStyles } from './field.styles.js'
import { listboxStyles, popupStyles } from './listbox.styles.js'

/** `change` and `input` of a parley-select: `event.detail.value` is the chosen option's value. */
export type SelectChangeEvent = CustomEvent<{ value: string }>

/**
 * A select-only combobox (WAI-ARIA APG): a field that opens a listbox of options on the top
 * layer. Options come from `<option>` children (as in a native select, `<optgroup>` included) or
 * from the `options` property, and may carry an avatar, a presence dot and a description.
 * Keyboard: Enter, Space, arrows, Home and End open it; in it, arrows, Home, End, Page Up and
 * Page Down move, typing finds an option, Enter, Space or Tab choose, Escape closes without
 * choosing. Focus stays on the field throughout (`aria-activedescendant`). Form-associated.
 *
 * @slot - `<option>` and `<optgroup>` elements (not rendered themselves).
 * @event input - The user chose another option; `event.detail.value`.
 * @event change - The user chose another option; `event.detail.value` (after `input`).
 * @csspart base - The wrapper of label, field and message.
 * @csspart label - The label.
 * @csspart trigger - The field that opens the listbox (role combobox).
 * @csspart value - The chosen option (or the placeholder) inside the field.
 * @csspart listbox - The popup list of options.
 * @csspart option - One option.
 * @csspart group-label - The heading of an option group.
 * @csspart avatar - The avatar of an option that has one.
 * @csspart presence - The presence dot on an avatar.
 * @csspart description - The second line of an option.
 * @csspart help - The help line.
 * @csspart error - The error line.
 * @cssproperty --parley-control-height - Minimum height of the field (36px; 30px when `size="sm"`).
 * @cssproperty --parley-control-radius - Corner radius of the field.
 * @cssproperty --parley-popup-max-height - Maximum height of the listbox (320px).
 */
export class ParleySelect extends ParleyFormControl {
  static styles = [
    ParleyElement.styles,
    fieldStyles,
    popupStyles,
    listboxStyles,
    css`
      [part~='value'] {
        display: flex;
        align-items: center;
        gap: var(--parley-space-2, 8px);
      }
      [part~='value'] .text {
        display: block;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ]

  /** The chosen option's value ('' for none). */
  @property() value = ''
  /** Shown while no option is chosen (default "Select…"). */
  @property() placeholder?: string
  /** The options, instead of `<option>` children. */
  @property({ attribute: false }) options: ListOption[] = []
  /** Whether the listbox is showing. */
  @property({ type: Boolean, reflect: true }) open = false
  /** The option the keyboard or pointer is on while open (-1: none). */
  @state() private active = -1
  @state() private childOptions: ListOption[] = []
  @query('[part~="trigger"]') private trigger!: HTMLElement
  @query('[part~="listbox"]') private listbox!: HTMLElement

  #initial?: string
  #chosen = false
  readonly #typeahead = new Typeahead()
  readonly #observer = new MutationObserver(() => this.#readChildren())
  readonly #popup = new PopupController(this, {
    anchor: () => this.trigger,
    panel: () => this.listbox,
    onOutside: () => this.hide(),
  })

  /** Every option, from `options` or else from the children. */
  get allOptions(): ListOption[] {
    return this.options.length ? this.options : this.childOptions
  }

  /** The chosen option, if the value matches one. */
  get selectedOption(): ListOption | undefined {
    return this.allOptions.find((o) => o.value === this.value)
  }

  connectedCallback() {
    super.connectedCallback()
    this.#readChildren()
    this.#initial ??= this.value
    // The options' attributes, not the element's own (reflecting `open` would re-read them).
    this.#observer.observe(this, {
      childList: true,
      subtree: true,
      characterData: true,
      attributeFilter: ['value', 'label', 'disabled', 'selected', ...OPTION_DATA],
    })
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#observer.disconnect()
  }

  /** Opens the listbox, on the chosen option. */
  show() {
    if (!this.disabled) this.open = true
  }

  /** Closes the listbox without choosing. */
  hide() {
    this.open = false
    this.active = -1
    this.#typeahead.reset()
  }

  focus(options?: FocusOptions) {
    this.trigger?.focus(options)
  }

  protected formValue() {
    return this.value
  }

  protected isEmpty() {
    return this.value === ''
  }

  protected validationAnchor() {
    return this.trigger
  }

  protected resetValue() {
    this.value = this.#initial ?? ''
  }

  formStateRestoreCallback(restored: unknown) {
    if (typeof restored === 'string') this.value = restored
  }

  protected willUpdate(changed: PropertyValues) {
    super.willUpdate(changed)
    // Opening starts on the chosen option, unless a key already picked one (Home, End, a letter).
    if (changed.has('open') && this.open && this.active < 0) {
      const index = this.allOptions.findIndex((o) => o.value === this.value && !o.disabled)
      this.active = index >= 0 ? index : edge(this.allOptions, 'first')
    }
  }

  protected updated(changed: PropertyValues) {
    super.updated(changed)
    if (changed.has('open')) {
      if (this.open) this.#popup.show()
      else this.#popup.hide()
    } else if (this.open && (changed.has('options') || changed.has('childOptions'))) {
      this.#popup.place()
    }
    if (this.open && (changed.has('active') || changed.has('open')))
      this.renderRoot.querySelector('.active')?.scrollIntoView({ block: 'nearest' })
  }

  render() {
    const selected = this.selectedOption
    const t = (key: MessageKey) => this.t(key)
    return html`<div part="base">
      ${this.renderLabel(() => this.focus())}
      <div
        part="trigger"
        class="field"
        role="combobox"
        tabindex=${this.disabled ? '-1' : '0'}
        aria-labelledby="label"
        aria-haspopup="listbox"
        aria-controls="listbox"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-activedescendant=${ifDefined(
          this.open && this.active >= 0 ? `option-${this.active}` : undefined
        )}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${this.invalid ? 'true' : 'false'}
        aria-disabled=${this.disabled ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy)}
        @keydown=${this.#onKeydown}
        @click=${() => (this.open ? this.hide() : this.show())}
        @focusout=${() => this.hide()}
      >
        <span part="value" class="grow">
          ${
            selected
              ? optionContent({ ...selected, description: undefined }, t)
              : html`<span class="placeholder"
                  >${this.placeholder ?? this.t('controls.placeholder')}</span
                >`
          }
        </span>
        ${chevronIcon}
      </div>
      <div
        part="listbox"
        class="popup"
        id="listbox"
        role="listbox"
        popover="manual"
        aria-labelledby="label"
        @pointerdown=${(event: Event) => event.preventDefault()}
      >
        ${grouped(this.allOptions).map(({ group, items }, g) =>
          group === undefined
            ? items.map((item) => this.#renderOption(...item))
            : html`<div role="group" aria-labelledby="group-${g}">
                <div part="group-label" id="group-${g}">${group}</div>
                ${items.map((item) => this.#renderOption(...item))}
              </div>`
        )}
      </div>
      ${this.renderMessage()}
    </div>`
  }

  #renderOption(option: ListOption, index: number) {
    const t = (key: MessageKey) => this.t(key)
    return html`<div
      part="option"
      role="option"
      id="option-${index}"
      class=${index === this.active ? 'active' : ''}
      aria-selected=${option.value === this.value ? 'true' : 'false'}
      aria-disabled=${ifDefined(option.disabled ? 'true' : undefined)}
      @click=${() => this.#choose(index)}
      @pointermove=${() => !option.disabled && (this.active = index)}
    >
      ${optionContent(option, t)} ${checkIcon}
    </div>`
  }

  #readChildren() {
    const { options, selected } = optionsFromChildren(this)
    this.childOptions = options
    // `<option selected>` sets the first value, as in a native select.
    if (!this.#chosen && !this.value && selected !== undefined) {
      this.value = selected
      this.#initial = selected
    }
  }

  /** Chooses an option: the value, `input` and `change` if it changed, and closes. */
  #choose(index: number) {
    const option = this.allOptions[index]
    if (!option || option.disabled) return
    this.hide()
    if (option.value === this.value) return
    this.#chosen = true
    this.value = option.value
    const detail = { value: this.value }
    this.emit(new CustomEvent('input', { bubbles: true, composed: true, detail }))
    this.emit(new CustomEvent('change', { bubbles: true, composed: true, detail }))
  }

  #find(key: string) {
    const index = this.#typeahead.match(this.allOptions, key, this.active)
    if (index >= 0) this.active = index
  }

  #onKeydown(event: KeyboardEvent) {
    if (this.disabled) return
    const options = this.allOptions
    const { key } = event
    if (!this.open) {
      if (['ArrowDown', 'ArrowUp', 'Enter', ' ', 'Home', 'End'].includes(key)) {
        event.preventDefault()
        this.show()
        if (key === 'Home' || key === 'End')
          this.active = edge(options, key === 'Home' ? 'first' : 'last')
      } else if (isPrintable(event)) {
        this.show()
        this.#find(key)
      }
      return
    }
    const moves: Record<string, () => number> = {
      ArrowDown: () => step(options, this.active, 1),
      ArrowUp: () => step(options, this.active, -1),
      Home: () => edge(options, 'first'),
      End: () => edge(options, 'last'),
      PageDown: () => step(options, this.active, 10),
      PageUp: () => step(options, this.active, -10),
    }
    if (key === 'ArrowUp' && event.altKey) {
      event.preventDefault()
      this.#choose(this.active)
    } else if (key in moves) {
      event.preventDefault()
      this.active = moves[key]()
    } else if (key === 'Enter' || (key === ' ' && !this.#typeahead.active)) {
      event.preventDefault()
      this.#choose(this.active)
    } else if (key === 'Tab') {
      this.#choose(this.active)
    } else if (key === 'Escape') {
      // Closing the listbox is all Escape does: not a dialog or panel around it too.
      event.preventDefault()
      event.stopPropagation()
      this.hide()
    } else if (isPrintable(event)) {
      event.preventDefault()
      this.#find(key)
    }
  }
}

define('parley-select', ParleySelect)

declare global {
  interface HTMLElementTagNameMap {
    'parley-select': ParleySelect
  }
}
