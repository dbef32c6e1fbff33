import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys, sendMouse } from '@web/test-runner-commands'
import './combobox.js'
import type { ComboboxChangeEvent, ComboboxInputEvent, ParleyCombobox } from './combobox.js'
import { PEOPLE } from './sample-people.js'
import { deepFocus, expectEventReachesDocument } from '../test/helpers.js'
import { setLocale } from '../localize.js'
import { applyThemeCss } from '../theme.js'
import { expectReadable, onDarkSurface, useDefaultTheme } from './test-support.js'

async function setup(
  template = html`<parley-combobox label="Assignee" name="assignee"></parley-combobox>`
) {
  const el = await fixture<ParleyCombobox>(template)
  if (!el.options.length && !el.querySelector('option')) el.options = PEOPLE
  await el.updateComplete
  const root = el.shadowRoot!
  return {
    el,
    input: root.querySelector<HTMLInputElement>('[part~="input"]')!,
    listbox: root.querySelector<HTMLElement>('[role="listbox"]')!,
    popup: root.querySelector<HTMLElement>('[part~="popup"]')!,
    labels: () => [...root.querySelectorAll('[role="option"] .label')].map((l) => l.textContent),
    active: () => {
      const id = root.querySelector('[part~="input"]')!.getAttribute('aria-activedescendant')
      return id ? root.getElementById(id)!.querySelector('.label')!.textContent : null
    },
  }
}

async function press(el: ParleyCombobox, ...keys: string[]) {
  for (const key of keys) {
    // Modifier+key, held the way a person does (the runner's `press` takes single keys).
    const [modifier, main] = key.includes('+') ? key.split('+') : [undefined, key]
    if (modifier) await sendKeys({ down: modifier })
    await sendKeys({ press: main })
    if (modifier) await sendKeys({ up: modifier })
    await el.updateComplete
  }
}

async function type(el: ParleyCombobox, text: string) {
  await sendKeys({ type: text })
  await el.updateComplete
}

