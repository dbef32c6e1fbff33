import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys, sendMouse } from '@web/test-runner-commands'
import './select.js'
import '../primitives/dialog.js'
import type { ParleySelect, SelectChangeEvent } from './select.js'
import type { ParleyDialog } from '../primitives/dialog.js'
import { deepFocus, expectEventReachesDocument } from '../test/helpers.js'
import { setLocale } from '../localize.js'
import { applyThemeCss } from '../theme.js'
import { expectReadable, onDarkSurface, useDefaultTheme } from './test-support.js'

const fruit = html`<parley-select label="Fruit" name="fruit">
  <option value="apple">Apple</option>
  <option value="banana">Banana</option>
  <option value="blueberry">Blueberry</option>
  <option value="cherry" disabled>Cherry</option>
  <option value="date">Date</option>
  <option value="fig">Fig</option>
</parley-select>`

const parts = (el: ParleySelect) => {
  const root = el.shadowRoot!
  return {
    trigger: root.querySelector<HTMLElement>('[part~="trigger"]')!,
    listbox: root.querySelector<HTMLElement>('[part~="listbox"]')!,
    options: [...root.querySelectorAll<HTMLElement>('[role="option"]')],
    active: () =>
      root.getElementById(
        root.querySelector('[part~="trigger"]')!.getAttribute('aria-activedescendant') ?? ''
      ),
  }
}

async function press(el: ParleySelect, ...keys: string[]) {
  for (const key of keys) {
    await sendKeys({ press: key })
    await el.updateComplete
  }
}

