import { expect, fixture, html } from '@open-wc/testing'
import { configure } from '../kit/runtime.js'
import './thread.js'
import type { ParleyThread } from './thread.js'
import type { Message } from '../kit/conversation/types.js'

const message = (id: string, fields: Partial<Message>) =>
  ({
    id,
    conversationId: 'c1',
    direction: 'inbound',
    type: 'text',
    body: id,
    attachments: [],
    status: 'delivered',
    authorMemberId: null,
    createdAt: '2026-11-27T10:00:00.000Z',
    ...fields,
  }) as Message

describe('parley-thread', () => {
  before(() =>
    configure({ publishableKey: 'pk_test', apiUrl: location.origin, session: async () => 't' })
  )

  it("puts the team's replies on its side and names a teammate's, so none reads as the customer's", async () => {
    const el = await fixture<ParleyThread>(
      html`<parley-thread
        .source=${{}}
        .me=${{ member: { id: 'ana', name: 'Ana', role: 'agent' } }}
        .members=${[
          { id: 'ana', name: 'Ana' },
          { id: 'bruno', name: 'Bruno' },
        ]}
        .messages=${[
          message('question', { authorContactId: 'dora' } as Partial<Message>),
          message('bruno-reply', { direction: 'outbound', authorMemberId: 'bruno' }),
          message('bruno-note', { direction: 'outbound', type: 'note', authorMemberId: 'bruno' }),
          message('ana-reply', { direction: 'outbound', authorMemberId: 'ana' }),
        ]}
      ></parley-thread>`
    )
    await el.updateComplete
    const bubbles = [...el.querySelectorAll('[part~="bubble"]')].map((b) => ({
      body: b.querySelector('.body')!.textContent,
      kind: b.className,
      author: b.querySelector('[part="author"]')?.textContent ?? null,
    }))
    expect(bubbles).to.deep.equal([
      { body: 'question', kind: '', author: null },
      { body: 'bruno-reply', kind: 'mine', author: 'Bruno' },
      { body: 'bruno-note', kind: 'note', author: 'Bruno' },
      { body: 'ana-reply', kind: 'mine', author: null },
    ])
  })
})
