import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { configure } from '../kit/runtime.js'
import { expectTranslated } from '../kit/test/helpers.js'
import { applyThemeCss } from '../kit/theme.js'
import { compileTheme } from '../../themes/compile.js'
import './account.js'
import type { ParleyAccount } from './account.component.js'

const me = {
  tenant: { id: '0192f000-0000-7000-8000-0000000000a1', name: 'Parley Demo' },
  workspace: { id: '01a21a56-aaaa-7000-8000-000000000001', externalId: 'acme-co', name: 'Acme Co' },
  workspaceId: '01a21a56-aaaa-7000-8000-000000000001',
  widgets: ['inbox', 'recorder', 'campaigns', 'billing'],
  member: {
    id: '0192f000-0000-7000-8000-0000000000c1',
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
      // The runtime asks for the tenant's branding (its font) as soon as it is configured.
      if (url.includes('/v1/embed/config')) return new Response('', { status: 404 })
      return answers.shift() ?? new Response('{}', { status: 500 })
    }) as typeof fetch
    configure({
      publishableKey: 'pk_test',
      apiUrl: location.origin,
      session: async () => 'v1.e30.sig',
    })
  })
  after(() => (window.fetch = realFetch))

  const answer = (body: unknown) =>
    (answers = [new Response(JSON.stringify(body), { status: 200 })])
  async function mount() {
    const el = await fixture<ParleyAccount>(html`<parley-account></parley-account>`)
    await waitUntil(() => el.shadowRoot!.querySelector('[part="name"]'))
    return el
  }
  const text = (el: ParleyAccount) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ')

  it("renders the session's person with user content as text, and an avatar", async () => {
    answer(me)
    const el = await mount()
    expect(el.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal(me.member.name)
    expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0)
    expect(el.shadowRoot!.querySelector('parley-avatar')!.getAttribute('name')).to.equal(
      me.member.name
    )
    expect(text(el)).to.contain('ana@acme.test')
    await expect(el).to.be.accessible()
  })

  it('names the workspace and the role in words, and shows no ids or tenant name', async () => {
    answer(me)
    const el = await mount()
    expect(text(el)).to.contain('Acme Co')
    expect(text(el)).to.contain('Agent')
    expect(text(el)).to.contain('Answers conversations')
    for (const hidden of ['01a21a56', 'acme-co', 'u_1', 'Parley Demo', '0192f000'])
      expect(text(el)).not.to.contain(hidden)
  })

  it('lists by name only the features that exist and the session opens, translated', async () => {
    answer(me)
    const el = await mount()
    const features = () =>
      [...el.shadowRoot!.querySelectorAll('[part="features"] li')].map((li) => li.textContent)
    expect(features()).to.deep.equal(['Inbox', 'Recorder'])
    await expectTranslated(
      el,
      () => features().join(', '),
      'Inbox, Recorder',
      'Bandeja de entrada, Grabadora'
    )
    await expectTranslated(el, () => text(el), 'Workspace', 'Espacio de trabajo')
    expect(text(el)).not.to.match(/campaigns|billing/i)
  })

  it('falls back to the email for a person with no name, and says when no feature is open', async () => {
    answer({
      ...me,
      workspace: { ...me.workspace, name: null },
      widgets: ['campaigns'],
      member: { ...me.member, name: null },
    })
    const el = await mount()
    expect(el.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('ana@acme.test')
    expect(el.shadowRoot!.querySelector('[part="features"]')).to.equal(null)
    expect(text(el)).to.contain('No features are open to this session.')
    expect(text(el)).not.to.contain('Workspace')
  })

  it('paints its own surface in either scheme, so its text reads on any host page', async () => {
    applyThemeCss(compileTheme({ colorScheme: 'auto' }))
    try {
      answer(me)
      const el = await mount()
      const paint = () => getComputedStyle(el.shadowRoot!.querySelector('[part="base"]')!)
      el.setAttribute('data-parley-scheme', 'light')
      expect([paint().backgroundColor, paint().color]).to.deep.equal([
        'rgb(255, 255, 255)',
        'rgb(24, 32, 47)',
      ])
      el.setAttribute('data-parley-scheme', 'dark')
      expect([paint().backgroundColor, paint().color]).to.deep.equal([
        'rgb(21, 26, 36)',
        'rgb(232, 236, 244)',
      ])
    } finally {
      applyThemeCss('')
    }
  })

  it('shows a placeholder card while loading, then a translated error with a retry that works', async () => {
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    const saved = window.fetch
    window.fetch = (async (...args: Parameters<typeof fetch>) => {
      await held
      return saved(...args)
    }) as typeof fetch
    answers = [
      new Response(JSON.stringify({ error: { code: 'AUTHORIZATION_ERROR', message: 'no' } }), {
        status: 403,
      }),
    ]
    try {
      const el = await fixture<ParleyAccount>(html`<parley-account></parley-account>`)
      expect(el.shadowRoot!.querySelector('.loading parley-skeleton')).to.exist
      release()
      await waitUntil(() => el.shadowRoot!.querySelector('parley-state[kind="error"]'))
      const state = el.shadowRoot!.querySelector('parley-state')!
      expect(state.getAttribute('message')).to.equal('You do not have access to this.')
      answer(me)
      state.shadowRoot!.querySelector('parley-button')!.shadowRoot!.querySelector('button')!.click()
      await waitUntil(() => el.shadowRoot!.querySelector('[part="name"]'))
    } finally {
      window.fetch = saved
    }
  })
})