describe('parley-select', () => {
  afterEach(() => {
    setLocale(undefined)
    applyThemeCss('')
  })

  it('is a labelled select-only combobox that passes axe, closed and open', async () => {
    const el = await fixture<ParleySelect>(fruit)
    const { trigger, listbox } = parts(el)
    expect(trigger.getAttribute('role')).to.equal('combobox')
    expect(trigger.getAttribute('aria-haspopup')).to.equal('listbox')
    expect(trigger.getAttribute('aria-expanded')).to.equal('false')
    expect(
      el.shadowRoot!.getElementById(trigger.getAttribute('aria-labelledby')!)!.textContent
    ).to.equal('Fruit')
    expect(listbox.getAttribute('role')).to.equal('listbox')
    await expect(el).to.be.accessible()
    el.show()
    await el.updateComplete
    expect(listbox.matches(':popover-open')).to.equal(true)
    await expect(el).to.be.accessible()
  })

  it('opens with the keyboard and moves with arrows, Home, End and Page keys, skipping disabled options', async () => {
    const el = await fixture<ParleySelect>(fruit)
    const { trigger } = parts(el)
    el.focus()
    expect(deepFocus()).to.equal(trigger)
    await press(el, 'End')
    expect(el.open, 'End opens it').to.equal(true)
    expect(parts(el).active()!.textContent).to.contain('Fig')
    await press(el, 'Escape')
    await press(el, 'ArrowDown')
    expect(el.open).to.equal(true)
    expect(trigger.getAttribute('aria-expanded')).to.equal('true')
    expect(parts(el).active()!.textContent).to.contain('Apple')
    await press(el, 'ArrowDown', 'ArrowDown')
    expect(parts(el).active()!.textContent).to.contain('Blueberry')
    await press(el, 'ArrowDown')
    // Cherry is disabled.
    expect(parts(el).active()!.textContent).to.contain('Date')
    await press(el, 'Home')
    expect(parts(el).active()!.textContent).to.contain('Apple')
    await press(el, 'End')
    expect(parts(el).active()!.textContent).to.contain('Fig')
    await press(el, 'ArrowDown')
    expect(parts(el).active()!.textContent, 'no wrap at the end').to.contain('Fig')
    await press(el, 'PageUp')
    expect(parts(el).active()!.textContent).to.contain('Apple')
    // Focus never left the field.
    expect(deepFocus()).to.equal(trigger)
  })

  it('chooses with Enter: value, aria-selected, input then change with the value, and closes', async () => {
    const el = await fixture<ParleySelect>(fruit)
    const seen: string[] = []
    el.addEventListener('input', (e) => seen.push(`input:${(e as SelectChangeEvent).detail.value}`))
    el.addEventListener('change', (e) =>
      seen.push(`change:${(e as SelectChangeEvent).detail.value}`)
    )
    el.focus()
    await press(el, 'Enter', 'ArrowDown')
    const change = await expectEventReachesDocument('change', () => press(el, 'Enter'))
    expect((change as SelectChangeEvent).detail.value).to.equal('banana')
    expect(el.value).to.equal('banana')
    expect(el.open).to.equal(false)
    expect(seen).to.deep.equal(['input:banana', 'change:banana'])
    expect(parts(el).options[1].getAttribute('aria-selected')).to.equal('true')
    expect(parts(el).options[0].getAttribute('aria-selected')).to.equal('false')
    expect(parts(el).trigger.hasAttribute('aria-activedescendant')).to.equal(false)
    expect(el.shadowRoot!.querySelector('[part~="value"]')!.textContent).to.contain('Banana')
  })

  it('finds options by typing: a prefix, and the same letter again for the next match', async () => {
    const el = await fixture<ParleySelect>(fruit)
    el.focus()
    await press(el, 'b')
    expect(el.open, 'typing opens it').to.equal(true)
    expect(parts(el).active()!.textContent).to.contain('Banana')
    await press(el, 'b')
    expect(parts(el).active()!.textContent).to.contain('Blueberry')
    await new Promise((r) => setTimeout(r, 600))
    await press(el, 'f')
    expect(parts(el).active()!.textContent).to.contain('Fig')
    await new Promise((r) => setTimeout(r, 600))
    await sendKeys({ type: 'bl' })
    await el.updateComplete
    expect(parts(el).active()!.textContent).to.contain('Blueberry')
  })

  it('closes on Escape without choosing, keeping focus, and Escape does not close a dialog around it', async () => {
    const dialog = await fixture<ParleyDialog>(
      html`<parley-dialog label="Filters">${fruit}</parley-dialog>`
    )
    dialog.show()
    await dialog.updateComplete
    const el = dialog.querySelector('parley-select')!
    el.focus()
    await press(el, 'ArrowDown', 'ArrowDown', 'Escape')
    expect(el.open).to.equal(false)
    expect(el.value).to.equal('')
    expect(deepFocus()).to.equal(parts(el).trigger)
    expect(dialog.open, 'the dialog stays open').to.equal(true)
    await press(el, 'Escape')
    expect(dialog.open, 'a second Escape closes the dialog').to.equal(false)
  })

  it('chooses with the pointer and closes when pressing outside', async () => {
    const el = await fixture<ParleySelect>(fruit)
    const { trigger } = parts(el)
    const click = async (target: Element) => {
      const box = target.getBoundingClientRect()
      await sendMouse({
        type: 'click',
        position: [Math.round(box.x + 10), Math.round(box.y + box.height / 2)],
      })
      await el.updateComplete
    }
    await click(trigger)
    expect(el.open).to.equal(true)
    expect(deepFocus()).to.equal(trigger)
    const fig = parts(el).options[5]
    // On the top layer, just below the field.
    expect(fig.getBoundingClientRect().top).to.be.greaterThan(
      trigger.getBoundingClientRect().bottom
    )
    await click(fig)
    expect(el.value).to.equal('fig')
    expect(el.open).to.equal(false)
    expect(deepFocus(), 'focus stays on the field').to.equal(trigger)
    await click(trigger)
    await sendMouse({ type: 'click', position: [600, 500] })
    await el.updateComplete
    expect(el.open).to.equal(false)
  })

  it('stays under its field when a scroller inside a shadow root moves it', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`)
    const root = host.attachShadow({ mode: 'open' })
    const scroller = document.createElement('div')
    for (const [name, value] of [
      ['height', '200px'],
      ['overflow', 'auto'],
    ])
      scroller.style.setProperty(name, value)
    const pad = document.createElement('div')
    pad.style.setProperty('height', '100px')
    const el = document.createElement('parley-select')
    el.label = 'Fruit'
    el.options = [{ value: 'a', label: 'Apple' }]
    const tail = document.createElement('div')
    tail.style.setProperty('height', '600px')
    scroller.append(pad, el, tail)
    root.append(scroller)
    el.show()
    await el.updateComplete
    const frames = async () => {
      for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame)
    }
    await frames()
    const { trigger, listbox } = parts(el)
    const gap = () => listbox.getBoundingClientRect().top - trigger.getBoundingClientRect().bottom
    expect(gap()).to.be.within(0, 8)
    const top = trigger.getBoundingClientRect().top
    // A scroll event inside a shadow root never reaches window.
    scroller.scrollTop = 60
    await frames()
    expect(trigger.getBoundingClientRect().top).to.be.below(top - 50)
    expect(gap(), 'followed the field').to.be.within(0, 8)
  })

  it('takes part in forms: value submitted, required, invalid shown after a submit attempt, reset', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <parley-select label="Status" name="status" required>
          <option value="open">Open</option>
          <option value="closed">Closed</option>
        </parley-select>
        <parley-select label="Priority" name="priority">
          <option value="low">Low</option>
          <option value="high" selected>High</option>
        </parley-select>
      </form>`
    )
    const [status, priority] = form.querySelectorAll('parley-select')
    expect(priority.value, '<option selected> sets the first value').to.equal('high')
    expect(new FormData(form).get('priority')).to.equal('high')
    expect(form.checkValidity()).to.equal(false)
    expect(status.validity.valueMissing).to.equal(true)
    expect(parts(status).trigger.getAttribute('aria-required')).to.equal('true')
    expect(parts(status).trigger.getAttribute('aria-invalid')).to.equal('false')
    form.reportValidity()
    await status.updateComplete
    expect(parts(status).trigger.getAttribute('aria-invalid')).to.equal('true')
    const message = status.shadowRoot!.querySelector('[part="error"]')!
    expect(parts(status).trigger.getAttribute('aria-describedby')).to.equal(message.id)
    status.focus()
    await press(status, 'ArrowDown', 'ArrowDown', 'Enter')
    priority.focus()
    await press(priority, 'Home', 'Enter')
    expect(form.checkValidity()).to.equal(true)
    expect(Object.fromEntries(new FormData(form))).to.deep.equal({
      status: 'closed',
      priority: 'low',
    })
    form.reset()
    await status.updateComplete
    expect(status.value).to.equal('')
    expect(priority.value).to.equal('high')
    expect(
      parts(status).trigger.getAttribute('aria-invalid'),
      'reset clears the shown error'
    ).to.equal('false')
  })

  it('is inert while disabled', async () => {
    const el = await fixture<ParleySelect>(
      html`<parley-select label="Fruit" disabled><option value="a">A</option></parley-select>`
    )
    const { trigger } = parts(el)
    expect(trigger.getAttribute('aria-disabled')).to.equal('true')
    expect(trigger.tabIndex).to.equal(-1)
    trigger.click()
    await el.updateComplete
    expect(el.open).to.equal(false)
  })

  it('takes options from a property, grouped, with avatars and presence said in words', async () => {
    const el = await fixture<ParleySelect>(html`<parley-select label="Assignee"></parley-select>`)
    el.options = [
      { value: 'ana', label: 'Ana Lima', group: 'Team', avatar: '', presence: 'online' },
      { value: 'bruno', label: 'Bruno Díaz', group: 'Team', presence: 'away' },
      { value: 'none', label: 'Unassigned' },
    ]
    el.show()
    await el.updateComplete
    const group = el.shadowRoot!.querySelector('[role="group"]')!
    expect(
      el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent
    ).to.equal('Team')
    const [ana] = parts(el).options
    expect(ana.querySelector('parley-avatar')).to.exist
    expect(ana.querySelector('[data-presence="online"]')).to.exist
    expect(ana.textContent!.replace(/\s+/g, ' ')).to.contain('Ana Lima , Online')
    await expect(el).to.be.accessible()
  })

  it('speaks Spanish', async () => {
    setLocale('es')
    const el = await fixture<ParleySelect>(
      html`<parley-select label="Estado"><option value="a">A</option></parley-select>`
    )
    expect(el.shadowRoot!.querySelector('.placeholder')!.textContent).to.equal('Selecciona…')
  })

  it('is readable in the dark scheme: field, placeholder, options and the active option', async () => {
    useDefaultTheme()
    const el = await fixture<ParleySelect>(
      html`<parley-select label="Fruit" data-parley-scheme="dark">
        <option value="apple">Apple</option>
        <option value="banana" selected>Banana</option>
      </parley-select>`
    )
    onDarkSurface(el)
    const { trigger } = parts(el)
    expect(getComputedStyle(trigger).backgroundColor).to.equal('rgb(21, 26, 36)')
    expectReadable(el.shadowRoot!.querySelector('[part~="value"] .label')!, 'value')
    expectReadable(el.shadowRoot!.querySelector('[part~="label"]')!, 'label')
    el.show()
    await el.updateComplete
    for (const option of parts(el).options) expectReadable(option, option.textContent!.trim())
    expect(el.shadowRoot!.querySelector('.active')!.textContent).to.contain('Banana')
  })
})
