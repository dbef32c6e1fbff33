import { expect, fixture, html } from '@open-wc/testing'
import { setLocale } from '../localize.js'
import './message.js'
import type { ParleyMessage } from './message.js'
import type { Message } from './types.js'

const message = {
  id: 'm1',
  conversationId: 'c1',
  direction: 'inbound',
  type: 'text',
  body: 'Hola',
  attachments: [],
  status: 'delivered',
  createdAt: '2026-11-27T16:38:00.000Z',
} as unknown as Message

describe('parley-message', () => {
  afterEach(() => setLocale(undefined))

  it("writes its time in the page's Parley locale, not the browser's", async () => {
    setLocale('es')
    const el = await fixture<ParleyMessage>(
      html`<parley-message .message=${message}></parley-message>`
    )
    const expected = new Date(message.createdAt).toLocaleTimeString('es', {
      hour: '2-digit',
      minute: '2-digit',
    })
    expect(el.textContent).to.contain(expected)
    expect(el.textContent).not.to.match(/\b[AP]M\b/)
  })
})
