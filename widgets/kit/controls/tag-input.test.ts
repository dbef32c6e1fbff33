import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import './tag-input.js'
import type { ParleyTagInput, TagInputChangeEvent } from './tag-input.js'
import { deepFocus, expectEventReachesDocument } from '../test/helpers.js'
import { setLocale } from '../localize.js'
import { applyThemeCss } from '../theme.js'
import { expectReadable, onDarkSurface, useDefaultTheme } from './test-support.js'

const SUGGESTIONS = ['urgent', 'upsell', 'unhappy', 'vip', 'billing']

async function setup(
  template = html`<parley-tag-input
    label="Tags"
    name="tags"
    value="vip,billing"
    .suggestions=${SUGGESTIONS}
  ></parley-tag-input>`
) {
  const el = await fixture<ParleyTagInput>(template)
  const root = el.shadowRoot!
  return {
    el,
    input: root.querySelector<HTMLInputElement>('[part~="input"]')!,
    chips: () => [...root.querySelectorAll('[part~="tag"] .tag-label')].map((c) => c.textContent),
    buttons: () => [...root.querySelectorAll<HTMLElement>('[part~="remove"]')],
    status: () => root.querySelector('[role="status"]')!.textContent,
    options: () => [...root.querySelectorAll('[role="option"]')].map((o) => o.textContent!.trim()),
  }
}

async function press(el: ParleyTagInput, ...keys: string[]) {
  for (const key of keys) {
    await sendKeys({ press: key })
    await el.updateComplete
  }
}

async function type(el: ParleyTagInput, text: string) {
  await sendKeys({ type: text })
  await el.updateComplete
}

const settle = async (el: ParleyTagInput) => {
  await el.updateComplete
  await el.updateComplete
}

