import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { createParley } from './loader.js'

const CHUNKS = { fixture: '/embed/test-fixtures/fixture-widget.js' }

describe('loader with a tenant element prefix', () => {
  it('defines <acme-fixture> as a subclass of <parley-fixture> and upgrades it', async () => {
    const parley = createParley(location.origin, CHUNKS, 'pk_test')
    parley.init({ elementPrefix: 'acme' })
    const host = await fixture<HTMLDivElement>(html`<div><acme-fixture></acme-fixture></div>`)
    await waitUntil(() => customElements.get('acme-fixture'), 'acme-fixture was not defined')
    const element = host.querySelector('acme-fixture')!
    expect(element.matches(':defined')).to.equal(true)
    expect(element.textContent).to.equal('fixture')
    const base = customElements.get('parley-fixture')!
    expect(element).to.be.instanceOf(base)
    expect(customElements.get('acme-fixture')).to.not.equal(base)

    // Mounting names the tenant's element, and unmounting finds it.
    const container = await fixture<HTMLDivElement>(html`<div></div>`)
    const mounted = parley.mount('fixture', container, { label: 'mounted' })
    expect(mounted.localName).to.equal('acme-fixture')
    await waitUntil(() => mounted.textContent === 'mounted')
    parley.unmount(container)
    expect(container.children.length).to.equal(0)
  })

  it('ignores a prefix that would not make valid element names', async () => {
    const parley = createParley(location.origin, CHUNKS, 'pk_test', 'Bad-Prefix')
    parley.init({ elementPrefix: 'parley' })
    const container = await fixture<HTMLDivElement>(html`<div></div>`)
    expect(parley.mount('fixture', container).localName).to.equal('parley-fixture')
  })

  it('learns the prefix from the embed config when the page does not say', async () => {
    const realFetch = window.fetch
    const asked: string[] = []
    window.fetch = (async (input: RequestInfo | URL) => {
      asked.push(String(input))
      return new Response(JSON.stringify({ elementPrefix: 'zed', parleyElements: false }), {
        headers: { 'content-type': 'application/json' },
      })
    }) as typeof fetch
    try {
      const parley = createParley(location.origin, CHUNKS, 'pk_cfg')
      parley.init()
      await fixture(html`<div><zed-fixture></zed-fixture></div>`)
      await waitUntil(() => customElements.get('zed-fixture'), 'zed-fixture was not defined')
      expect(asked[0]).to.include('/v1/embed/config?key=pk_cfg')
      const container = await fixture<HTMLDivElement>(html`<div></div>`)
      expect(parley.mount('fixture', container).localName).to.equal('zed-fixture')
      // The widgets' runtime gets the same answer: the page asks once.
      const configs = (
        window as unknown as { __fixtureConfigs: { embedConfig?: Promise<Response> }[] }
      ).__fixtureConfigs
      const handed = await configs.at(-1)!.embedConfig!
      expect(await handed.json()).to.deep.equal({ elementPrefix: 'zed', parleyElements: false })
      expect(asked.length).to.equal(1)
    } finally {
      window.fetch = realFetch
    }
  })

  it("still defines a suspended tenant's elements (named in its 403), so they can say they are unavailable", async () => {
    const realFetch = window.fetch
    window.fetch = (async () =>
      new Response(
        JSON.stringify({
          error: {
            code: 'TENANT_SUSPENDED',
            message: 'x',
            elementPrefix: 'held',
            parleyElements: true,
          },
        }),
        { status: 403, headers: { 'content-type': 'application/json' } }
      )) as typeof fetch
    try {
      const parley = createParley(location.origin, CHUNKS, 'pk_held')
      parley.init()
      await fixture(html`<div><held-fixture></held-fixture></div>`)
      await waitUntil(() => customElements.get('held-fixture'), 'held-fixture was not defined')
    } finally {
      window.fetch = realFetch
    }
  })

  it('learns nothing from any other refusal', async () => {
    const realFetch = window.fetch
    window.fetch = (async () =>
      new Response(
        JSON.stringify({
          error: { code: 'AUTHORIZATION_ERROR', message: 'x', elementPrefix: 'nope' },
        }),
        { status: 403, headers: { 'content-type': 'application/json' } }
      )) as typeof fetch
    try {
      const parley = createParley(location.origin, CHUNKS, 'pk_nope')
      parley.init()
      await new Promise((resolve) => setTimeout(resolve, 100))
      const container = await fixture<HTMLDivElement>(html`<div></div>`)
      expect(parley.mount('fixture', container).localName).to.equal('parley-fixture')
    } finally {
      window.fetch = realFetch
    }
  })
})
