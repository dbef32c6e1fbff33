import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import './popover.js'
import type { ParleyPopover } from './popover.js'

describe('parley-popover', () => {
  it('opens from its trigger on the top layer and closes on Escape', async () => {
    const el = await fixture<ParleyPopover>(
      html`<parley-popover label="Filters">
        <button slot="trigger">Filters</button>
        <p>Status</p>
      </parley-popover>`
    )
    const panel = el.shadowRoot!.querySelector<HTMLElement>('[part="panel"]')!
    el.querySelector('button')!.click()
    await el.updateComplete
    expect(panel.matches(':popover-open')).to.equal(true)
    expect(el.open).to.equal(true)
    const trigger = el.querySelector('button')!.getBoundingClientRect()
    expect(panel.getBoundingClientRect().top).to.be.greaterThan(trigger.bottom - 1)
    await sendKeys({ press: 'Escape' })
    await el.updateComplete
    expect(panel.matches(':popover-open')).to.equal(false)
    expect(el.open).to.equal(false)
    await expect(el).to.be.accessible()
  })
})
