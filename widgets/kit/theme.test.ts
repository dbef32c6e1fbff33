import { expect, fixture, html } from '@open-wc/testing'
import { compileTheme } from '../../themes/compile.js'
import { PRESETS } from '../../themes/presets.js'
import { applyThemeCss } from './theme.js'
import './primitives/button.js'
import type { ParleyButton } from './primitives/button.js'

describe('theme in the browser', () => {
  afterEach(() => applyThemeCss(''))

  const surface = (el: ParleyButton) =>
    getComputedStyle(el.shadowRoot!.querySelector('button')!).backgroundColor

  it('follows data-parley-scheme when the host fixes it', async () => {
    applyThemeCss(
      compileTheme({
        colorScheme: 'auto',
        color: { light: { primary: '#111111' }, dark: { primary: '#eeeeee' } },
      })
    )
    const el = await fixture<ParleyButton>(
      html`<parley-button data-parley-scheme="dark">Go</parley-button>`
    )
    expect(surface(el)).to.equal('rgb(238, 238, 238)')
    el.setAttribute('data-parley-scheme', 'light')
    expect(surface(el)).to.equal('rgb(17, 17, 17)')
  })

  it('applies every preset without errors and changes the look', async () => {
    const el = await fixture<ParleyButton>(
      html`<parley-button data-parley-scheme="light">Go</parley-button>`
    )
    const seen = new Set<string>()
    for (const preset of Object.values(PRESETS)) {
      applyThemeCss(compileTheme(preset))
      seen.add(surface(el))
    }
    expect(seen.size).to.be.greaterThan(2)
  })

  it('lets host CSS on the element win over the tenant theme', async () => {
    applyThemeCss(compileTheme({ colorScheme: 'light', color: { light: { primary: '#111111' } } }))
    const el = await fixture<ParleyButton>(html`<parley-button>Go</parley-button>`)
    el.style.setProperty('--parley-color-primary', 'rgb(9, 8, 7)')
    expect(surface(el)).to.equal('rgb(9, 8, 7)')
  })
})
