import { html, nothing, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import { localeFor } from '../localize.js'
import { ParleyFormControl, type Constraint } from './form-control.js'
import { PopupController } from './popup.js'
import {
  addDays,
  addMonths,
  compareDates,
  dayPeriods,
  describe,
  firstDayOfWeek,
  formatDate,
  formatTime,
  monthTitle,
  monthWeeks,
  parseDate,
  parseTime,
  today,
  uses12Hours,
  weekday,
  weekdayNames,
  type PlainDate,
  type PlainTime,
} from './calendar.js'
import {
  DigitEntry,
  segmentRange,
  segmentValue,
  spin,
  withSegment,
  type Segment,
} from './time-segments.js'
import { calendarIcon } from './icons.js'
import { fieldStyles } from './field.styles.js'
import { pickerStyles } from './date-time-picker.styles.js'

export const PICKER_TYPES = ['date', 'datetime'] as const
export type PickerType = (typeof PICKER_TYPES)[number]

/** `change` and `input` of a parley-date-time-picker: the new value ('' once cleared). */
export type DateTimeChangeEvent = CustomEvent<{ value: string }>

/**
 * A date, or a date and time, chosen in a dialog (WAI-ARIA APG date picker dialog): the field (a
 * combobox with a dialog popup) opens a modal calendar grid on the top layer; `type="datetime"`
 * adds hour and minute spinbuttons (and AM/PM where the locale uses it). Month and weekday names,
 * the first day of the week and the clock come from Intl in the element's locale. In the grid,
 * arrows move by day and week, Home and End to the week's ends, Page Up and Page Down by month
 * (with Shift, by year), Enter or Space choose; in a time segment, arrows and Page keys change it,
 * digits type it. Escape cancels and gives focus back to the field. The value is local and
 * zone-less, like native inputs: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`. Form-associated, with `min`
 * and `max` as constraints.
 *
 * @event input - The user chose a value: `event.detail.value`.
 * @event change - The user chose a value: `event.detail.value` (after `input`).
 * @csspart base - The wrapper of label, field and message.
 * @csspart label - The label.
 * @csspart trigger - The field that opens the dialog (role combobox).
 * @csspart value - The chosen date (or the placeholder) inside the field.
 * @csspart dialog - The calendar dialog.
 * @csspart header - The month title and the previous and next buttons.
 * @csspart nav - The previous and next month buttons.
 * @csspart month - The month and year shown.
 * @csspart grid - The calendar grid.
 * @csspart weekday - A weekday's column header.
 * @csspart day - A day of the month.
 * @csspart time - The time row.
 * @csspart segment - An hour, minute or AM/PM spinbutton.
 * @csspart footer - The row of buttons.
 * @csspart button - A button of the footer (Today, Clear, Cancel, Done).
 * @csspart help - The help line.
 * @csspart error - The error line.
 * @cssproperty --parley-control-height - Minimum height of the field (36px; 30px when `size="sm"`).
 * @cssproperty --parley-control-radius - Corner radius of the field.
 */
export class ParleyDateTimePicker extends ParleyFormControl {
  static styles = [ParleyElement.styles, fieldStyles, pickerStyles]

  /** `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` with `type="datetime"` ('' for none). */
  @property() value = ''
  @property({ reflect: true }) type: PickerType = 'date'
  /** The earliest value allowed, in the value's format. */
  @property() min?: string
  /** The latest value allowed, in the value's format. */
  @property() max?: string
  /** Minutes move by this much (5, 15…). */
  @property({ type: Number, attribute: 'minute-step' }) minuteStep = 1
  @property() placeholder?: string
  @property({ type: Boolean, reflect: true }) open = false
  /** The month shown. */
  @state() private view: PlainDate = today()
  /** The day with the grid's focus. */
  @state() private focusDate: PlainDate = today()
  /** The day chosen in the dialog, not yet the value. */
  @state() private draftDate?: PlainDate
  @state() private draftTime: PlainTime = { hour: 9, minute: 0 }
  @query('[part~="trigger"]') private trigger!: HTMLElement
  @query('dialog') private dialog!: HTMLDialogElement

  #initial?: string
  readonly #digits = new DigitEntry()
  readonly #popup = new PopupController(this, {
    anchor: () => this.trigger,
    panel: () => this.dialog,
    onOutside: () => {},
  })

  /** The value as a local Date (undefined when empty). */
  get valueAsDate(): Date | undefined {
    const date = parseDate(this.value)
    if (!date) return undefined
    const time = parseTime(this.value) ?? { hour: 0, minute: 0 }
    return new Date(date.year, date.month - 1, date.day, time.hour, time.minute)
  }

  connectedCallback() {
    super.connectedCallback()
    this.#initial ??= this.value
  }

  /** Opens the dialog on the chosen day (or today). */
  async show() {
    if (this.disabled || this.open) return
    this.open = true
    await this.updateComplete
    this.#focusDay()
  }

  /** Closes the dialog without changing the value; focus goes back to the field. */
  hide() {
    this.open = false
  }

  focus(options?: FocusOptions) {
    this.trigger?.focus(options)
  }

  protected formValue() {
    return this.value
  }

  protected isEmpty() {
    return !this.value
  }

  protected validationAnchor() {
    return this.trigger
  }

  protected resetValue() {
    this.value = this.#initial ?? ''
  }

  protected constraint(): Constraint | undefined {
    if (!this.value) return undefined
    if (this.min && this.value < this.min)
      return {
        flags: { rangeUnderflow: true },
        message: this.t('controls.date.tooEarly', { date: this.#describe(this.min) }),
      }
    if (this.max && this.value > this.max)
      return {
        flags: { rangeOverflow: true },
        message: this.t('controls.date.tooLate', { date: this.#describe(this.max) }),
      }
    return undefined
  }

  formStateRestoreCallback(restored: unknown) {
    if (typeof restored === 'string') this.value = restored
  }

  protected willUpdate(changed: PropertyValues) {
    super.willUpdate(changed)
    if (changed.has('open') && this.open) {
      // Each opening starts from the value: what was left unconfirmed last time is gone.
      const date = parseDate(this.value)
      this.draftDate = date
      this.draftTime = parseTime(this.value) ?? this.#nextStep()
      this.focusDate = this.#clamp(date ?? today())
      this.view = { ...this.focusDate, day: 1 }
    }
  }

  protected updated(changed: PropertyValues) {
    super.updated(changed)
    if (!changed.has('open')) return
    if (this.open) this.#popup.show()
    else if (changed.get('open')) {
      this.#popup.hide()
      this.focus()
    }
  }

  render() {
    const locale = localeFor(this)
    const chosen = this.#describe(this.value)
    const datetime = this.type === 'datetime'
    return html`<div part="base">
      ${this.renderLabel(() => this.focus())}
      <div
        part="trigger"
        class="field"
        role="combobox"
        tabindex=${this.disabled ? '-1' : '0'}
        aria-labelledby="label value"
        aria-haspopup="dialog"
        aria-controls="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${this.invalid ? 'true' : 'false'}
        aria-disabled=${this.disabled ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy)}
        @click=${() => (this.open ? this.hide() : this.show())}
        @keydown=${this.#onTriggerKeydown}
      >
        <span part="value" id="value" class="grow ${chosen ? '' : 'placeholder'}"
          >${
            chosen ||
            this.placeholder ||
            this.t(datetime ? 'controls.date.chooseTime' : 'controls.date.choose')
          }</span
        >
        ${calendarIcon}
      </div>
      <dialog
        part="dialog"
        id="dialog"
        aria-labelledby="dialog-title"
        @close=${() => (this.open = false)}
        @keydown=${this.#onDialogKeydown}
        @click=${this.#onDialogClick}
      >
        <h2 id="dialog-title" class="visually-hidden">
          ${this.label}: ${this.t(datetime ? 'controls.date.chooseTime' : 'controls.date.choose')}
        </h2>
        ${this.open ? this.#renderCalendar(locale) : nothing}
      </dialog>
      ${this.renderMessage()}
    </div>`
  }

  #renderCalendar(locale: string) {
    const firstDay = firstDayOfWeek(locale)
    const min = parseDate(this.min)
    const max = parseDate(this.max)
    const now = today()
    const next = addMonths(this.view, 1)
    const beforeMin = (d: PlainDate) => Boolean(min && compareDates(d, min) < 0)
    const afterMax = (d: PlainDate) => Boolean(max && compareDates(d, max) > 0)
    const lastOfPrevious = addDays(this.view, -1)
    return html`<div part="header">
        <button
          part="nav"
          type="button"
          aria-label=${this.t('controls.date.previousMonth')}
          ?disabled=${beforeMin(lastOfPrevious)}
          @click=${() => this.#moveFocus(addMonths(this.focusDate, -1), false)}
        >
          ‹
        </button>
        <h3 part="month" id="month" aria-live="polite">
          ${monthTitle(locale, this.view.year, this.view.month)}
        </h3>
        <button
          part="nav"
          type="button"
          aria-label=${this.t('controls.date.nextMonth')}
          ?disabled=${afterMax({ ...next, day: 1 })}
          @click=${() => this.#moveFocus(addMonths(this.focusDate, 1), false)}
        >
          ›
        </button>
      </div>
      <table
        part="grid"
        role="grid"
        aria-labelledby="month"
        aria-describedby="grid-hint"
        @keydown=${this.#onGridKeydown}
      >
        <thead>
          <tr>
            ${weekdayNames(locale, firstDay).map(
              (name) => html`<th part="weekday" scope="col" abbr=${name.long}>${name.short}</th>`
            )}
          </tr>
        </thead>
        <tbody>
          ${monthWeeks(this.view.year, this.view.month, firstDay).map(
            (week) =>
              html`<tr>
                ${week.map((day) =>
                  day
                    ? html`<td
                        part="day"
                        tabindex=${compareDates(day, this.focusDate) === 0 ? '0' : '-1'}
                        data-date=${formatDate(day)}
                        aria-label=${describe(locale, day, undefined, 'full')}
                        aria-selected=${
                          this.draftDate && compareDates(day, this.draftDate) === 0
                            ? 'true'
                            : 'false'
                        }
                        aria-current=${ifDefined(compareDates(day, now) === 0 ? 'date' : undefined)}
                        aria-disabled=${ifDefined(
                          beforeMin(day) || afterMax(day) ? 'true' : undefined
                        )}
                        @click=${() => this.#choose(day)}
                      >
                        ${day.day}
                      </td>`
                    : html`<td></td>`
                )}
              </tr>`
          )}
        </tbody>
      </table>
      <span id="grid-hint" class="visually-hidden">${this.t('controls.date.gridHint')}</span>
      ${this.type === 'datetime' ? this.#renderTime(locale) : nothing}
      <div part="footer">
        <button part="button" type="button" class="quiet" @click=${this.#goToday}>
          ${this.t('controls.date.today')}
        </button>
        <span class="spacer"></span>
        ${
          this.value && !this.required
            ? html`<button part="button" type="button" class="quiet" @click=${this.#clear}>
                ${this.t('controls.clear')}
              </button>`
            : nothing
        }
        <button part="button" type="button" @click=${() => this.hide()}>
          ${this.t('controls.confirm.cancel')}
        </button>
        ${
          this.type === 'datetime'
            ? html`<button part="button" type="button" class="primary" @click=${this.#done}>
                ${this.t('controls.date.done')}
              </button>`
            : nothing
        }
      </div>`
  }

  #renderTime(locale: string) {
    const twelve = uses12Hours(locale)
    const periods = dayPeriods(locale)
    const segment = (name: Segment, label: string) => {
      const range = segmentRange(name, twelve, this.minuteStep)
      const value = segmentValue(name, this.draftTime, twelve)
      const text = name === 'period' ? periods[value] : String(value).padStart(2, '0')
      return html`<span
        part="segment"
        role="spinbutton"
        tabindex="0"
        data-segment=${name}
        aria-label=${label}
        aria-valuemin=${range.min}
        aria-valuemax=${range.max}
        aria-valuenow=${value}
        aria-valuetext=${text}
        @keydown=${this.#onSegmentKeydown}
        @focus=${() => this.#digits.reset()}
        >${text}</span
      >`
    }
    return html`<div part="time" role="group" aria-labelledby="time-label">
      <span id="time-label" class="time-label">${this.t('controls.date.time')}</span>
      <span class="segments">
        ${segment('hour', this.t('controls.date.hour'))}<span aria-hidden="true">:</span
        >${segment('minute', this.t('controls.date.minute'))}
        ${twelve ? segment('period', this.t('controls.date.dayPeriod')) : nothing}
      </span>
    </div>`
  }

  /** A value written out for the field ("14 Mar 2025, 09:30"), '' for none. */
  #describe(value: string | undefined) {
    const date = parseDate(value)
    if (!date) return ''
    return describe(localeFor(this), date, this.type === 'datetime' ? parseTime(value) : undefined)
  }

  /** Now, rounded up to the minute step: a sensible time to start from. */
  #nextStep(): PlainTime {
    const now = new Date()
    const step = Math.max(1, this.minuteStep)
    const minutes = Math.ceil((now.getHours() * 60 + now.getMinutes()) / step) * step
    return { hour: Math.floor(minutes / 60) % 24, minute: minutes % 60 }
  }

  #clamp(date: PlainDate): PlainDate {
    const min = parseDate(this.min)
    const max = parseDate(this.max)
    if (min && compareDates(date, min) < 0) return min
    if (max && compareDates(date, max) > 0) return max
    return date
  }

  async #moveFocus(date: PlainDate, focusGrid = true) {
    this.focusDate = date
    this.view = { ...date, day: 1 }
    if (!focusGrid) return
    await this.updateComplete
    this.#focusDay()
  }

  #focusDay() {
    this.renderRoot.querySelector<HTMLElement>('td[tabindex="0"]')?.focus()
  }

  #isAllowed(date: PlainDate) {
    const min = parseDate(this.min)
    const max = parseDate(this.max)
    return !(min && compareDates(date, min) < 0) && !(max && compareDates(date, max) > 0)
  }

  #choose(date: PlainDate) {
    if (!this.#isAllowed(date)) return
    this.focusDate = date
    this.draftDate = date
    if (this.type === 'date') this.#commit(formatDate(date))
  }

  #done() {
    const date = this.draftDate ?? this.focusDate
    if (!this.#isAllowed(date)) return
    this.#commit(`${formatDate(date)}T${formatTime(this.draftTime)}`)
  }

  #clear() {
    this.#commit('')
  }

  #commit(value: string) {
    this.hide()
    if (value === this.value) return
    this.value = value
    const detail = { value }
    this.emit(new CustomEvent('input', { bubbles: true, composed: true, detail }))
    this.emit(new CustomEvent('change', { bubbles: true, composed: true, detail }))
  }

  #goToday() {
    const date = this.#clamp(today())
    if (this.type === 'datetime') this.draftDate = date
    void this.#moveFocus(date)
  }

  #onTriggerKeydown(event: KeyboardEvent) {
    if (['Enter', ' ', 'ArrowDown'].includes(event.key)) {
      event.preventDefault()
      void this.show()
    }
  }

  #onDialogKeydown(event: KeyboardEvent) {
    // The dialog's own Escape closes it; nothing around it (a launcher panel) should hear it.
    if (event.key === 'Escape') event.stopPropagation()
  }

  #onDialogClick(event: MouseEvent) {
    // A press on the backdrop targets the dialog itself, outside its box.
    if (event.target !== this.dialog) return
    const box = this.dialog.getBoundingClientRect()
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom
    if (!inside) this.hide()
  }

  #onGridKeydown(event: KeyboardEvent) {
    const cell = (event.target as HTMLElement).closest('td[data-date]')
    if (!cell) return
    const firstDay = firstDayOfWeek(localeFor(this))
    const at = this.focusDate
    const column = (weekday(at) - firstDay + 7) % 7
    const years = event.shiftKey ? 12 : 1
    const moves: Record<string, () => PlainDate> = {
      ArrowLeft: () => addDays(at, -1),
      ArrowRight: () => addDays(at, 1),
      ArrowUp: () => addDays(at, -7),
      ArrowDown: () => addDays(at, 7),
      Home: () => addDays(at, -column),
      End: () => addDays(at, 6 - column),
      PageUp: () => addMonths(at, -years),
      PageDown: () => addMonths(at, years),
    }
    if (event.key in moves) {
      event.preventDefault()
      void this.#moveFocus(moves[event.key]())
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      this.#choose(at)
    }
  }

  #onSegmentKeydown(event: KeyboardEvent) {
    const target = event.target as HTMLElement
    const name = target.dataset.segment as Segment
    const twelve = uses12Hours(localeFor(this))
    const range = segmentRange(name, twelve, this.minuteStep)
    const current = segmentValue(name, this.draftTime, twelve)
    const spun = spin(current, event.key, range)
    if (spun !== undefined) {
      event.preventDefault()
      this.draftTime = withSegment(name, this.draftTime, spun, twelve)
      return
    }
    if (/^\d$/.test(event.key) && name !== 'period') {
      event.preventDefault()
      const { value, done } = this.#digits.type(event.key, range)
      if (value !== undefined) this.draftTime = withSegment(name, this.draftTime, value, twelve)
      if (done) {
        const segments = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="segment"]')]
        segments[segments.indexOf(target) + 1]?.focus()
      }
      return
    }
    if (name === 'period' && event.key.length === 1) {
      const [am, pm] = dayPeriods(localeFor(this)).map((p) => p[0].toLowerCase())
      const key = event.key.toLowerCase()
      if (key === am || key === pm) {
        event.preventDefault()
        this.draftTime = withSegment(name, this.draftTime, key === pm ? 1 : 0, twelve)
      }
    }
  }
}

define('parley-date-time-picker', ParleyDateTimePicker)

declare global {
  interface HTMLElementTagNameMap {
    'parley-date-time-picker': ParleyDateTimePicker
  }
}
