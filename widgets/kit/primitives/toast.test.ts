import { aTimeout, expect, fixture, html } from '@open-wc/testing'
import './toast.js'
import type { ParleyToast } from './toast.js'

describe('parley-toast', () => {
  it('shows messages on the top layer, politely announced, and dismisses them', async () => {
    const el = await fixture<ParleyToast>(html`<parley-toast></parley-toast>`)
    const region = el.shadowRoot!.querySelector<HTMLElement>('[part="region"]')!
    el.show('Message sent', { variant: 'success', duration: 60_000 })
    await el.updateComplete
    expect(region.matches(':popover-open')).to.equal(true)
    expect(region.getAttribute('aria-live')).to.equal('polite')
    expect(region.textContent).to.contain('Message sent')
    await expect(el).to.be.accessible()
    el.shadowRoot!.querySelector('button')!.click()
    await el.updateComplete
    expect(region.matches(':popover-open')).to.equal(false)
  })

  it('dismisses itself after its duration', async () => {
    const el = await fixture<ParleyToast>(html`<parley-toast></parley-toast>`)
    el.show('Saved', { duration: 20 })
    await aTimeout(60)
    await el.updateComplete
    expect(el.shadowRoot!.textContent).not.to.contain('Saved')
  })
})
