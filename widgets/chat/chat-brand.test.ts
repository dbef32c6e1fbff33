import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { configure } from '../kit/runtime.js'
import './chat.js'
import type { ParleyChat } from './chat.component.js'

const LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><rect width="90" height="30" fill="#1b3a6b"/></svg>'
)}`

/** Each publishable key stands for a tenant with this brand. */
const tenants: Record<string, { name: string; logoUrl: string | null }> = {
  pk_logo: { name: 'Helpdesk Pro', logoUrl: LOGO },
  pk_broken: { name: 'Helpdesk Pro', logoUrl: '/no-such-logo.png' },
  pk_plain: { name: 'Helpdesk Pro', logoUrl: null },
}

describe('parley-chat with the tenant’s branding', () => {
  const realFetch = window.fetch
  let teamName: string | null = 'Demo Co'

  before(() => {
    window.fetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input))
      if (url.pathname === '/v1/embed/config')
        return Response.json({
          tenant: { ...tenants[url.searchParams.get('key')!], fontUrl: null },
          widgets: [],
          theme: { tokens: {} },
        })
      if (url.pathname === '/v1/chat/workspaces/demo-co')
        return Response.json({
          name: teamName,
          team: [{ name: 'Ana Lima', avatarUrl: null }],
          online: true,
          replyTime: 'minutes',
          preChat: { ask: 'off', required: false },
          emailCaptureSeconds: null,
        })
      return new Response('', { status: 404 })
    }) as typeof fetch
  })
  after(() => (window.fetch = realFetch))
  beforeEach(() => {
    localStorage.clear()
    teamName = 'Demo Co'
  })

  async function render(key: string, wrap = (chat: unknown) => html`<div>${chat}</div>`) {
    configure({ publishableKey: key, apiUrl: location.origin })
    const wrapper = await fixture(wrap(html`<parley-chat workspace="demo-co"></parley-chat>`))
    const chat = wrapper.querySelector('parley-chat') as ParleyChat
    await waitUntil(() => chat.shadowRoot!.querySelector('[part="header"]'), 'no header')
    return { chat, root: chat.shadowRoot! }
  }
  const logo = (root: ShadowRoot) => root.querySelector<HTMLElement>('[part="logo"]')

  it('shows the tenant’s logo, named by its display name, beside the team’s own name', async () => {
    const { root } = await render('pk_logo')
    await waitUntil(() => logo(root), 'no logo')
    const img = logo(root)!.querySelector('img')!
    expect(img.getAttribute('src')).to.equal(LOGO)
    expect(img.alt).to.equal('Helpdesk Pro')
    await waitUntil(() => img.complete && img.naturalWidth > 0, 'the logo did not load')
    // The visitor still talks to the team: its name is the heading.
    expect(root.querySelector('[part="header"] h2')!.textContent).to.equal('Demo Co')
    expect(root.querySelector('[part="header"]')!.firstElementChild).to.equal(logo(root))
    await expect(root.querySelector('[part="base"]')!).to.be.accessible()
  })

  it('keeps the logo on a light tile in the dark scheme', async () => {
    const { chat, root } = await render('pk_logo')
    chat.scheme = 'dark'
    await waitUntil(() => logo(root), 'no logo')
    expect(getComputedStyle(logo(root)!).backgroundColor).to.equal('rgb(255, 255, 255)')
    expect(logo(root)!.getBoundingClientRect().height).to.equal(32)
  })

  it('hides a logo whose image cannot be loaded', async () => {
    const { root } = await render('pk_broken')
    await waitUntil(() => root.querySelector('[part="header"] h2'))
    await waitUntil(() => !logo(root), 'the broken logo stayed', { timeout: 3000 })
    expect(root.querySelector('[part="header"] img')).to.equal(null)
    expect(root.querySelector('[part="header"] h2')!.textContent).to.equal('Demo Co')
  })

  it('changes nothing where the tenant has no logo', async () => {
    const { root } = await render('pk_plain')
    await new Promise((r) => setTimeout(r, 100))
    expect(logo(root)).to.equal(null)
    expect(root.querySelector('[part="header"] h2')!.textContent).to.equal('Demo Co')
  })

  it('names the team after the tenant where the workspace gives none (and does not say it twice)', async () => {
    teamName = null
    const { root } = await render('pk_logo')
    await waitUntil(() => logo(root), 'no logo')
    expect(root.querySelector('[part="header"] h2')!.textContent).to.equal('Helpdesk Pro')
    // The heading says the name already: the logo is not read out a second time.
    expect(logo(root)!.querySelector('img')!.alt).to.equal('')
    expect(root.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal(
      'Chat with Helpdesk Pro'
    )
  })

  it('inside a launcher under the tenant’s prefix, leaves the logo and name to its title bar', async () => {
    const { chat, root } = await render(
      'pk_logo',
      (inner) => html`<acme-launcher>${inner}</acme-launcher>`
    )
    expect(chat.compact).to.equal(true)
    await new Promise((r) => setTimeout(r, 100))
    expect(logo(root)).to.equal(null)
    expect(root.querySelector('[part="header"] h2')).to.equal(null)
  })
})