describe('parley-combobox', () => {
  afterEach(() => {
    setLocale(undefined)
    applyThemeCss('')
  })

  it('is an editable combobox with a listbox popup that passes axe, closed and open', async () => {
    const { el, input, listbox, popup } = await setup()
    expect(input.getAttribute('role')).to.equal('combobox')
    expect(input.getAttribute('aria-autocomplete')).to.equal('list')
    expect(input.getAttribute('aria-expanded')).to.equal('false')
    expect(el.shadowRoot!.getElementById(input.getAttribute('aria-controls')!)).to.equal(listbox)
    await expect(el).to.be.accessible()
    el.focus()
    await press(el, 'ArrowDown')
    expect(popup.matches(':popover-open')).to.equal(true)
    expect(input.getAttribute('aria-expanded')).to.equal('true')
    await expect(el).to.be.accessible()
  })

  it('filters as the user types, ignoring accents and case, highlights the first match and takes it on Enter', async () => {
    const { el, input, labels, active } = await setup()
    const queries: string[] = []
    el.addEventListener('input', (e) => queries.push((e as ComboboxInputEvent).detail.query))
    el.focus()
    await type(el, 'jose')
    expect(el.open).to.equal(true)
    expect(labels()).to.deep.equal(['José Ortega'])
    expect(active()).to.equal('José Ortega')
    expect(queries).to.deep.equal(['j', 'jo', 'jos', 'jose'])
    const change = (await expectEventReachesDocument('change', () =>
      press(el, 'Enter')
    )) as ComboboxChangeEvent
    expect(change.detail.value).to.equal('jose')
    expect(change.detail.option!.label).to.equal('José Ortega')
    expect(el.value).to.equal('jose')
    expect(input.value).to.equal('José Ortega')
    expect(el.open).to.equal(false)
    expect(deepFocus()).to.equal(input)
  })

  it('ranks a word starting with the text first, then the label containing it, then the description', async () => {
    const { el, labels } = await setup()
    el.focus()
    await type(el, 'ma')
    expect(labels()).to.deep.equal(['Elena Martín', 'Ana Lima'])
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('2 results')
    await press(el, 'Backspace', 'Backspace')
    await type(el, 'ana@')
    expect(labels()).to.deep.equal(['Ana Lima'])
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('1 result')
  })

  it('opens and moves with Down and Up round the ends, Alt+Down opens without moving, Page keys jump', async () => {
    const { el, active } = await setup()
    el.focus()
    await press(el, 'Alt+ArrowDown')
    expect(el.open).to.equal(true)
    expect(active()).to.equal(null)
    await press(el, 'ArrowDown')
    expect(active()).to.equal('Ana Lima')
    await press(el, 'ArrowUp')
    expect(active()).to.equal('José Ortega')
    await press(el, 'ArrowDown')
    expect(active()).to.equal('Ana Lima')
    await press(el, 'PageDown')
    expect(active()).to.equal('José Ortega')
    await press(el, 'Alt+ArrowUp')
    expect(el.open).to.equal(false)
    await press(el, 'ArrowUp')
    expect(active(), 'Up opens on the last').to.equal('José Ortega')
  })

  it('Escape closes first, then clears; leaving the field puts the chosen label back', async () => {
    const { el, input } = await setup(
      html`<parley-combobox label="Assignee" .options=${PEOPLE} value="bruno"></parley-combobox>`
    )
    expect(input.value).to.equal('Bruno Díaz')
    el.focus()
    input.select()
    await type(el, 'zzz')
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal('No results')
    await press(el, 'Escape')
    expect(el.open).to.equal(false)
    expect(el.value).to.equal('bruno')
    expect(input.value, 'closing puts the label back').to.equal('Bruno Díaz')
    let changed: string | undefined
    el.addEventListener('change', (e) => (changed = (e as ComboboxChangeEvent).detail.value))
    await press(el, 'Escape')
    expect(el.value).to.equal('')
    expect(changed).to.equal('')
    expect(input.value).to.equal('')
    // Typing something that matches nothing, then leaving: no value, the text goes.
    el.value = 'carla'
    await el.updateComplete
    el.focus()
    input.select()
    await type(el, 'nobody')
    await press(el, 'Tab')
    expect(el.value).to.equal('carla')
    expect(input.value).to.equal('Carla Dias')
  })

  it('shows avatars with presence dots, says presence in words, and shows the chosen person in the field', async () => {
    const { el } = await setup(
      html`<parley-combobox label="Assignee" .options=${PEOPLE} value="ana"></parley-combobox>`
    )
    const field = el.shadowRoot!.querySelector('[part~="field"]')!
    expect(field.querySelector('parley-avatar')!.getAttribute('name')).to.equal('Ana Lima')
    expect(field.querySelector('[data-presence="online"]')).to.exist
    el.show()
    await el.updateComplete
    const options = [...el.shadowRoot!.querySelectorAll('[role="option"]')]
    expect(
      options.map((o) => o.querySelector('[part="presence"]')!.getAttribute('data-presence'))
    ).to.deep.equal(PEOPLE.map((p) => p.presence))
    expect(options[1].querySelector('.visually-hidden')!.textContent).to.contain('Away')
    expect(options[0].getAttribute('aria-selected')).to.equal('true')
    await expect(el).to.be.accessible()
  })

  it('a click into a field holding a name selects it, so typing searches afresh', async () => {
    const { el, input } = await setup()
    el.value = 'carla'
    await el.updateComplete
    const box = input.getBoundingClientRect()
    await sendMouse({
      type: 'click',
      position: [Math.round(box.x + 30), Math.round(box.y + box.height / 2)],
    })
    await new Promise((r) => setTimeout(r, 20))
    await type(el, 'bru')
    expect(input.value).to.equal('bru')
  })

  it('chooses with the pointer, keeping focus in the field', async () => {
    const { el, input } = await setup()
    const box = input.getBoundingClientRect()
    await sendMouse({
      type: 'click',
      position: [Math.round(box.x + 20), Math.round(box.y + box.height / 2)],
    })
    await el.updateComplete
    expect(el.open, 'a click opens it').to.equal(true)
    const option = el.shadowRoot!.querySelectorAll('[role="option"]')[2].getBoundingClientRect()
    await sendMouse({
      type: 'click',
      position: [Math.round(option.x + 40), Math.round(option.y + option.height / 2)],
    })
    await el.updateComplete
    expect(el.value).to.equal('carla')
    expect(deepFocus()).to.equal(input)
  })

  it('takes part in forms: submitted value, required, reset', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <parley-combobox
          label="Assignee"
          name="assignee"
          required
          .options=${PEOPLE}
        ></parley-combobox>
      </form>`
    )
    const el = form.querySelector('parley-combobox')!
    await el.updateComplete
    expect(form.checkValidity()).to.equal(false)
    form.reportValidity()
    await el.updateComplete
    const input = el.shadowRoot!.querySelector('input')!
    expect(input.getAttribute('aria-invalid')).to.equal('true')
    el.focus()
    await type(el, 'elena')
    await press(el, 'Enter')
    expect(form.checkValidity()).to.equal(true)
    expect(new FormData(form).get('assignee')).to.equal('elena')
    form.reset()
    await el.updateComplete
    expect(el.value).to.equal('')
    expect(input.value).to.equal('')
  })

  it('leaves filtering to the host with no-filter, and says when options are loading', async () => {
    const { el, labels } = await setup(
      html`<parley-combobox label="Contact" no-filter loading></parley-combobox>`
    )
    el.focus()
    await type(el, 'zz')
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal('Loading…')
    el.loading = false
    el.options = PEOPLE.slice(0, 2)
    await el.updateComplete
    expect(labels(), 'shown as given, not filtered').to.deep.equal(['Ana Lima', 'Bruno Díaz'])
  })

  it('clears with its clear button', async () => {
    const { el } = await setup(
      html`<parley-combobox
        label="Assignee"
        clearable
        .options=${PEOPLE}
        value="ana"
      ></parley-combobox>`
    )
    const clear = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="clear"]')!
    expect(clear.getAttribute('aria-label')).to.equal('Clear')
    clear.click()
    await el.updateComplete
    expect(el.value).to.equal('')
  })

  it('speaks Spanish', async () => {
    setLocale('es')
    const { el, input } = await setup()
    expect(input.placeholder).to.equal('Selecciona…')
    el.focus()
    await type(el, 'qq')
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal('Sin resultados')
    const option = PEOPLE[0]
    el.options = [option]
    input.select()
    await type(el, 'a')
    expect(
      el.shadowRoot!.querySelector('[role="option"] .visually-hidden')!.textContent
    ).to.contain('En línea')
  })

  it('is readable in the dark scheme: text, placeholder, options, descriptions', async () => {
    useDefaultTheme()
    const { el } = await setup(
      html`<parley-combobox
        label="Assignee"
        data-parley-scheme="dark"
        .options=${PEOPLE}
      ></parley-combobox>`
    )
    onDarkSurface(el)
    const input = el.shadowRoot!.querySelector('input')!
    expectReadable(input, 'input')
    el.focus()
    await press(el, 'ArrowDown')
    const options = el.shadowRoot!.querySelectorAll('[role="option"]')
    expectReadable(options[0].querySelector('.label')!, 'active option')
    expectReadable(options[0].querySelector('.description')!, 'active description')
    expectReadable(options[1].querySelector('.description')!, 'description')
  })
})
