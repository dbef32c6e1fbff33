import { expect, fixture, html, oneEvent } from '@open-wc/testing'
import { initials } from './avatar.js'
import type { ParleyAvatar } from './avatar.js'

describe('parley-avatar', () => {
  it('makes initials from names', () => {
    expect(initials('Ana Lima')).to.equal('AL')
    expect(initials('  bruno  ')).to.equal('BR')
    expect(initials('José María Pérez')).to.equal('JP')
    expect(initials('')).to.equal('?')
    expect(initials('Ana Lima (you)')).to.equal('AL')
    expect(initials('#')).to.equal('#')
    expect(initials('Ana Lima (tú)')).to.equal('AL')
  })

  it('shows initials without a picture, with an accessible name', async () => {
    const el = await fixture<ParleyAvatar>(html`<parley-avatar name="Ana Lima"></parley-avatar>`)
    expect(el.shadowRoot!.textContent!.trim()).to.equal('AL')
    expect(el.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.equal(
      'Avatar of Ana Lima'
    )
    await expect(el).to.be.accessible()
  })

  it('falls back to initials when the picture fails to load', async () => {
    const el = await fixture<ParleyAvatar>(
      html`<parley-avatar name="Ana Lima" src="/does-not-exist.png"></parley-avatar>`
    )
    const img = el.shadowRoot!.querySelector('img')!
    if (!img.complete || img.naturalWidth === 0) await oneEvent(img, 'error').catch(() => null)
    await el.updateComplete
    expect(el.shadowRoot!.querySelector('img')).to.equal(null)
    expect(el.shadowRoot!.textContent!.trim()).to.equal('AL')
  })

  it('renders a name that looks like HTML as text', async () => {
    const el = await fixture<ParleyAvatar>(
      html`<parley-avatar name="<img src=x onerror=alert(1)>"></parley-avatar>`
    )
    expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0)
    expect(el.shadowRoot!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.contain(
      '<img src=x'
    )
  })
})
