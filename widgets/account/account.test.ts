import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { configure } from '../kit/runtime.js'
import './account.js'
import type { ParleyAccount } from './account.component.js'

const me = {
  tenant: { id: 't', name: 'Acme' },
  workspaceId: '0192f000-aaaa-7000-8000-000000000001',
  widgets: ['inbox'],
  member: {
    id: 'm',
    externalId: 'u_1',
    name: '<img src=x onerror=alert(1)>',
    email: 'ana@acme.test',
    role: 'agent',
  },
}

describe('parley-account', () => {
  const realFetch = window.fetch
  let answers: Response[] = []
  before(() => {
    window.fetch = (async (input: RequestInfo | URL) => {
      const url = String(input)
      if (url.includes('/v1/theme.css')) return new Response('', { status: 200 })
      return answers.shift() ?? new Response('{}', { status: 500 })
    }) as typeof fetch
    configure({
      publishableKey: 'pk_test',
      apiUrl: location.origin,
      session: async () => 'v1.e30.sig',
    })
  })
  after(() => (window.fetch = realFetch))

  it("renders the session's member, with user content as text", async () => {
    answers = [new Response(JSON.stringify(me), { status: 200 })]
    const el = await fixture<ParleyAccount>(html`<parley-account></parley-account>`)
    await waitUntil(() => el.shadowRoot!.querySelector('[part="name"]'))
    expect(el.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal(me.member.name)
    expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0)
    expect(el.shadowRoot!.textContent).to.contain('Agent')
    await expect(el).to.be.accessible()
  })

  it('shows a translated error with a retry that works', async () => {
    answers = [
      new Response(JSON.stringify({ error: { code: 'AUTHORIZATION_ERROR', message: 'no' } }), {
        status: 403,
      }),
    ]
    const el = await fixture<ParleyAccount>(html`<parley-account></parley-account>`)
    await waitUntil(() => el.shadowRoot!.querySelector('parley-state[kind="error"]'))
    const state = el.shadowRoot!.querySelector('parley-state')!
    expect(state.getAttribute('message')).to.equal('You do not have access to this.')
    answers = [new Response(JSON.stringify(me), { status: 200 })]
    state.shadowRoot!.querySelector('parley-button')!.shadowRoot!.querySelector('button')!.click()
    await waitUntil(() => el.shadowRoot!.querySelector('[part="name"]'))
  })
})
