import { css, html, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { live } from 'lit/directives/live.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import { ParleyFormControl } from './form-control.js'
import { PopupController } from './popup.js'
import { fold, step } from './listbox.js'
import { closeIcon } from './icons.js'
import { fieldStyles } from './field.styles.js'
import { listboxStyles, popupStyles } from './listbox.styles.js'

/** `change` of a parley-tag-input: every tag now, and the one added or removed. */
export type TagInputChangeEvent = CustomEvent<{ value: string[]; added?: string; removed?: string }>
/** `input` of a parley-tag-input: what the user has typed (to fetch suggestions for it). */
export type TagInputInputEvent = CustomEvent<{ query: string }>

/** "a, b" in an attribute → ['a', 'b']. */
const listConverter = {
  fromAttribute: (value: string | null) =>
    (value ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  toAttribute: (value: string[]) => value.join(','),
}

/**
 * A text field that collects tags as removable chips, with suggestions in a listbox popup (an
 * APG combobox, list autocomplete with manual selection, so free text is never replaced by a
 * suggestion unasked). Enter or a comma adds what was typed (or the highlighted suggestion), a
 * paste of "a, b, c" adds each, leaving the field adds what is left; duplicates (any case) and
 * more than `max` are refused, and every addition, removal and refusal is announced. The field
 * is the one Tab stop: Backspace in the empty field (or Left at its start) goes to the last chip,
 * arrows, Home and End move between chips, Backspace, Delete or Enter remove the one with focus,
 * Escape goes back to the field. Each chip's button says "Remove {tag}".
 * Form-associated: each tag is submitted under `name`, as a multiple select does.
 *
 * @event input - The user typed: `event.detail.query` (to fetch `suggestions` for it).
 * @event change - A tag was added or removed: `event.detail.value`, `.added`, `.removed`.
 * @csspart base - The wrapper of label, field and message.
 * @csspart label - The label.
 * @csspart field - The box holding the chips and the text input.
 * @csspart tags - The list of chips.
 * @csspart tag - One chip.
 * @csspart remove - A chip's remove button.
 * @csspart input - The text input (role combobox).
 * @csspart listbox - The popup list of suggestions.
 * @csspart option - One suggestion.
 * @csspart help - The help line.
 * @csspart error - The error line.
 * @cssproperty --parley-control-height - Minimum height of the field (36px; 30px when `size="sm"`).
 * @cssproperty --parley-control-radius - Corner radius of the field.
 * @cssproperty --parley-popup-max-height - Maximum height of the suggestions (320px).
 * @cssproperty --parley-tag-background - Background of a chip.
 * @cssproperty --parley-tag-color - Text colour of a chip.
 */
export class ParleyTagInput extends ParleyFormControl {
  static styles = [
    ParleyElement.styles,
    fieldStyles,
    popupStyles,
    listboxStyles,
    css`
      .field {
        flex-wrap: wrap;
        gap: var(--parley-space-1, 4px);
        padding-block: 3px;
        cursor: text;
      }
      [part~='tags'] {
        display: contents;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      [part~='tag'] {
        display: inline-flex;
        align-items: center;
        gap: 2px;
        max-width: 100%;
        min-height: 26px;
        padding: 0 2px 0 var(--parley-space-2, 8px);
        border: 1px solid var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-radius-pill, 999px);
        background: var(--parley-tag-background, var(--parley-color-surface-muted, #f2f4f8));
        color: var(--parley-tag-color, var(--parley-color-on-surface, #18202f));
        font-size: var(--parley-font-size-sm, 13px);
      }
      .tag-label {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      [part~='remove'] {
        display: inline-grid;
        place-items: center;
        flex: none;
        width: 24px;
        height: 24px;
        padding: 0;
        border: 0;
        border-radius: 50%;
        background: none;
        color: inherit;
        cursor: pointer;
      }
      [part~='remove']:hover:not([aria-disabled='true']) {
        background: var(--parley-color-border, #d5dae3);
      }
      [part~='remove']:focus-visible {
        outline-offset: 0;
      }
      .x {
        width: 12px;
        height: 12px;
      }
      [part~='input'] {
        flex: 1 1 8ch;
        min-width: 8ch;
        min-height: 28px;
        padding: 0 var(--parley-space-1, 4px);
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
    `,
  ]

  /** The tags. As an attribute: comma-separated. */
  @property({ converter: listConverter }) value: string[] = []
  @property() placeholder?: string
  /** Tags to suggest while typing (those already added are left out). */
  @property({ attribute: false }) suggestions: string[] = []
  /** At most this many tags. */
  @property({ type: Number }) max?: number
  @property({ type: Boolean, reflect: true }) open = false
  @state() private text = ''
  @state() private active = -1
  /** The chip that is the Tab stop of the list. */
  @state() private chip = -1
  @state() private announcement = ''
  @query('[part~="input"]') private input!: HTMLInputElement
  @query('[part~="field"]') private field!: HTMLElement
  @query('[part~="listbox"]') private listbox!: HTMLElement

  #initial?: string[]
  #refocusing = false
  readonly #popup = new PopupController(this, {
    anchor: () => this.field,
    panel: () => this.listbox,
    onOutside: () => (this.open = false),
  })

  /** Suggestions matching the typed text, not yet added. */
  get visibleSuggestions(): string[] {
    const typed = fold(this.text.trim())
    const taken = new Set(this.value.map(fold))
    return this.suggestions.filter((s) => !taken.has(fold(s)) && fold(s).includes(typed))
  }

  connectedCallback() {
    super.connectedCallback()
    this.#initial ??= [...this.value]
  }

  focus(options?: FocusOptions) {
    this.input?.focus(options)
  }

  /** Adds a tag as if the user had: refused (and announced) when a duplicate or over `max`. */
  addTag(raw: string): boolean {
    const tag = raw.trim().replace(/\s+/g, ' ')
    if (!tag) return false
    if (this.value.some((t) => fold(t) === fold(tag))) {
      this.#announce(this.t('controls.tag.duplicate', { tag }))
      return false
    }
    if (this.max !== undefined && this.value.length >= this.max) {
      this.#announce(this.t('controls.tag.max', { max: this.max }))
      return false
    }
    this.value = [...this.value, tag]
    this.#announce(this.t('controls.tag.added', { tag }))
    this.#emitChange({ added: tag })
    return true
  }

  /** Removes the tag at `index`, as if the user had. */
  removeTag(index: number) {
    const tag = this.value[index]
    if (tag === undefined) return
    this.value = this.value.filter((_, i) => i !== index)
    this.#announce(this.t('controls.tag.removed', { tag }))
    this.#emitChange({ removed: tag })
  }

  protected formValue() {
    if (!this.name) return null
    const data = new FormData()
    for (const tag of this.value) data.append(this.name, tag)
    return data
  }

  protected isEmpty() {
    return this.value.length === 0
  }

  protected validationAnchor() {
    return this.input
  }

  protected resetValue() {
    this.value = [...(this.#initial ?? [])]
    this.text = ''
  }

  formStateRestoreCallback(restored: unknown) {
    if (restored instanceof FormData) this.value = restored.getAll(this.name).map(String)
  }

  protected willUpdate(changed: PropertyValues) {
    super.willUpdate(changed)
    if (this.chip >= this.value.length) this.chip = this.value.length - 1
    const suggestions = this.visibleSuggestions.length
    if (this.active >= suggestions) this.active = -1
    if (this.open && !suggestions) this.open = false
  }

  protected updated(changed: PropertyValues) {
    super.updated(changed)
    if (changed.has('open')) {
      if (this.open) this.#popup.show()
      else this.#popup.hide()
    } else if (this.open) {
      this.#popup.place()
    }
  }

  render() {
    const suggestions = this.visibleSuggestions
    return html`<div part="base">
      ${this.renderLabel(() => this.focus())}
      <div part="field" class="field" @click=${this.#onFieldClick}>
        <ul
          part="tags"
          aria-labelledby="label"
          @keydown=${this.#onChipKeydown}
          @focusout=${this.#onChipFocusOut}
        >
          ${repeat(
            this.value,
            (tag) => tag,
            (tag, i) =>
              html`<li part="tag">
                <span class="tag-label">${tag}</span>
                <span
                  part="remove"
                  role="button"
                  data-index=${i}
                  tabindex=${ifDefined(this.chip >= 0 ? '-1' : undefined)}
                  aria-label=${this.t('controls.tag.remove', { tag })}
                  aria-disabled=${this.disabled ? 'true' : 'false'}
                  @click=${() => !this.disabled && this.#removeAndRefocus(i, 'input')}
                >
                  ${closeIcon}
                </span>
              </li>`
          )}
        </ul>
        <input
          part="input"
          id="input"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-labelledby="label"
          aria-controls="listbox"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-activedescendant=${ifDefined(
            this.open && this.active >= 0 ? `suggestion-${this.active}` : undefined
          )}
          aria-describedby=${['hint', this.describedBy].filter(Boolean).join(' ')}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          placeholder=${ifDefined(this.value.length ? undefined : this.placeholder)}
          ?disabled=${this.disabled}
          .value=${live(this.text)}
          @input=${this.#onInput}
          @keydown=${this.#onKeydown}
          @paste=${this.#onPaste}
          @focusout=${this.#onFocusOut}
        />
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
        ${suggestions.map(
          (suggestion, i) =>
            html`<div
              part="option"
              role="option"
              id="suggestion-${i}"
              class=${i === this.active ? 'active' : ''}
              aria-selected="false"
              @click=${() => this.#take(suggestion)}
              @pointermove=${() => (this.active = i)}
            >
              <span class="label">${suggestion}</span>
            </div>`
        )}
      </div>
      <span id="hint" class="visually-hidden">${this.t('controls.tag.hint')}</span>
      <span class="visually-hidden" role="status">${this.announcement}</span>
      ${this.renderMessage()}
    </div>`
  }

  #emitChange(detail: { added?: string; removed?: string }) {
    this.emit(
      new CustomEvent('change', {
        bubbles: true,
        composed: true,
        detail: { value: [...this.value], ...detail },
      })
    )
  }

  #announce(message: string) {
    // The same words twice are still said twice: clear, then set.
    this.announcement = ''
    void this.updateComplete.then(() => (this.announcement = message))
  }

  /** Adds a suggestion or the typed text, and empties the field when it was taken. */
  #take(tag: string) {
    if (this.addTag(tag)) this.text = ''
    this.active = -1
    this.open = false
    this.focus()
  }

  async #removeAndRefocus(index: number, then: 'input' | 'neighbour') {
    // The removed chip takes focus with it: that is not focus leaving the chips.
    this.#refocusing = true
    this.removeTag(index)
    if (then === 'neighbour' && this.value.length) {
      await this.#focusChip(Math.min(index, this.value.length - 1))
    } else {
      this.chip = -1
      this.focus()
    }
    this.#refocusing = false
  }

  /**
   * Chips are reached from the field, not with Tab (the field is the one Tab stop): they are
   * focusable only while one is visited, so focus delegated to the element lands in the field.
   */
  async #focusChip(index: number) {
    this.chip = index
    await this.updateComplete
    this.renderRoot.querySelectorAll<HTMLElement>('[part~="remove"]')[index]?.focus()
  }

  #onChipFocusOut(event: FocusEvent) {
    const next = event.relatedTarget as Element | null
    if (!this.#refocusing && !next?.closest?.('[part~="remove"]')) this.chip = -1
  }

  #onFieldClick(event: Event) {
    if (!(event.target as Element).closest('[part~="remove"]')) this.focus()
  }

  #onInput(event: InputEvent) {
    event.stopPropagation()
    const text = this.input.value
    // A comma ends a tag, as Enter does.
    if (text.includes(',')) {
      const [first, ...rest] = text.split(',')
      this.addTag(first)
      this.text = rest.join(',').trimStart()
      this.input.value = this.text
    } else {
      this.text = text
    }
    this.active = -1
    this.open = this.text.trim() !== '' && this.visibleSuggestions.length > 0
    this.emit(
      new CustomEvent('input', { bubbles: true, composed: true, detail: { query: this.text } })
    )
  }

  #onPaste(event: ClipboardEvent) {
    const pasted = event.clipboardData?.getData('text') ?? ''
    if (!/[,\n]/.test(pasted)) return
    event.preventDefault()
    for (const tag of pasted.split(/[,\n]/)) this.addTag(tag)
  }

  #onFocusOut(event: FocusEvent) {
    // Within the element (to a chip): nothing to do yet.
    if (this.renderRoot.contains(event.relatedTarget as Node)) return
    if (this.text.trim() && this.addTag(this.text)) this.text = ''
    this.open = false
  }

  #onKeydown(event: KeyboardEvent) {
    const suggestions = this.visibleSuggestions
    const atStart = this.input.selectionStart === 0 && this.input.selectionEnd === 0
    switch (event.key) {
      case 'Enter': {
        if (!this.text.trim() && this.active < 0) return
        event.preventDefault()
        this.#take(this.active >= 0 ? suggestions[this.active] : this.text)
        break
      }
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!suggestions.length) return
        event.preventDefault()
        if (event.altKey) {
          this.open = event.key === 'ArrowDown'
          return
        }
        this.open = true
        this.active = step(
          suggestions.map((label) => ({ value: label, label })),
          this.active,
          event.key === 'ArrowDown' ? 1 : -1,
          true
        )
        break
      }
      case 'Escape': {
        if (!this.open) return
        event.preventDefault()
        event.stopPropagation()
        this.open = false
        this.active = -1
        break
      }
      case 'Backspace':
      case 'ArrowLeft': {
        // From the start of the field (Backspace: an empty one) to the last chip.
        if (!atStart || !this.value.length || (event.key === 'Backspace' && this.text)) return
        event.preventDefault()
        void this.#focusChip(this.value.length - 1)
        break
      }
    }
  }

  #onChipKeydown(event: KeyboardEvent) {
    const index = Number((event.target as HTMLElement).dataset.index)
    if (Number.isNaN(index)) return
    const last = this.value.length - 1
    const moves: Record<string, number> = {
      ArrowLeft: Math.max(0, index - 1),
      ArrowUp: Math.max(0, index - 1),
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      Home: 0,
      End: last,
    }
    if (event.key in moves) {
      event.preventDefault()
      // Right of the last chip: back to the field.
      if (moves[event.key] > last) this.focus()
      else void this.#focusChip(moves[event.key])
    } else if (['Backspace', 'Delete', 'Enter', ' '].includes(event.key)) {
      event.preventDefault()
      if (!this.disabled) void this.#removeAndRefocus(index, 'neighbour')
    } else if (event.key === 'Escape') {
      event.stopPropagation()
      this.focus()
    }
  }
}

define('parley-tag-input', ParleyTagInput)

declare global {
  interface HTMLElementTagNameMap {
    'parley-tag-input': ParleyTagInput
  }
}
