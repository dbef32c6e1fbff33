import { expect, fixture, html } from '@open-wc/testing'
import './primitives/state.js'
import type { ParleyState } from './primitives/state.js'

/** A host page's own text styles stop at Parley's elements (the demo host has such a rule). */
describe("a host page's text styles", () => {
  let sheet: HTMLStyleElement
  before(() => {
    sheet = document.createElement('style')
    sheet.textContent = `* { letter-spacing: 0.3em; word-spacing: 1em; text-transform: uppercase;
      font-style: italic; text-indent: 40px; text-shadow: 1px 1px red }`
    document.head.append(sheet)
  })
  after(() => sheet.remove())

  it('do not reach the text inside an element', async () => {
    const el = await fixture<ParleyState>(
      html`<parley-state kind="empty" message="Nothing yet"></parley-state>`
    )
    const text = getComputedStyle(el.shadowRoot!.querySelector('[part="heading"]')!)
    expect(text.letterSpacing).to.equal('normal')
    expect(text.wordSpacing).to.equal('0px')
    expect(text.textTransform).to.equal('none')
    expect(text.fontStyle).to.equal('normal')
    expect(text.textIndent).to.equal('0px')
    expect(text.textShadow).to.equal('none')
  })
})
