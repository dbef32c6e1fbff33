import { expect, fixture, html } from '@open-wc/testing'
import './badge.js'
import type { ParleyBadge } from './badge.js'
import { expectThemeReaches, expectTranslated } from '../test/helpers.js'

describe('parley-badge', () => {
  const part = (el: ParleyBadge) => el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')

  it('renders nothing for zero and the count otherwise', async () => {
    const el = await fixture<ParleyBadge>(html`<parley-badge count="0"></parley-badge>`)
    expect(part(el)).to.equal(null)
    el.count = 7
    await el.updateComplete
    expect(part(el)!.textContent).to.equal('7')
  })

  it('caps the number at max', async () => {
    const el = await fixture<ParleyBadge>(html`<parley-badge count="250" max="99"></parley-badge>`)
    expect(part(el)!.textContent).to.equal('99+')
  })

  it('announces a translated label', async () => {
    const el = await fixture<ParleyBadge>(html`<parley-badge count="3"></parley-badge>`)
    await expectTranslated(el, () => part(el)!.getAttribute('aria-label')!, '3 new', '3 nuevos')
    await expect(el).to.be.accessible()
  })

  it('takes its colour from the danger token', async () => {
    const el = await fixture<ParleyBadge>(html`<parley-badge count="1"></parley-badge>`)
    await expectThemeReaches(() => part(el)!, 'background-color', 'danger')
  })
})
