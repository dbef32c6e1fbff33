import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import './list.js'
import type { ParleyList } from './list.js'
import { deepFocus, expectEventReachesDocument } from '../test/helpers.js'

describe('parley-list', () => {
  const render = () =>
    fixture<ParleyList>(
      html`<parley-list label="Conversations">
        <parley-list-item value="a">Alpha</parley-list-item>
        <parley-list-item value="b">Beta</parley-list-item>
        <parley-list-item value="c">Gamma</parley-list-item>
      </parley-list>`
    )

  it('has one Tab stop and moves with arrows, Home and End', async () => {
    const el = await render()
    await el.updateComplete
    const [a, b, c] = el.items
    expect([a.tabIndex, b.tabIndex, c.tabIndex]).to.deep.equal([0, -1, -1])
    a.focus()
    await sendKeys({ press: 'ArrowDown' })
    expect(deepFocus()).to.equal(b)
    await sendKeys({ press: 'End' })
    expect(deepFocus()).to.equal(c)
    await sendKeys({ press: 'ArrowDown' })
    expect(deepFocus()).to.equal(c)
    await sendKeys({ press: 'Home' })
    expect(deepFocus()).to.equal(a)
  })

  it('selects with Enter and tells the host', async () => {
    const el = await render()
    el.items[0].focus()
    await sendKeys({ press: 'ArrowDown' })
    const event = (await expectEventReachesDocument('parley-item-selected', () =>
      sendKeys({ press: 'Enter' })
    )) as any
    expect(event.value).to.equal('b')
    expect(el.items.map((i) => i.getAttribute('aria-selected'))).to.deep.equal([
      'false',
      'true',
      'false',
    ])
  })

  it('selects on click and passes axe', async () => {
    const el = await render()
    el.items[2].click()
    expect(el.items[2].selected).to.equal(true)
    await expect(el).to.be.accessible()
  })
})
