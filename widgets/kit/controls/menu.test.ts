import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys, sendMouse } from '@web/test-runner-commands'
import './menu.js'
import type { ParleyMenu } from './menu.js'
import type { ParleyMenuItem } from './menu-item.js'
import type { ParleyItemSelectedEvent } from '../events/index.js'
import { deepFocus, expectEventReachesDocument } from '../test/helpers.js'
import { setLocale } from '../localize.js'
import { applyThemeCss } from '../theme.js'
import { expectReadable, onDarkSurface, useDefaultTheme } from './test-support.js'

const actions = html`<div>
  <button id="before">Before</button>
  <parley-menu label="Conversation">
    <parley-menu-item value="assign">Assign</parley-menu-item>
    <parley-menu-item value="snooze">Snooze</parley-menu-item>
    <parley-menu-item value="star">Star</parley-menu-item>
    <hr />
    <parley-menu-item value="close" disabled>Close</parley-menu-item>
    <parley-menu-item value="delete" variant="danger">Delete</parley-menu-item>
  </parley-menu>
  <button id="after">After</button>
</div>`

async function setup() {
  const wrapper = await fixture(actions)
  const el = wrapper.querySelector('parley-menu')!
  const trigger = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="trigger"]')!
  const menu = el.shadowRoot!.querySelector<HTMLElement>('[part~="menu"]')!
  return { wrapper, el, trigger, menu, items: el.items }
}

async function press(el: ParleyMenu, key: string) {
  await sendKeys({ press: key })
  await el.updateComplete
}

