import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import './button.js'
import type { ParleyButton } from './button.js'
import { expectThemeReaches } from '../test/helpers.js'

describe('parley-button', () => {
  it('renders a native button with its label and variant', async () => {
    const el = await fixture<ParleyButton>(
      html`<parley-button variant="danger">Delete</parley-button>`
    )
    const button = el.shadowRoot!.querySelector('button')!
    expect(button.getAttribute('part')).to.equal('base')
    expect(el.textContent).to.equal('Delete')
    expect(el.getAttribute('variant')).to.equal('danger')
  })

  it('is operable with the keyboard and fires click', async () => {
    let clicks = 0
    const el = await fixture<ParleyButton>(
      html`<parley-button @click=${() => clicks++}>Go</parley-button>`
    )
    el.focus()
    await sendKeys({ press: 'Enter' })
    await sendKeys({ press: 'Space' })
    expect(clicks).to.equal(2)
  })

  it('does not fire when disabled', async () => {
    let clicks = 0
    const el = await fixture<ParleyButton>(
      html`<parley-button disabled @click=${() => clicks++}>Go</parley-button>`
    )
    el.shadowRoot!.querySelector('button')!.click()
    expect(clicks).to.equal(0)
  })

  it('submits the form it is in when type is submit', async () => {
    let submitted = 0
    const form = await fixture<HTMLFormElement>(
      html`<form @submit=${(e: Event) => (e.preventDefault(), submitted++)}>
        <parley-button type="submit">Send</parley-button>
      </form>`
    )
    form.querySelector('parley-button')!.shadowRoot!.querySelector('button')!.click()
    expect(submitted).to.equal(1)
  })

  it('uses the label as accessible name for icon-only buttons and passes axe', async () => {
    const el = await fixture<ParleyButton>(
      html`<parley-button label="Close"><span slot="icon">×</span></parley-button>`
    )
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal('Close')
    await expect(el).to.be.accessible()
  })

  it('takes its colour from the theme tokens', async () => {
    const el = await fixture<ParleyButton>(html`<parley-button>Go</parley-button>`)
    await expectThemeReaches(() => el.shadowRoot!.querySelector('button')!, 'background-color')
  })

  it('lets the host override the public variable', async () => {
    const el = await fixture<ParleyButton>(html`<parley-button>Go</parley-button>`)
    el.style.setProperty('--parley-button-background', 'rgb(1, 2, 3)')
    expect(getComputedStyle(el.shadowRoot!.querySelector('button')!).backgroundColor).to.equal(
      'rgb(1, 2, 3)'
    )
  })
})
