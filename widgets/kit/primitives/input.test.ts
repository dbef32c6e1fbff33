import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import './input.js'
import type { ParleyInput } from './input.js'
import { expectEventReachesDocument } from '../test/helpers.js'

describe('parley-input', () => {
  it('is labelled and passes axe', async () => {
    const el = await fixture<ParleyInput>(
      html`<parley-input label="Email" name="email"></parley-input>`
    )
    const input = el.shadowRoot!.querySelector('input')!
    expect(el.shadowRoot!.querySelector('label')!.htmlFor).to.equal(input.id)
    await expect(el).to.be.accessible()
  })

  it('takes part in the host form: value, required and reset', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><parley-input label="Name" name="name" required></parley-input></form>`
    )
    const el = form.querySelector('parley-input')!
    expect(form.checkValidity()).to.equal(false)
    el.focus()
    await sendKeys({ type: 'Ana' })
    await el.updateComplete
    expect(new FormData(form).get('name')).to.equal('Ana')
    expect(form.checkValidity()).to.equal(true)
    form.reset()
    await el.updateComplete
    expect(el.value).to.equal('')
  })

  it('reports an error message as its validity and to assistive technology', async () => {
    const el = await fixture<ParleyInput>(
      html`<parley-input label="Phone" error="Not a phone number"></parley-input>`
    )
    expect(el.checkValidity()).to.equal(false)
    const input = el.shadowRoot!.querySelector('input')!
    expect(input.getAttribute('aria-invalid')).to.equal('true')
    expect(
      el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!.textContent
    ).to.equal('Not a phone number')
  })

  it('re-dispatches change across the shadow boundary', async () => {
    const el = await fixture<ParleyInput>(html`<parley-input label="Name"></parley-input>`)
    await expectEventReachesDocument('change', () =>
      el.shadowRoot!.querySelector('input')!.dispatchEvent(new Event('change'))
    )
  })
})
