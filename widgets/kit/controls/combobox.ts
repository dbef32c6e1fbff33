import { css, html, nothing, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { live } from 'lit/directives/live.js'
import { ParleyElement } from '../parley-element.js'
import type { MessageKey } from '../localize.js'
import { define } from '../define.js'
import { ParleyFormControl } from './form-control.js'
import { PopupController } from './popup.js'
import {
  edge,
  fold,
  OPTION_DATA,
  optionContent,
  personPicture,
  optionsFromChildren,
  step,
  type ListOption,
} from './listbox.js'
import { checkIcon, chevronIcon, closeIcon } from './icons.js'
import { fieldStyles } from './field.styles.js'
import { listboxStyles, popupStyles } from './listbox.styles.js'

/** `change` of a parley-combobox: the chosen value ('' once cleared) and its option. */
export type ComboboxChangeEvent = CustomEvent<{ value: string; option?: ListOption }>
/** `input` of a parley-combobox: what the user has typed (to fetch options for it). */
export type ComboboxInputEvent = CustomEvent<{ query: string }>

/**
 * An editable combobox with a listbox popup (WAI-ARIA APG, list autocomplete with automatic
 * selection): typing filters the options (accents and case ignored) and highlights the first,
 * Enter takes it. Built for picking a person: options may carry an avatar and a presence dot
 * (online, away, offline), also said in words. The value is always one of the options' values;
 * leaving the field with other text puts the chosen option's label back. Keyboard: Down and Up
 * open and move (round the ends), Alt+Down opens, Page Up and Page Down move by ten, Enter
 * chooses, Escape closes (or, when closed, clears), Alt+Up closes. Form-associated.
 *
 * @slot - `<option>` elements, as for parley-select (or set `options`).
 * @event input - The user typed: `event.detail.query` (with `no-filter`, fetch options for it).
 * @event change - The user chose an option or cleared the field: `event.detail.value`,
 *   `event.detail.option`.
 * @csspart base - The wrapper of label, field and message.
 * @csspart label - The label.
 * @csspart field - The box around the text input and its buttons.
 * @csspart input - The text input (role combobox).
 * @csspart clear - The button that clears the value (`clearable`).
 * @csspart popup - The popup holding the listbox and its messages.
 * @csspart listbox - The list of options.
 * @csspart option - One option.
 * @csspart avatar - The avatar of an option, or of the chosen person in the field.
 * @csspart presence - The presence dot on an avatar.
 * @csspart description - The second line of an option.
 * @csspart empty - "No results" or "Loading…" in the popup.
 * @csspart help - The help line.
 * @csspart error - The error line.
 * @cssproperty --parley-control-height - Minimum height of the field (36px; 30px when `size="sm"`).
 * @cssproperty --parley-control-radius - Corner radius of the field.
 * @cssproperty --parley-popup-max-height - Maximum height of the popup (320px).
 */
export class ParleyCombobox extends ParleyFormControl {
  static styles = [
    ParleyElement.styles,
    fieldStyles,
    popupStyles,
    listboxStyles,
    css`
      .field {
        cursor: text;
      }
      [part~='input'] {
        flex: 1;
        min-width: 0;
        align-self: stretch;
        padding: 0;
        border: 0;
        outline: none;
        background: transparent;
        color: inherit;
        font: inherit;
      }
      [part~='input']::placeholder {
        color: var(--parley-color-on-surface-muted, #586174);
        opacity: 1;
      }
      .icon-button {
        display: inline-grid;
        place-items: center;
        flex: none;
        width: 24px;
        height: 24px;
        padding: 0;
        border: 0;
        border-radius: var(--parley-radius-sm, 4px);
        background: none;
        color: var(--parley-color-on-surface-muted, #586174);
        cursor: pointer;
      }
      .icon-button:hover {
        background: var(--parley-color-surface-muted, #f2f4f8);
      }
      .x {
        width: 14px;
        height: 14px;
      }
      [part~='popup'] {
        padding: 0;
      }
      [part~='listbox'] {
        padding: var(--parley-space-1, 4px);
      }
      [part~='listbox']:empty {
        display: none;
      }
    `,
  ]

  /** The chosen option's value ('' for none). */
  @property() value = ''
  @property() placeholder?: string
  /** The options, instead of `<option>` children. */
  @property({ attribute: false }) options: ListOption[] = []
  /** Whether the listbox is showing. */
  @property({ type: Boolean, reflect: true }) open = false
  /** Shows the options as given: the host filters them (server search on `input`). */
  @property({ type: Boolean, attribute: 'no-filter' }) noFilter = false
  /** Options are on their way: the popup says "Loading…". */
  @property({ type: Boolean, reflect: true }) loading = false
  /** Offers a button that clears the value. */
  @property({ type: Boolean }) clearable = false
  /** The text in the field. */
  @state() private text = ''
  /** The user changed the text since the last choice: filter by it. */
  @state() private typing = false
  @state() private active = -1
  @state() private childOptions: ListOption[] = []
  @query('[part~="input"]') private input!: HTMLInputElement
  @query('[part~="field"]') private field!: HTMLElement
  @query('[part~="popup"]') private popup!: HTMLElement

  #initial?: string
  readonly #observer = new MutationObserver(() => this.#readChildren())
  readonly #popup = new PopupController(this, {
    anchor: () => this.field,
    panel: () => this.popup,
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

  /**
   * The options shown: all of them until the user types; then those matching, best first (a word
   * of the label starting with the text, then the label containing it, then the description).
   */
  get visibleOptions(): ListOption[] {
    const typed = fold(this.text.trim())
    if (this.noFilter || !this.typing || !typed) return this.allOptions
    const rank = (o: ListOption) => {
      const label = fold(o.label)
      if (label.split(/\s+/).some((word) => word.startsWith(typed))) return 0
      if (label.includes(typed)) return 1
      return fold(o.description ?? '').includes(typed) ? 2 : 3
    }
    return this.allOptions
      .map((option) => [option, rank(option)] as const)
      .filter(([, score]) => score < 3)
      .sort((a, b) => a[1] - b[1])
      .map(([option]) => option)
  }

  connectedCallback() {
    super.connectedCallback()
    this.#readChildren()
    this.#initial ??= this.value
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

  show() {
    if (!this.disabled) this.open = true
  }

  /** Closes the listbox; the text goes back to the chosen option's label. */
  hide() {
    this.open = false
    this.active = -1
  }

  focus(options?: FocusOptions) {
    this.input?.focus(options)
  }

  protected formValue() {
    return this.value
  }

  protected isEmpty() {
    return this.value === ''
  }

  protected validationAnchor() {
    return this.input
  }

  protected resetValue() {
    this.value = this.#initial ?? ''
    this.typing = false
  }

  formStateRestoreCallback(restored: unknown) {
    if (typeof restored === 'string') this.value = restored
  }

  protected willUpdate(changed: PropertyValues) {
    super.willUpdate(changed)
    if (changed.has('open') && !this.open) this.typing = false
    // The field shows the chosen option whenever the user is not typing.
    if (!this.typing) this.text = this.selectedOption?.label ?? ''
    const visible = this.visibleOptions
    if (this.active >= visible.length) this.active = step(visible, -1, 1)
  }

  protected updated(changed: PropertyValues) {
    super.updated(changed)
    if (changed.has('open')) {
      if (this.open) this.#popup.show()
      else this.#popup.hide()
    } else if (this.open) {
      this.#popup.place()
    }
    if (this.open && changed.has('active'))
      this.renderRoot.querySelector('.active')?.scrollIntoView({ block: 'nearest' })
  }

  render() {
    const selected = this.typing ? undefined : this.selectedOption
    const visible = this.visibleOptions
    const t = (key: MessageKey) => this.t(key)
    const person = selected && (selected.avatar !== undefined || selected.presence)
    return html`<div part="base">
      ${this.renderLabel(() => this.focus())}
      <div
        part="field"
        class="field"
        @click=${() => {
          this.focus()
          this.show()
        }}
      >
        ${person ? personPicture(selected) : nothing}
        <input
          part="input"
          id="input"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-labelledby="label"
          aria-controls="listbox"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-activedescendant=${ifDefined(
            this.open && this.active >= 0 ? `option-${this.active}` : undefined
          )}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          aria-describedby=${ifDefined(this.describedBy)}
          placeholder=${this.placeholder ?? this.t('controls.placeholder')}
          ?required=${this.required}
          ?disabled=${this.disabled}
          .value=${live(this.text)}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @focusout=${this.#onFocusOut}
          @focus=${this.#onFocus}
        />
        ${
          this.clearable && this.value && !this.disabled
            ? html`<button
                part="clear"
                class="icon-button"
                type="button"
                tabindex="-1"
                aria-label=${this.t('controls.clear')}
                @click=${this.#clear}
              >
                ${closeIcon}
              </button>`
            : nothing
        }
        <span
          class="icon-button"
          aria-hidden="true"
          @pointerdown=${(event: Event) => event.preventDefault()}
          @click=${(event: Event) => {
            event.stopPropagation()
            this.focus()
            if (this.open) this.hide()
            else this.show()
          }}
          >${chevronIcon}</span
        >
      </div>
      <div
        part="popup"
        class="popup"
        popover="manual"
        @pointerdown=${(event: Event) => event.preventDefault()}
      >
        <div part="listbox" id="listbox" role="listbox" aria-labelledby="label">
          ${this.loading ? nothing : visible.map((option, i) => this.#renderOption(option, i, t))}
        </div>
        ${
          this.loading
            ? html`<div part="empty">${this.t('controls.loading')}</div>`
            : visible.length
              ? nothing
              : html`<div part="empty">${this.t('controls.noResults')}</div>`
        }
      </div>
      <span class="visually-hidden" role="status"
        >${
          this.open && this.typing && !this.loading
            ? visible.length === 1
              ? this.t('controls.result')
              : visible.length
                ? this.t('controls.results', { count: visible.length })
                : this.t('controls.noResults')
            : ''
        }</span
      >
      ${this.renderMessage()}
    </div>`
  }

  #renderOption(option: ListOption, index: number, t: (key: MessageKey) => string) {
    return html`<div
      part="option"
      role="option"
      id="option-${index}"
      class=${index === this.active ? 'active' : ''}
      aria-selected=${option.value === this.value ? 'true' : 'false'}
      aria-disabled=${ifDefined(option.disabled ? 'true' : undefined)}
      @click=${() => this.#choose(option)}
      @pointermove=${() => !option.disabled && (this.active = index)}
    >
      ${optionContent(option, t)} ${checkIcon}
    </div>`
  }

  #readChildren() {
    const { options, selected } = optionsFromChildren(this)
    this.childOptions = options
    if (this.#initial === undefined && !this.value && selected !== undefined) this.value = selected
  }

  #onInput(event: InputEvent) {
    // The native event would reach the host too: one `input` of our own instead.
    event.stopPropagation()
    this.text = this.input.value
    this.typing = true
    this.open = true
    this.active = this.noFilter ? -1 : edge(this.visibleOptions, 'first')
    this.emit(
      new CustomEvent('input', { bubbles: true, composed: true, detail: { query: this.text } })
    )
  }

  #choose(option: ListOption | undefined) {
    if (!option || option.disabled) return
    const changed = option.value !== this.value
    this.value = option.value
    this.typing = false
    this.hide()
    if (changed) this.#emitChange()
  }

  #clear() {
    this.value = ''
    this.typing = false
    this.focus()
    this.#emitChange()
  }

  #emitChange() {
    const detail = { value: this.value, option: this.selectedOption }
    this.emit(new CustomEvent('change', { bubbles: true, composed: true, detail }))
  }

  /**
   * Focus by pointer selects the chosen name, as Tab does, so typing searches afresh instead of
   * appending to it (the click's own caret placement comes after focus, hence the task).
   */
  #onFocus = (event: FocusEvent) => {
    const input = event.target as HTMLInputElement
    setTimeout(() => {
      if (this.shadowRoot?.activeElement === input && input.selectionStart === input.selectionEnd)
        input.select()
    })
  }

  #onFocusOut() {
    // Emptied on purpose: no value. Any other text: the chosen option's label again.
    if (this.typing && this.text.trim() === '' && this.value) this.#clear()
    this.typing = false
    this.hide()
  }

  #onKeydown(event: KeyboardEvent) {
    const visible = this.visibleOptions
    const { key } = event
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault()
      if (!this.open) {
        this.show()
        if (event.altKey) return
        const chosen = visible.findIndex((o) => o.value === this.value)
        this.active = chosen >= 0 ? chosen : edge(visible, key === 'ArrowDown' ? 'first' : 'last')
      } else if (event.altKey && key === 'ArrowUp') {
        this.hide()
      } else {
        this.active = step(visible, this.active, key === 'ArrowDown' ? 1 : -1, true)
      }
    } else if ((key === 'PageDown' || key === 'PageUp') && this.open) {
      event.preventDefault()
      this.active = step(visible, this.active, key === 'PageDown' ? 10 : -10)
    } else if (key === 'Enter' && this.open) {
      event.preventDefault()
      if (this.active >= 0) this.#choose(visible[this.active])
      else this.hide()
    } else if (key === 'Escape') {
      if (this.open) {
        event.preventDefault()
        event.stopPropagation()
        this.typing = false
        this.hide()
      } else if (this.text) {
        event.preventDefault()
        event.stopPropagation()
        if (this.value) this.#clear()
        else this.text = ''
      }
    }
  }
}

define('parley-combobox', ParleyCombobox)

declare global {
  interface HTMLElementTagNameMap {
    'parley-combobox': ParleyCombobox
  }
}
