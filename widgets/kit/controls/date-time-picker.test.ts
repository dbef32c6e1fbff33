import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import './date-time-picker.js'
import '../primitives/dialog.js'
import type { DateTimeChangeEvent, ParleyDateTimePicker } from './date-time-picker.js'
import type { ParleyDialog } from '../primitives/dialog.js'
import { deepFocus, expectEventReachesDocument } from '../test/helpers.js'
import { setLocale } from '../localize.js'
import { applyThemeCss } from '../theme.js'
import { expectReadable, onDarkSurface, useDefaultTheme } from './test-support.js'
import { addMonths, firstDayOfWeek, monthWeeks, parseDate, uses12Hours } from './calendar.js'

async function setup(
  template = html`<parley-date-time-picker
    label="Due"
    name="due"
    value="2025-03-14"
  ></parley-date-time-picker>`
) {
  const el = await fixture<ParleyDateTimePicker>(template)
  const root = el.shadowRoot!
  return {
    el,
    trigger: root.querySelector<HTMLElement>('[part~="trigger"]')!,
    dialog: root.querySelector<HTMLDialogElement>('dialog')!,
    focused: () => (deepFocus() as HTMLElement | null)?.dataset.date,
    title: () => root.querySelector('[part~="month"]')!.textContent!.trim(),
    day: (date: string) => root.querySelector<HTMLElement>(`td[data-date="${date}"]`)!,
    segment: (name: string) => root.querySelector<HTMLElement>(`[data-segment="${name}"]`)!,
  }
}

async function press(el: ParleyDateTimePicker, ...keys: string[]) {
  for (const key of keys) {
    const [modifier, main] = key.includes('+') ? key.split('+') : [undefined, key]
    if (modifier) await sendKeys({ down: modifier })
    await sendKeys({ press: main })
    if (modifier) await sendKeys({ up: modifier })
    await el.updateComplete
  }
}

