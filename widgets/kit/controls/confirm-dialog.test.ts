import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys, sendMouse } from '@web/test-runner-commands'
import { confirm, type ParleyConfirmDialog } from './confirm-dialog.js'
import type { ParleyDialogClosedEvent } from '../events/index.js'
import { deepFocus, expectEventReachesDocument } from '../test/helpers.js'
import { setLocale } from '../localize.js'
import { applyThemeCss } from '../theme.js'
import { expectReadable, useDefaultTheme } from './test-support.js'

const open = () => document.querySelector('parley-confirm-dialog')!
const button = (el: ParleyConfirmDialog, part: 'cancel' | 'confirm') =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~="${part}"]`)!
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('parley-confirm-dialog', () => {
  afterEach(() => {
    setLocale(undefined)
    applyThemeCss('')
    for (const leftover of document.querySelectorAll('parley-confirm-dialog')) leftover.remove()
  })

  it('is a modal alertdialog named by its question and described by its message, and passes axe', async () => {
    const el = await fixture<ParleyConfirmDialog>(
      html`<parley-confirm-dialog
        heading="Remove this number?"
        message="Messages to it will no longer arrive."
        confirm-label="Remove"
        danger
      ></parley-confirm-dialog>`
    )
    void el.show()
    await el.updateComplete
    const dialog = el.shadowRoot!.querySelector('dialog')!
    expect(dialog.getAttribute('role')).to.equal('alertdialog')
    expect(dialog.matches(':modal')).to.equal(true)
    const text = (attr: string) =>
      el.shadowRoot!.getElementById(dialog.getAttribute(attr)!)!.textContent
    expect(text('aria-labelledby')).to.equal('Remove this number?')
    expect(text('aria-describedby')).to.equal('Messages to it will no longer arrive.')
    expect(button(el, 'confirm').textContent!.trim()).to.equal('Remove')
    await expect(el).to.be.accessible()
    el.close()
  })

  it('confirm() resolves true on the confirm button, removes the dialog and gives focus back', async () => {
    const opener = await fixture<HTMLButtonElement>(html`<button>Remove number</button>`)
    opener.focus()
    const answer = confirm({ title: 'Remove this number?', confirmLabel: 'Remove', danger: true })
    await settle()
    const el = open()
    await el.updateComplete
    // Destructive: focus starts on the safe choice.
    expect(deepFocus()).to.equal(button(el, 'cancel'))
    await sendKeys({ press: 'Tab' })
    expect(deepFocus()).to.equal(button(el, 'confirm'))
    button(el, 'confirm').click()
    expect(await answer).to.equal(true)
    expect(document.querySelector('parley-confirm-dialog')).to.equal(null)
    expect(deepFocus()).to.equal(opener)
  })

  it('resolves false on Cancel, on Escape and on a press on the backdrop, without closing a panel around it', async () => {
    for (const how of ['cancel', 'escape', 'backdrop'] as const) {
      const answer = confirm({ title: 'Discard the draft?' })
      await settle()
      const el = open()
      await el.updateComplete
      expect(deepFocus(), 'not destructive: focus on confirm').to.equal(button(el, 'confirm'))
      let heard = false
      const listener = (e: KeyboardEvent) => e.key === 'Escape' && (heard = true)
      document.addEventListener('keydown', listener)
      if (how === 'cancel') button(el, 'cancel').click()
      if (how === 'escape') await sendKeys({ press: 'Escape' })
      if (how === 'backdrop') await sendMouse({ type: 'click', position: [5, 5] })
      document.removeEventListener('keydown', listener)
      expect(await answer, how).to.equal(false)
      expect(heard, 'Escape stays with the dialog').to.equal(false)
    }
  })

  it('tells the host how it closed', async () => {
    const el = await fixture<ParleyConfirmDialog>(
      html`<parley-confirm-dialog heading="Archive?"></parley-confirm-dialog>`
    )
    void el.show()
    await el.updateComplete
    const event = (await expectEventReachesDocument('parley-dialog-closed', () =>
      button(el, 'confirm').click()
    )) as ParleyDialogClosedEvent
    expect(event.value).to.equal('confirm')
  })

  it('speaks Spanish, taking the locale of the element that asks', async () => {
    const widget = await fixture<HTMLElement>(html`<div></div>`)
    Object.assign(widget, { locale: 'es' })
    const answer = confirm({ title: '¿Quitar este número?', from: widget })
    await settle()
    const el = open()
    await el.updateComplete
    expect(button(el, 'cancel').textContent!.trim()).to.equal('Cancelar')
    expect(button(el, 'confirm').textContent!.trim()).to.equal('Confirmar')
    el.close()
    expect(await answer).to.equal(false)
  })

  it('is readable in the dark scheme: question, message, both buttons (danger too)', async () => {
    useDefaultTheme()
    const el = await fixture<ParleyConfirmDialog>(
      html`<parley-confirm-dialog
        data-parley-scheme="dark"
        heading="Remove this number?"
        message="Messages to it will no longer arrive."
        danger
      ></parley-confirm-dialog>`
    )
    void el.show()
    await el.updateComplete
    for (const part of ['title', 'message', 'cancel', 'confirm'])
      expectReadable(el.shadowRoot!.querySelector(`[part~="${part}"]`)!, part)
    el.close()
  })
})
