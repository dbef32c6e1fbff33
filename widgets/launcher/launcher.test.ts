import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands'
import { ParleyUnreadChangedEvent } from '../kit/events/index.js'
import './launcher.js'
import '../kit/primitives/button.js'
import type { ParleyLauncher } from './launcher.component.js'
import {
  deepFocus,
  expectEventReachesDocument,
  expectThemeReaches,
  expectTranslated,
} from '../kit/test/helpers.js'

const part = (el: ParleyLauncher, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!

async function render(extra = html``) {
  const wrapper = await fixture(
    html`<div>
      <button id="host-button">Host</button>
      <parley-launcher label="Help"
        ><p>Panel content</p>
        <parley-button>Inside</parley-button></parley-launcher
      >
      ${extra}
    </div>`
  )
  const el = wrapper.querySelector<ParleyLauncher>('parley-launcher')!
  await el.updateComplete
  return el
}

/**
 * A stand-in for a widget in the panel that re-renders like the inbox: choosing a conversation
 * replaces the list (and the focused row) with the thread.
 */
class FakeList extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' })
    root.innerHTML = ''
    const list = document.createElement('ul')
    for (const name of ['Eva', 'Leo']) {
      const item = document.createElement('li')
      const button = document.createElement('button')
      button.textContent = `Conversation with ${name}`
      button.addEventListener('click', () => {
        // After the thread loads: the list, with the focused button, goes.
        setTimeout(() => {
          list.remove()
          const thread = document.createElement('p')
          thread.textContent = `Thread with ${name}`
          root.append(thread)
        }, 30)
      })
      item.append(button)
      list.append(item)
    }
    const text = document.createElement('p')
    text.className = 'text'
    text.textContent = 'Some words that take no focus'
    root.append(text, list)
  }
}
customElements.define('fake-list', FakeList)

/** Clicks the middle of `target` with the real mouse (focus moves as a person's click moves it). */
async function click(target: Element) {
  const box = target.getBoundingClientRect()
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  })
}

const settle = () => new Promise((r) => setTimeout(r, 80))

