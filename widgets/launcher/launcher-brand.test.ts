import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { configure } from '../kit/runtime.js'
import './launcher.js'
import type { ParleyLauncher } from './launcher.component.js'

const LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30"><circle cx="15" cy="15" r="15" fill="#0a7d53"/></svg>'
)}`

const tenants: Record<string, { name: string; logoUrl: string | null }> = {
  pk_logo: { name: 'Helpdesk Pro', logoUrl: LOGO },
  pk_broken: { name: 'Helpdesk Pro', logoUrl: '/no-such-logo.png' },
  pk_plain: { name: 'Helpdesk Pro', logoUrl: null },
}

describe('parley-launcher with the tenant’s branding', () => {
  const realFetch = window.fetch
  before(() => {
    window.fetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input))
      if (url.pathname === '/v1/embed/config')
        return Response.json({
          tenant: { ...tenants[url.searchParams.get('key')!], fontUrl: null },
          widgets: [],
          theme: { tokens: {} },
        })
      return new Response('', { status: 404 })
    }) as typeof fetch
  })
  after(() => (window.fetch = realFetch))

  async function render(
    key: string,
    launcher = html`<parley-launcher open><p>Hi</p></parley-launcher>`
  ) {
    configure({ publishableKey: key, apiUrl: location.origin })
    const wrapper = await fixture(html`<div>${launcher}</div>`)
    const el = wrapper.querySelector<ParleyLauncher>('parley-launcher')!
    await el.updateComplete
    return el
  }
  const header = (el: ParleyLauncher) =>
    el.shadowRoot!.querySelector<HTMLElement>('[part="header"]')!
  const logo = (el: ParleyLauncher) => el.shadowRoot!.querySelector<HTMLElement>('[part="logo"]')
  const title = (el: ParleyLauncher) => el.shadowRoot!.querySelector('#title')!.textContent

  it('titles the panel with the tenant’s logo and display name when the host gives no label', async () => {
    const el = await render('pk_logo')
    await waitUntil(() => logo(el), 'no logo')
    expect(title(el)).to.equal('Helpdesk Pro')
    const img = logo(el)!.querySelector('img')!
    expect(img.getAttribute('src')).to.equal(LOGO)
    // The title beside it says the name: the image is not read out twice.
    expect(img.alt).to.equal('')
    expect(header(el).contains(logo(el))).to.equal(true)
    const button = el.shadowRoot!.querySelector('[part="button"]')!
    expect(button.getAttribute('aria-label')).to.equal('Open Helpdesk Pro')
    expect(
      el.shadowRoot!.querySelector('[part="panel"]')!.getAttribute('aria-labelledby')
    ).to.equal('title')
    await waitUntil(() => img.complete && img.naturalWidth > 0, 'the logo did not load')
    await expect(el).to.be.accessible()
  })

  it('keeps the host’s label, the logo named by the display name, on a light tile in dark mode', async () => {
    const el = await render(
      'pk_logo',
      html`<parley-launcher open label="Acme support" data-parley-scheme="dark"
        ><p>Hi</p></parley-launcher
      >`
    )
    await waitUntil(() => logo(el), 'no logo')
    expect(title(el)).to.equal('Acme support')
    expect(logo(el)!.querySelector('img')!.alt).to.equal('Helpdesk Pro')
    expect(getComputedStyle(logo(el)!).backgroundColor).to.equal('rgb(255, 255, 255)')
    // Small: the title bar keeps its height.
    expect(logo(el)!.getBoundingClientRect().height).to.be.at.most(32)
  })

  it('hides a logo whose image cannot be loaded', async () => {
    const el = await render('pk_broken')
    await waitUntil(() => title(el) === 'Helpdesk Pro')
    await waitUntil(() => !logo(el), 'the broken logo stayed', { timeout: 3000 })
    expect(el.shadowRoot!.querySelector('[part="header"] img')).to.equal(null)
  })

  it('changes nothing where the tenant has no logo', async () => {
    const el = await render(
      'pk_plain',
      html`<parley-launcher open label="Help"><p>Hi</p></parley-launcher>`
    )
    await new Promise((r) => setTimeout(r, 100))
    expect(logo(el)).to.equal(null)
    expect(title(el)).to.equal('Help')
  })

  it('lets a widget under the tenant’s prefix fill the panel, as <parley-chat> does', async () => {
    const el = await render(
      'pk_plain',
      html`<parley-launcher open label="Help"
        ><acme-chat workspace="demo-co"></acme-chat
      ></parley-launcher>`
    )
    await waitUntil(() => el.hasAttribute('flush'), 'not flush')
  })
})
