import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import './dialog.js'
import './button.js'
import type { ParleyDialog } from './dialog.js'
import { deepFocus, expectEventReachesDocument } from '../test/helpers.js'

describe('parley-dialog', () => {
  it('opens modally on the top layer, above any host z-index', async () => {
    const wrapper = await fixture(
      html`<div>
        <div class="cover"></div>
        <parley-dialog label="Assign"><p>Body</p></parley-dialog>
      </div>`
    )
    const cover = wrapper.querySelector<HTMLElement>('.cover')!
    // A host element that would cover anything in normal stacking.
    for (const [k, v] of Object.entries({
      position: 'fixed',
      inset: '0',
      zIndex: '2147483647',
      background: 'red',
    })) {
      cover.style.setProperty(
        k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        v
      )
    }
    const el = wrapper.querySelector<ParleyDialog>('parley-dialog')!
    el.show()
    await el.updateComplete
    const dialog = el.shadowRoot!.querySelector('dialog')!
    expect(dialog.matches(':modal')).to.equal(true)
    const box = dialog.getBoundingClientRect()
    const hit = el.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + 10)
    expect(dialog.contains(hit)).to.equal(true)
    await expect(el).to.be.accessible()
    el.close()
  })

  it('closes on Escape, tells the host and gives focus back', async () => {
    const wrapper = await fixture(
      html`<div>
        <button id="opener">Open</button>
        <parley-dialog label="Assign"><parley-button>Inside</parley-button></parley-dialog>
      </div>`
    )
    const opener = wrapper.querySelector<HTMLButtonElement>('#opener')!
    const el = wrapper.querySelector<ParleyDialog>('parley-dialog')!
    opener.focus()
    el.show()
    await el.updateComplete
    await expectEventReachesDocument('parley-dialog-closed', () => sendKeys({ press: 'Escape' }))
    expect(el.open).to.equal(false)
    expect(deepFocus()).to.equal(opener)
  })
})
