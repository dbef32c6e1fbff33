import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys, setViewport } from '@web/test-runner-commands'
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
})
