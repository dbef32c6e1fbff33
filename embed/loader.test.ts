import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { createParley, install, type ParleyApi } from './loader.js'

declare global {
  interface Window {
    __fixtureConfigs?: Record<string, unknown>[]
    __fixtureLoads?: number
  }
}

const CHUNKS = { fixture: '/embed/test-fixtures/fixture-widget.js' }
const loaded = () =>
  performance.getEntriesByType('resource').some((e) => e.name.includes('fixture-widget.js'))

describe('loader', () => {
  let parley: ParleyApi

  before(() => {
    parley = createParley(location.origin, CHUNKS, 'pk_from_script_tag')
  })

  it('loads nothing until a parley-* element appears, then loads and configures that widget', async () => {
    parley.init({ session: async () => 'token', locale: 'es' })
    await new Promise((r) => setTimeout(r, 50))
    expect(loaded()).to.equal(false)
    expect(customElements.get('parley-fixture')).to.equal(undefined)

    // Added later, inside a subtree, as a single-page app would.
    await fixture(
      html`<section>
        <div><parley-fixture></parley-fixture></div>
      </section>`
    )
    await waitUntil(() => customElements.get('parley-fixture'), 'the chunk was not loaded')
    const config = window.__fixtureConfigs!.at(-1)!
    expect(config.publishableKey).to.equal('pk_from_script_tag')
    expect(config.apiUrl).to.equal(location.origin)
    expect(config.locale).to.equal('es')
    expect(config.load).to.be.a('function')
  })

  it('loads each chunk once however many elements and scans there are', async () => {
    await fixture(
      html`<div><parley-fixture></parley-fixture><parley-fixture></parley-fixture></div>`
    )
    parley.init()
    await parley.load('fixture')
    expect(window.__fixtureLoads).to.equal(1)
  })

  it('passes a re-init to widgets already loaded', async () => {
    const before = window.__fixtureConfigs!.length
    parley.init({ locale: 'en', theme: 'dark' })
    await waitUntil(() => window.__fixtureConfigs!.length > before)
    expect(window.__fixtureConfigs!.at(-1)!.theme).to.equal('dark')
    expect(window.__fixtureConfigs!.at(-1)!.locale).to.equal('en')
  })

  it('mounts, unmounts and remounts imperatively, keeping properties set before upgrade', async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`)
    const element = parley.mount('fixture', container, { label: 'Hello' })
    expect(element.localName).to.equal('parley-fixture')
    expect(container.textContent).to.equal('Hello')
    parley.unmount(container)
    expect(container.children.length).to.equal(0)
    parley.mount('fixture', container, { label: 'Again' })
    expect(container.textContent).to.equal('Again')
    parley.unmount(container.firstElementChild!)
    expect(container.children.length).to.equal(0)
    expect(() => parley.mount('fixture', '#does-not-exist')).to.throw(/no element matches/)
  })

  it('relays widget events to on() listeners until off()', async () => {
    let count = 0
    const listener = () => count++
    parley.on('parley-launcher-opened', listener)
    const element = await fixture(html`<parley-fixture></parley-fixture>`)
    element.dispatchEvent(new Event('parley-launcher-opened', { bubbles: true, composed: true }))
    parley.off('parley-launcher-opened', listener)
    element.dispatchEvent(new Event('parley-launcher-opened', { bubbles: true, composed: true }))
    expect(count).to.equal(1)
  })

  it('refuses a widget it does not know', async () => {
    const error = await parley.load('nope').catch((e) => e)
    expect(String(error)).to.contain('no widget named "nope"')
  })

  it('install() replays calls queued by the stub and ignores a second script tag', async () => {
    let received: unknown
    const w = window as unknown as { Parley?: any }
    w.Parley = {
      q: [
        ['on', ['parley-test-queued', (e: Event) => (received = e)]],
        ['init', [{ publishableKey: 'pk_queued' }]],
      ],
    }
    install()
    const installed = w.Parley
    expect(installed.__parley).to.equal(true)
    expect(installed.version).to.be.a('string')
    document.dispatchEvent(new Event('parley-test-queued'))
    expect(received).to.be.instanceOf(Event)
    install()
    expect(w.Parley).to.equal(installed)
    delete w.Parley
  })

  it('init() without any publishable key says so', () => {
    const bare = createParley(location.origin, CHUNKS)
    expect(() => bare.init()).to.throw(/publishableKey is required/)
  })

  it('preloads what a widget chunk imports beside the chunk, once per page', async () => {
    const dep = '/embed/test-fixtures/fixture-dep.js'
    const preloading = createParley(location.origin, CHUNKS, 'pk_preload', undefined, {
      fixture: [dep],
    })
    const links = () =>
      [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].filter(
        (link) => link.href === new URL(dep, location.origin).href
      )
    expect(links()).to.have.length(0)
    await preloading.load('fixture')
    expect(links()).to.have.length(1)
    await waitUntil(
      () => performance.getEntriesByType('resource').some((e) => e.name.endsWith(dep)),
      'the imported chunk was not fetched'
    )
    await preloading.load('fixture')
    expect(links()).to.have.length(1)
  })
})