describe('parley-tag-input', () => {
  afterEach(() => {
    setLocale(undefined)
    applyThemeCss('')
  })

  it('shows its tags as chips with "Remove {tag}" buttons, described for screen readers, and passes axe', async () => {
    const { el, input, chips, buttons } = await setup()
    expect(chips()).to.deep.equal(['vip', 'billing'])
    expect(buttons().map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Remove vip',
      'Remove billing',
    ])
    expect(input.getAttribute('role')).to.equal('combobox')
    const hint = el.shadowRoot!.getElementById(
      input.getAttribute('aria-describedby')!.split(' ')[0]
    )!
    expect(hint.textContent).to.contain('Enter or a comma adds a tag')
    expect(buttons().map((b) => b.getAttribute('role'))).to.deep.equal(['button', 'button'])
    // The field is the one Tab stop, and where focus given to the element lands.
    expect(buttons().some((b) => b.hasAttribute('tabindex'))).to.equal(false)
    el.focus()
    expect(deepFocus()).to.equal(input)
    await expect(el).to.be.accessible()
  })

  it('adds with Enter and with a comma, announces it, and emits change with the tag added', async () => {
    const { el, input, chips, status } = await setup()
    el.focus()
    await type(el, 'refund')
    const change = (await expectEventReachesDocument('change', () =>
      press(el, 'Enter')
    )) as TagInputChangeEvent
    expect(change.detail).to.deep.equal({ value: ['vip', 'billing', 'refund'], added: 'refund' })
    await settle(el)
    expect(status()).to.equal('refund added')
    await type(el, 'late delivery,')
    expect(chips()).to.deep.equal(['vip', 'billing', 'refund', 'late delivery'])
    expect(input.value).to.equal('')
    expect(deepFocus()).to.equal(input)
  })

  it('refuses duplicates in any case and more than max, saying why', async () => {
    const { el, chips, status } = await setup(
      html`<parley-tag-input label="Tags" value="vip" max="2"></parley-tag-input>`
    )
    el.focus()
    await type(el, 'VIP')
    await press(el, 'Enter')
    await settle(el)
    expect(chips()).to.deep.equal(['vip'])
    expect(status()).to.equal('VIP is already there')
    el.shadowRoot!.querySelector('input')!.select()
    await type(el, 'new')
    await press(el, 'Enter')
    await type(el, 'third')
    await press(el, 'Enter')
    await settle(el)
    expect(chips()).to.deep.equal(['vip', 'new'])
    expect(status()).to.equal('You can add up to 2')
  })

  it('suggests what matches, leaving out tags already there; arrows pick one without replacing free text unasked', async () => {
    const { el, input, chips, options } = await setup()
    el.focus()
    await type(el, 'u')
    expect(el.open).to.equal(true)
    expect(options()).to.deep.equal(['urgent', 'upsell', 'unhappy'])
    expect(input.hasAttribute('aria-activedescendant'), 'nothing highlighted yet').to.equal(false)
    await press(el, 'ArrowDown', 'ArrowDown')
    expect(
      el
        .shadowRoot!.getElementById(input.getAttribute('aria-activedescendant')!)!
        .textContent!.trim()
    ).to.equal('upsell')
    await press(el, 'Enter')
    expect(chips()).to.deep.equal(['vip', 'billing', 'upsell'])
    expect(el.open).to.equal(false)
    await type(el, 'ur')
    await press(el, 'Escape')
    expect(el.open).to.equal(false)
    await press(el, 'Enter')
    expect(chips().at(-1), 'the typed text, not the suggestion').to.equal('ur')
  })

  it('reaches chips from the field and removes them from the keyboard, focus moving sensibly', async () => {
    const { el, input, chips, buttons, status } = await setup(
      html`<parley-tag-input label="Tags" value="a,b,c"></parley-tag-input>`
    )
    el.focus()
    await press(el, 'Backspace')
    expect(deepFocus(), 'Backspace in the empty field goes to the last chip').to.equal(buttons()[2])
    await press(el, 'ArrowLeft')
    expect(deepFocus()).to.equal(buttons()[1])
    await press(el, 'Home')
    expect(deepFocus()).to.equal(buttons()[0])
    await press(el, 'ArrowRight')
    await press(el, 'Delete')
    await settle(el)
    expect(chips()).to.deep.equal(['a', 'c'])
    expect(status()).to.equal('b removed')
    expect(deepFocus(), 'focus goes to the chip that took its place').to.equal(buttons()[1])
    await press(el, 'ArrowRight')
    expect(deepFocus(), 'right of the last chip: the field').to.equal(input)
    await press(el, 'ArrowLeft', 'Escape')
    expect(deepFocus(), 'Escape on a chip: the field').to.equal(input)
    // Back in the field, the chips are not focusable: Tab and delegated focus skip them.
    expect(buttons().some((b) => b.hasAttribute('tabindex'))).to.equal(false)
    await press(el, 'ArrowLeft', 'Enter')
    await settle(el)
    expect(chips(), 'Enter on a chip removes it').to.deep.equal(['a'])
  })

  it('removes with a chip button click and gives focus to the field', async () => {
    const { el, input, chips, buttons } = await setup()
    buttons()[0].click()
    await settle(el)
    expect(chips()).to.deep.equal(['billing'])
    expect(deepFocus()).to.equal(input)
  })

  it('adds each tag of a pasted list, and what is left when leaving the field', async () => {
    const { el, chips } = await setup(html`<parley-tag-input label="Tags"></parley-tag-input>`)
    el.focus()
    const data = new DataTransfer()
    data.setData('text', 'one, two\nthree')
    el.shadowRoot!.querySelector('input')!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
    )
    await el.updateComplete
    expect(chips()).to.deep.equal(['one', 'two', 'three'])
    await type(el, 'four')
    await press(el, 'Tab')
    expect(chips()).to.deep.equal(['one', 'two', 'three', 'four'])
  })

  it('takes part in forms: each tag submitted under the name, required, reset', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <parley-tag-input label="Tags" name="tags" value="vip"></parley-tag-input>
        <parley-tag-input label="Topics" name="topics" required></parley-tag-input>
      </form>`
    )
    const [tags, topics] = form.querySelectorAll('parley-tag-input')
    expect(form.checkValidity()).to.equal(false)
    expect(topics.validity.valueMissing).to.equal(true)
    topics.addTag('billing')
    tags.addTag('refund')
    await Promise.all([tags.updateComplete, topics.updateComplete])
    expect(form.checkValidity()).to.equal(true)
    const data = new FormData(form)
    expect(data.getAll('tags')).to.deep.equal(['vip', 'refund'])
    expect(data.getAll('topics')).to.deep.equal(['billing'])
    form.reset()
    await tags.updateComplete
    expect(tags.value).to.deep.equal(['vip'])
    expect(topics.value).to.deep.equal([])
  })

  it('speaks Spanish', async () => {
    setLocale('es')
    const { el, buttons, status } = await setup()
    expect(buttons()[0].getAttribute('aria-label')).to.equal('Quitar vip')
    el.focus()
    await type(el, 'nuevo')
    await press(el, 'Enter')
    await settle(el)
    expect(status()).to.equal('Se añadió nuevo')
  })

  it('is readable in the dark scheme: chips, typed text and suggestions', async () => {
    useDefaultTheme()
    const { el } = await setup(
      html`<parley-tag-input
        label="Tags"
        value="vip"
        data-parley-scheme="dark"
        .suggestions=${SUGGESTIONS}
      ></parley-tag-input>`
    )
    onDarkSurface(el)
    expectReadable(el.shadowRoot!.querySelector('.tag-label')!, 'chip')
    el.focus()
    await type(el, 'u')
    expectReadable(el.shadowRoot!.querySelector('input')!, 'input')
    await press(el, 'ArrowDown')
    expectReadable(el.shadowRoot!.querySelector('[role="option"].active .label')!, 'suggestion')
  })
})