describe('parley-launcher', () => {
  afterEach(() => setViewport({ width: 1024, height: 768 }))

  it('puts its button on the top layer, where no host z-index covers it', async () => {
    const el = await render()
    const cover = document.createElement('div')
    for (const [k, v] of [
      ['position', 'fixed'],
      ['inset', '0'],
      ['z-index', '2147483647'],
      ['background', 'red'],
    ])
      cover.style.setProperty(k, v)
    document.body.append(cover)
    try {
      const dock = part(el, 'dock')
      expect(dock.matches(':popover-open')).to.equal(true)
      const box = part(el, 'button').getBoundingClientRect()
      expect(box.width).to.equal(56)
      const hit = el.shadowRoot!.elementFromPoint(
        box.left + box.width / 2,
        box.top + box.height / 2
      )
      expect(part(el, 'button').contains(hit)).to.equal(true)
    } finally {
      cover.remove()
    }
  })

  it('opens its panel on click, tells the host, and moves focus in', async () => {
    const el = await render()
    const opened = await expectEventReachesDocument('parley-launcher-opened', () =>
      part(el, 'button').click()
    )
    await el.updateComplete
    expect(opened.type).to.equal('parley-launcher-opened')
    expect(part(el, 'panel').matches(':popover-open')).to.equal(true)
    expect(part(el, 'button').getAttribute('aria-expanded')).to.equal('true')
    expect(el.shadowRoot!.activeElement?.classList.contains('close')).to.equal(true)
    await expect(el).to.be.accessible()
  })

  it('closes on Escape and gives focus back to what had it', async () => {
    const el = await render()
    part(el, 'button').focus()
    await sendKeys({ press: 'Enter' })
    await el.updateComplete
    expect(el.open).to.equal(true)
    await expectEventReachesDocument('parley-launcher-closed', () => sendKeys({ press: 'Escape' }))
    await el.updateComplete
    expect(el.open).to.equal(false)
    expect(part(el, 'panel').matches(':popover-open')).to.equal(false)
    expect(deepFocus()).to.equal(part(el, 'button'))
  })

  it('keeps Tab inside the open panel', async () => {
    const el = await render()
    el.show()
    await el.updateComplete
    await new Promise(requestAnimationFrame)
    const inside = el.querySelector('parley-button')!.shadowRoot!.querySelector('button')!
    // close button → slotted button → wraps back to the close button, and the other way round
    await sendKeys({ press: 'Tab' })
    expect(deepFocus()).to.equal(inside)
    await sendKeys({ press: 'Tab' })
    expect(deepFocus()?.classList.contains('close')).to.equal(true)
    const shiftTab = async () => {
      await sendKeys({ down: 'Shift' })
      await sendKeys({ press: 'Tab' })
      await sendKeys({ up: 'Shift' })
    }
    await shiftTab()
    expect(deepFocus()).to.equal(inside)
    await shiftTab()
    expect(deepFocus()?.classList.contains('close')).to.equal(true)
  })

  it('shows the unread count on the button and in its accessible name', async () => {
    const el = await render()
    el.unread = 4
    await el.updateComplete
    const badge = el.shadowRoot!.querySelector('parley-badge')!
    await badge.updateComplete
    expect(badge.shadowRoot!.textContent).to.contain('4')
    expect(part(el, 'button').getAttribute('aria-label')).to.equal('Open Help, 4 unread')
    await expectTranslated(
      el,
      () => part(el, 'button').getAttribute('aria-label')!,
      'Open Help',
      'Abrir Help, 4 sin leer'
    )
  })

  it('is resizable on desktop and full-screen on phones', async () => {
    const el = await render()
    el.show()
    await el.updateComplete
    expect(getComputedStyle(part(el, 'panel')).resize).to.equal('both')
    await setViewport({ width: 375, height: 667 })
    await new Promise(requestAnimationFrame)
    const box = part(el, 'panel').getBoundingClientRect()
    expect([box.left, box.top, Math.round(box.width)]).to.deep.equal([0, 0, 375])
    expect(getComputedStyle(part(el, 'panel')).resize).to.equal('none')
  })

  it('sizes the panel to the visual viewport on phones, so the keyboard never hides it', async () => {
    const el = await render()
    await setViewport({ width: 375, height: 500 })
    el.show()
    await el.updateComplete
    const panel = part(el, 'panel')
    expect(panel.style.getPropertyValue('height')).to.equal(`${window.visualViewport!.height}px`)
    // The keyboard opening shrinks the visual viewport: the panel follows.
    await setViewport({ width: 375, height: 300 })
    window.visualViewport!.dispatchEvent(new Event('resize'))
    expect(panel.style.getPropertyValue('height')).to.equal(`${window.visualViewport!.height}px`)
    el.hide()
  })

  it('sits bottom-left when asked', async () => {
    const el = await render()
    el.position = 'bottom-left'
    await el.updateComplete
    expect(part(el, 'button').getBoundingClientRect().left).to.equal(20)
  })

  it('re-enters the top layer when the host moves it (SPA navigation)', async () => {
    const el = await render()
    const parent = el.parentElement!
    el.remove()
    parent.append(el)
    await el.updateComplete
    expect(part(el, 'dock').matches(':popover-open')).to.equal(true)
  })

  it('takes its colours from the theme and its public variables', async () => {
    const el = await render()
    await expectThemeReaches(() => part(el, 'button'), 'background-color')
    el.style.setProperty('--parley-launcher-background', 'rgb(4, 5, 6)')
    expect(getComputedStyle(part(el, 'button')).backgroundColor).to.equal('rgb(4, 5, 6)')
  })

  describe('focus stays in the open panel', () => {
    async function withList() {
      const wrapper = await fixture(
        html`<div>
          <button id="host-button">Host</button>
          <parley-launcher label="Inbox"><fake-list></fake-list></parley-launcher>
        </div>`
      )
      const el = wrapper.querySelector<ParleyLauncher>('parley-launcher')!
      el.show()
      await el.updateComplete
      await new Promise(requestAnimationFrame)
      return { el, list: el.querySelector('fake-list')!.shadowRoot! }
    }
    const insidePanel = (el: ParleyLauncher) => {
      const focused = deepFocus()
      const panel = part(el, 'panel')
      return (
        focused === panel ||
        panel.contains(focused) ||
        (focused !== null &&
          el.contains(
            focused.getRootNode() instanceof ShadowRoot
              ? (focused.getRootNode() as ShadowRoot).host
              : focused
          ))
      )
    }

    it('after a click on a conversation that re-renders the content, and Escape still closes', async () => {
      const { el, list } = await withList()
      await click(list.querySelector('button')!)
      expect(deepFocus()?.textContent).to.equal('Conversation with Eva')
      await settle()
      expect(list.querySelector('button')).to.equal(null)
      expect(insidePanel(el), `focus went to ${deepFocus()?.tagName}`).to.equal(true)
      expect(deepFocus()).to.not.equal(document.body)
      await expectEventReachesDocument('parley-launcher-closed', () =>
        sendKeys({ press: 'Escape' })
      )
      await el.updateComplete
      expect(el.open).to.equal(false)
      expect(deepFocus()).to.equal(part(el, 'button'))
    })

    it('after a click on words that take no focus; Tab then goes to the first control', async () => {
      const { el, list } = await withList()
      await click(list.querySelector('.text')!)
      await settle()
      expect(insidePanel(el)).to.equal(true)
      await sendKeys({ press: 'Tab' })
      expect(deepFocus()?.classList.contains('close')).to.equal(true)
      await sendKeys({ press: 'Escape' })
      await el.updateComplete
      expect(el.open).to.equal(false)
    })

    it('when the focused element is removed by the widget on its own (a live update)', async () => {
      const { el, list } = await withList()
      list.querySelector('button')!.focus()
      list.querySelector('ul')!.remove()
      await settle()
      expect(insidePanel(el)).to.equal(true)
      await sendKeys({ press: 'Escape' })
      await el.updateComplete
      expect(el.open).to.equal(false)
    })

    it('lets focus go to the host page when the user clicks there, and the panel stays open', async () => {
      const { el } = await withList()
      const host = document.getElementById('host-button')!
      // The panel covers the page's corner; the host's button sits top-left, outside it.
      await click(host)
      await settle()
      expect(document.activeElement).to.equal(host)
      expect(el.open).to.equal(true)
      el.hide()
    })

    it('Escape closes even when focus was dropped onto the page body', async () => {
      const { el } = await withList()
      ;(deepFocus() as HTMLElement).blur()
      await sendKeys({ press: 'Escape' })
      await el.updateComplete
      expect(el.open).to.equal(false)
    })
  })

  it("shows the hosted widget's unread count as its badge", async () => {
    const el = await render()
    const inside = el.querySelector('p')!
    inside.dispatchEvent(new ParleyUnreadChangedEvent(3))
    await el.updateComplete
    const badge = el.shadowRoot!.querySelector('parley-badge')!
    await badge.updateComplete
    expect(badge.shadowRoot!.textContent).to.contain('3')
    expect(part(el, 'button').getAttribute('aria-label')).to.equal('Open Help, 3 unread')
    inside.dispatchEvent(new ParleyUnreadChangedEvent(0))
    await el.updateComplete
    expect(part(el, 'button').getAttribute('aria-label')).to.equal('Open Help')
    // The event still reaches the host page, which may show it too.
    await expectEventReachesDocument('parley-unread-changed', () =>
      inside.dispatchEvent(new ParleyUnreadChangedEvent(1))
    )
  })
})