describe('parley-menu', () => {
  afterEach(() => {
    setLocale(undefined)
    applyThemeCss('')
  })

  it('is a menu button with a menu of menu items that passes axe, closed and open', async () => {
    const { el, trigger, menu, items } = await setup()
    expect(trigger.getAttribute('aria-haspopup')).to.equal('menu')
    expect(trigger.getAttribute('aria-expanded')).to.equal('false')
    expect(trigger.textContent).to.contain('Conversation')
    expect(menu.getAttribute('role')).to.equal('menu')
    expect(items.map((i) => i.getAttribute('role'))).to.deep.equal(Array(5).fill('menuitem'))
    expect(items[3].getAttribute('aria-disabled')).to.equal('true')
    await expect(el).to.be.accessible()
    await el.show()
    expect(menu.matches(':popover-open')).to.equal(true)
    expect(trigger.getAttribute('aria-expanded')).to.equal('true')
    await expect(el).to.be.accessible()
  })

  it('opens from the keyboard on the first item (Enter, Space, Down) or the last (Up)', async () => {
    const { el, trigger, items } = await setup()
    for (const [key, expected] of [
      ['Enter', 0],
      [' ', 0],
      ['ArrowDown', 0],
      ['ArrowUp', 4],
    ] as const) {
      trigger.focus()
      await press(el, key)
      await el.updateComplete
      expect(el.open, key).to.equal(true)
      expect(document.activeElement, key).to.equal(items[expected])
      await press(el, 'Escape')
    }
  })

  it('moves with arrows (round the ends), Home, End and typing; Escape closes and gives focus back', async () => {
    const { el, trigger, items } = await setup()
    trigger.focus()
    await press(el, 'ArrowDown')
    await press(el, 'ArrowUp')
    expect(document.activeElement, 'Up from the first goes to the last').to.equal(items[4])
    await press(el, 'ArrowDown')
    expect(document.activeElement).to.equal(items[0])
    await press(el, 'End')
    expect(document.activeElement).to.equal(items[4])
    await press(el, 'Home')
    expect(document.activeElement).to.equal(items[0])
    await press(el, 's')
    expect(document.activeElement).to.equal(items[1])
    await press(el, 's')
    expect(document.activeElement, 's again: the next item with s').to.equal(items[2])
    await press(el, 'Escape')
    expect(el.open).to.equal(false)
    expect(deepFocus()).to.equal(trigger)
  })

  it('chooses with Enter: parley-item-selected with the item and its value, then focus back on the button', async () => {
    const { el, trigger, items } = await setup()
    trigger.focus()
    await press(el, 'ArrowDown')
    await press(el, 'ArrowDown')
    const event = (await expectEventReachesDocument('parley-item-selected', () =>
      press(el, 'Enter')
    )) as ParleyItemSelectedEvent
    expect(event.value).to.equal('snooze')
    expect(event.item).to.equal(items[1])
    expect(el.open).to.equal(false)
    expect(deepFocus()).to.equal(trigger)
  })

  it('does nothing for a disabled item, and closes on Tab, moving on', async () => {
    const { wrapper, el, trigger, items } = await setup()
    let chosen = 0
    el.addEventListener('parley-item-selected', () => chosen++)
    trigger.focus()
    await press(el, 'ArrowUp')
    await press(el, 'ArrowUp')
    expect(document.activeElement).to.equal(items[3])
    await press(el, 'Enter')
    expect(chosen).to.equal(0)
    expect(el.open).to.equal(true)
    await press(el, 'Tab')
    expect(el.open).to.equal(false)
    expect(document.activeElement).to.equal(wrapper.querySelector('#after'))
  })

  it('chooses with the pointer and closes on a press outside', async () => {
    const { el, trigger, items } = await setup()
    const at = (target: Element): [number, number] => {
      const box = target.getBoundingClientRect()
      return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)]
    }
    await sendMouse({ type: 'click', position: at(trigger) })
    await el.updateComplete
    expect(el.open).to.equal(true)
    expect(document.activeElement).to.equal(items[0])
    let value: string | null = null
    el.addEventListener('parley-item-selected', (e) => (value = e.value))
    await sendMouse({ type: 'click', position: at(items[2]) })
    await el.updateComplete
    expect(value).to.equal('star')
    expect(el.open).to.equal(false)
    await sendMouse({ type: 'click', position: at(trigger) })
    await el.updateComplete
    expect(el.open).to.equal(true)
    await sendMouse({ type: 'click', position: [700, 550] })
    await el.updateComplete
    expect(el.open).to.equal(false)
  })

  it('checks checkbox and radio items', async () => {
    const el = await fixture<ParleyMenu>(
      html`<parley-menu label="View">
        <parley-menu-item type="checkbox" value="unread">Unread only</parley-menu-item>
        <parley-menu-item type="radio" value="newest" checked>Newest first</parley-menu-item>
        <parley-menu-item type="radio" value="oldest">Oldest first</parley-menu-item>
      </parley-menu>`
    )
    const [unread, newest, oldest] = el.items as ParleyMenuItem[]
    await unread.updateComplete
    expect(unread.getAttribute('role')).to.equal('menuitemcheckbox')
    expect(unread.getAttribute('aria-checked')).to.equal('false')
    expect(newest.getAttribute('role')).to.equal('menuitemradio')
    await el.show()
    unread.click()
    await el.show()
    oldest.click()
    await Promise.all([unread, newest, oldest].map((i) => i.updateComplete))
    expect(unread.getAttribute('aria-checked')).to.equal('true')
    expect(newest.getAttribute('aria-checked')).to.equal('false')
    expect(oldest.getAttribute('aria-checked')).to.equal('true')
  })

  it('names an icon-only button by its label, and by a Spanish default without one', async () => {
    const el = await fixture<ParleyMenu>(
      html`<parley-menu label="More actions" variant="ghost">
        <span slot="trigger" aria-hidden="true">⋯</span>
        <parley-menu-item>Edit</parley-menu-item>
      </parley-menu>`
    )
    await el.updateComplete
    const trigger = el.shadowRoot!.querySelector('[part~="trigger"]')!
    expect(trigger.getAttribute('aria-label')).to.equal('More actions')
    await expect(el).to.be.accessible()
    setLocale('es')
    el.label = ''
    await el.updateComplete
    expect(trigger.getAttribute('aria-label')).to.equal('Acciones')
  })

  it('is readable in the dark scheme, the focused and the danger item included', async () => {
    useDefaultTheme()
    const { el, items } = await setup()
    el.setAttribute('data-parley-scheme', 'dark')
    onDarkSurface(el)
    await el.show()
    expectReadable(el.shadowRoot!.querySelector('[part~="trigger"]')!, 'button')
    for (const item of [items[0], items[4]]) {
      item.focus()
      expectReadable(item.shadowRoot!.querySelector('[part~="label"]')!, item.textContent!.trim())
    }
    expectReadable(items[1].shadowRoot!.querySelector('[part~="label"]')!, 'Snooze')
  })
})