describe('parley-date-time-picker', () => {
  afterEach(() => {
    setLocale(undefined)
    applyThemeCss('')
  })

  it('is a combobox with a dialog popup, named by its label and value, that passes axe closed and open', async () => {
    const { el, trigger, dialog } = await setup()
    expect(trigger.getAttribute('role')).to.equal('combobox')
    expect(trigger.getAttribute('aria-haspopup')).to.equal('dialog')
    const name = trigger
      .getAttribute('aria-labelledby')!
      .split(' ')
      .map((id) => el.shadowRoot!.getElementById(id)!.textContent!.trim())
      .join(' ')
    expect(name).to.equal('Due Mar 14, 2025')
    await expect(el).to.be.accessible()
    el.focus()
    await press(el, 'Enter')
    expect(dialog.matches(':modal'), 'a modal dialog on the top layer').to.equal(true)
    expect(trigger.getAttribute('aria-expanded')).to.equal('true')
    await expect(el).to.be.accessible()
  })

  it('opens on the chosen day and moves by day, week, week ends, month and year (APG grid keys)', async () => {
    const { el, focused, title, day } = await setup()
    el.focus()
    await press(el, 'Enter')
    expect(focused()).to.equal('2025-03-14')
    expect(day('2025-03-14').getAttribute('aria-selected')).to.equal('true')
    expect(title()).to.equal('March 2025')
    await press(el, 'ArrowRight')
    expect(focused()).to.equal('2025-03-15')
    await press(el, 'ArrowDown')
    expect(focused()).to.equal('2025-03-22')
    // English weeks start on Sunday: 16 March to 22 March.
    await press(el, 'Home')
    expect(focused()).to.equal('2025-03-16')
    await press(el, 'End')
    expect(focused()).to.equal('2025-03-22')
    await press(el, 'ArrowUp', 'ArrowLeft')
    expect(focused()).to.equal('2025-03-14')
    await press(el, 'PageDown')
    expect(focused()).to.equal('2025-04-14')
    expect(title()).to.equal('April 2025')
    await press(el, 'Shift+PageUp')
    expect(focused()).to.equal('2024-04-14')
    // Only the focused day is in the Tab order.
    expect(el.shadowRoot!.querySelectorAll('td[tabindex="0"]').length).to.equal(1)
  })

  it('chooses a day with Enter: value, input and change, closed, focus back on the field', async () => {
    const { el, trigger, dialog } = await setup()
    const seen: string[] = []
    el.addEventListener('input', (e) =>
      seen.push(`input:${(e as DateTimeChangeEvent).detail.value}`)
    )
    el.focus()
    await press(el, 'Enter', 'ArrowRight', 'ArrowRight')
    const change = (await expectEventReachesDocument('change', () =>
      press(el, 'Enter')
    )) as DateTimeChangeEvent
    expect(change.detail.value).to.equal('2025-03-16')
    expect(el.value).to.equal('2025-03-16')
    expect(seen).to.deep.equal(['input:2025-03-16'])
    expect(dialog.open).to.equal(false)
    expect(deepFocus()).to.equal(trigger)
    expect(el.shadowRoot!.querySelector('[part~="value"]')!.textContent).to.contain('Mar 16, 2025')
  })

  it('cancels with Escape, giving focus back, and a dialog around it stays open', async () => {
    const outer = await fixture<ParleyDialog>(
      html`<parley-dialog label="Schedule">
        <parley-date-time-picker label="Due" value="2025-03-14"></parley-date-time-picker>
      </parley-dialog>`
    )
    outer.show()
    await outer.updateComplete
    const el = outer.querySelector('parley-date-time-picker')!
    el.focus()
    await press(el, 'Enter', 'ArrowRight', 'Escape')
    await el.updateComplete
    expect(el.open).to.equal(false)
    expect(el.value).to.equal('2025-03-14')
    expect(deepFocus()).to.equal(el.shadowRoot!.querySelector('[part~="trigger"]'))
    expect(outer.open).to.equal(true)
  })

  it('keeps days outside min and max from being chosen, and reports a value out of range', async () => {
    const { el, day, focused } = await setup(
      html`<parley-date-time-picker
        label="Due"
        value="2025-03-14"
        min="2025-03-10"
        max="2025-03-20"
      ></parley-date-time-picker>`
    )
    el.focus()
    await press(el, 'Enter')
    expect(day('2025-03-09').getAttribute('aria-disabled')).to.equal('true')
    expect(day('2025-03-10').hasAttribute('aria-disabled')).to.equal(false)
    const [previous, next] = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="nav"]')
    expect(previous.disabled && next.disabled).to.equal(true)
    await press(el, 'ArrowUp')
    expect(focused()).to.equal('2025-03-07')
    await press(el, 'Enter')
    expect(el.open, 'a disabled day is not chosen').to.equal(true)
    expect(el.value).to.equal('2025-03-14')
    await press(el, 'Escape')
    el.value = '2025-03-01'
    await el.updateComplete
    expect(el.validity.rangeUnderflow).to.equal(true)
    expect(el.validationMessage).to.equal('Choose Mar 10, 2025 or later')
    el.value = '2025-04-01'
    await el.updateComplete
    expect(el.validity.rangeOverflow).to.equal(true)
  })

  it('sets a time with spinbuttons: arrows, typed digits, minute steps, AM/PM, then Done', async () => {
    const { el, segment } = await setup(
      html`<parley-date-time-picker
        label="Send at"
        type="datetime"
        minute-step="15"
        value="2025-03-14T09:30"
      ></parley-date-time-picker>`
    )
    el.focus()
    await press(el, 'Enter')
    const hour = segment('hour')
    expect(hour.getAttribute('role')).to.equal('spinbutton')
    expect(hour.getAttribute('aria-valuenow')).to.equal('9')
    expect([hour.getAttribute('aria-valuemin'), hour.getAttribute('aria-valuemax')]).to.deep.equal([
      '1',
      '12',
    ])
    hour.focus()
    await press(el, 'ArrowUp')
    expect(hour.getAttribute('aria-valuetext')).to.equal('10')
    await press(el, '1', '1')
    expect(hour.getAttribute('aria-valuenow')).to.equal('11')
    expect(deepFocus(), 'two digits: on to the minutes').to.equal(segment('minute'))
    await press(el, 'ArrowUp')
    expect(segment('minute').getAttribute('aria-valuenow')).to.equal('45')
    await press(el, 'ArrowUp')
    expect(segment('minute').getAttribute('aria-valuenow'), 'round the end').to.equal('0')
    segment('period').focus()
    await press(el, 'p')
    expect(segment('period').getAttribute('aria-valuetext')).to.equal('PM')
    let value = ''
    el.addEventListener('change', (e) => (value = (e as DateTimeChangeEvent).detail.value))
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click()
    await el.updateComplete
    expect(value).to.equal('2025-03-14T23:00')
    expect(el.valueAsDate!.getHours()).to.equal(23)
  })

  it('speaks Spanish: Monday first, 24-hour clock, month and buttons in Spanish', async () => {
    setLocale('es')
    const { el, title, segment } = await setup(
      html`<parley-date-time-picker
        label="Envío"
        type="datetime"
        value="2025-03-14T21:05"
      ></parley-date-time-picker>`
    )
    expect(el.shadowRoot!.querySelector('[part~="value"]')!.textContent).to.contain(
      '14 mar 2025, 21:05'
    )
    await el.show()
    expect(title()).to.equal('Marzo de 2025')
    const headers = [...el.shadowRoot!.querySelectorAll('[part~="weekday"]')]
    expect(headers[0].getAttribute('abbr')).to.equal('lunes')
    expect(segment('period'), 'no AM/PM').to.equal(null)
    expect(segment('hour').getAttribute('aria-valuenow')).to.equal('21')
    expect(segment('hour').getAttribute('aria-label')).to.equal('Horas')
    expect(el.shadowRoot!.querySelector('button.primary')!.textContent!.trim()).to.equal('Aceptar')
  })

  it("knows each locale's week and clock, and lays out months in whole weeks", () => {
    expect(firstDayOfWeek('en')).to.equal(0)
    expect(firstDayOfWeek('es')).to.equal(1)
    expect(uses12Hours('en')).to.equal(true)
    expect(uses12Hours('es')).to.equal(false)
    // March 2025 starts on a Saturday: six Sunday-first weeks, five Monday-first.
    expect(monthWeeks(2025, 3, 0).length).to.equal(6)
    expect(monthWeeks(2025, 3, 1).length).to.equal(6)
    expect(monthWeeks(2026, 2, 0).length, 'February 2026 begins on a Sunday').to.equal(4)
    expect(addMonths({ year: 2025, month: 1, day: 31 }, 1)).to.deep.equal({
      year: 2025,
      month: 2,
      day: 28,
    })
    expect(parseDate('2025-02-30')).to.equal(undefined)
  })

  it('takes part in forms: value, required, reset', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <parley-date-time-picker label="Due" name="due" required></parley-date-time-picker>
        <parley-date-time-picker
          label="Start"
          name="start"
          value="2025-01-02"
        ></parley-date-time-picker>
      </form>`
    )
    const [due, start] = form.querySelectorAll('parley-date-time-picker')
    expect(form.checkValidity()).to.equal(false)
    expect(due.validity.valueMissing).to.equal(true)
    form.reportValidity()
    await due.updateComplete
    expect(
      due.shadowRoot!.querySelector('[part~="trigger"]')!.getAttribute('aria-invalid')
    ).to.equal('true')
    due.value = '2025-05-01'
    start.value = '2025-02-02'
    await Promise.all([due.updateComplete, start.updateComplete])
    expect(Object.fromEntries(new FormData(form))).to.deep.equal({
      due: '2025-05-01',
      start: '2025-02-02',
    })
    form.reset()
    await start.updateComplete
    expect(start.value).to.equal('2025-01-02')
    expect(due.value).to.equal('')
  })

  it('is readable in the dark scheme: field, weekdays, days, the chosen day, the time', async () => {
    useDefaultTheme()
    const { el, day, segment } = await setup(
      html`<parley-date-time-picker
        label="Send at"
        type="datetime"
        value="2025-03-14T09:30"
        data-parley-scheme="dark"
      ></parley-date-time-picker>`
    )
    onDarkSurface(el)
    expectReadable(el.shadowRoot!.querySelector('[part~="value"]')!, 'value')
    await el.show()
    expectReadable(el.shadowRoot!.querySelector('[part~="weekday"]')!, 'weekday')
    expectReadable(day('2025-03-13'), 'a day')
    expectReadable(day('2025-03-14'), 'the chosen day')
    expectReadable(segment('minute'), 'minutes')
    segment('minute').focus()
    expectReadable(segment('minute'), 'focused minutes')
    expectReadable(el.shadowRoot!.querySelector('button.primary')!, 'Done')
  })
})
