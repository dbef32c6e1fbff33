import { expect, fixture, html } from '@open-wc/testing'
import './state.js'
import type { ParleyState } from './state.js'
import { expectEventReachesDocument, expectTranslated } from '../test/helpers.js'

describe('parley-state', () => {
  it('shows a skeleton while loading, busy for assistive technology', async () => {
    const el = await fixture<ParleyState>(html`<parley-state kind="loading"></parley-state>`)
    const skeleton = el.shadowRoot!.querySelector('parley-skeleton')!
    expect(skeleton.shadowRoot!.querySelector('[aria-busy="true"]')).to.exist
    await expect(el).to.be.accessible()
  })

  it('shows a translated empty state', async () => {
    const el = await fixture<ParleyState>(html`<parley-state kind="empty"></parley-state>`)
    await expectTranslated(
      el,
      () => el.shadowRoot!.textContent!,
      'Nothing here yet',
      'Todavía no hay nada aquí'
    )
  })

  it('shows an error as an alert with a retry that reaches the host', async () => {
    const el = await fixture<ParleyState>(
      html`<parley-state kind="error" message="Server unreachable"></parley-state>`
    )
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain(
      'Server unreachable'
    )
    const button = el.shadowRoot!.querySelector('parley-button')!
    await expectEventReachesDocument('parley-retry-requested', () =>
      button.shadowRoot!.querySelector('button')!.click()
    )
    await expect(el).to.be.accessible()
  })

  it('renders user-provided messages as text', async () => {
    const el = await fixture<ParleyState>(
      html`<parley-state kind="error" message="<img src=x onerror=alert(1)>"></parley-state>`
    )
    expect(el.shadowRoot!.querySelector('img')).to.equal(null)
    expect(el.shadowRoot!.textContent).to.contain('<img src=x onerror=alert(1)>')
  })

  it('says a message alone once, as the heading, and both when a heading is given', async () => {
    const el = await fixture<ParleyState>(
      html`<parley-state kind="error" message="Your session has ended."></parley-state>`
    )
    const texts = () => [...el.shadowRoot!.querySelectorAll('p')].map((p) => p.textContent!.trim())
    expect(texts()).to.deep.equal(['Your session has ended.'])
    el.heading = 'Offline'
    await el.updateComplete
    expect(texts()).to.deep.equal(['Offline', 'Your session has ended.'])
  })
})
