import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { compileTheme } from '../../themes/compile.js'
import { configure } from './runtime.js'
import { applyThemeCss } from './theme.js'
import { brandFontFamily } from './brand-font.js'
import './primitives/button.js'

/** A real font the test server has (Storybook's own), and one that is not there. */
const FONT = new URL(
  '/node_modules/storybook/assets/browser/nunito-sans-regular.woff2',
  location.href
).href
const MISSING = new URL('/no-such-font.woff2', location.href).href
const THEME_STACK = 'Georgia, serif'

/** The tenant each publishable key stands for: its font, if any. */
const fonts: Record<string, string | null> = {
  pk_font: FONT,
  pk_font_again: FONT,
  pk_broken: MISSING,
  pk_plain: null,
}

const facesOf = (family: string) => [...document.fonts].filter((f) => f.family === family)
const fontOf = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('button')!).fontFamily

describe('the tenant font', () => {
  const realFetch = window.fetch
  const asked: string[] = []
  const failures: unknown[] = []
  const onRejection = (e: PromiseRejectionEvent) => failures.push(e.reason)

  before(() => {
    window.addEventListener('unhandledrejection', onRejection)
    window.fetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input))
      asked.push(url.pathname)
      if (url.pathname === '/v1/theme.css') return new Response('', { status: 404 })
      if (url.pathname === '/v1/embed/config') {
        const key = url.searchParams.get('key')!
        return Response.json({
          tenant: { name: 'Acme Help', logoUrl: null, fontUrl: fonts[key] },
          widgets: ['inbox'],
          theme: { tokens: {} },
        })
      }
      return new Response(null, { status: 404 })
    }) as typeof fetch
    applyThemeCss(compileTheme({ typography: { fontFamily: THEME_STACK } }))
  })
  after(() => {
    window.fetch = realFetch
    window.removeEventListener('unhandledrejection', onRejection)
    applyThemeCss('')
  })

  it('registers the font from the embed config once per page, its family first in the font stack', async () => {
    const family = brandFontFamily(FONT)
    expect(family).to.match(/^brand-[a-z0-9]+$/)
    configure({ publishableKey: 'pk_font', apiUrl: location.origin })
    await waitUntil(() => facesOf(family).length > 0, 'the font was not registered')
    const el = await fixture(html`<parley-button>Send</parley-button>`)
    await waitUntil(() => fontOf(el).startsWith(family), `font stack: ${fontOf(el)}`)
    expect(fontOf(el)).to.equal(`${family}, Georgia, serif`)

    // It loads from the config's address, and the text is drawn in it.
    await document.fonts.load(`16px "${family}"`)
    expect(facesOf(family)[0].status).to.equal('loaded')
    expect(performance.getEntriesByName(FONT)).to.have.length.greaterThan(0)
    expect(document.fonts.check(`16px "${family}"`)).to.equal(true)

    // Init again, even with another key naming the same font: still one face.
    configure({ publishableKey: 'pk_font', apiUrl: location.origin })
    configure({ publishableKey: 'pk_font_again', apiUrl: location.origin })
    await waitUntil(() => asked.filter((p) => p === '/v1/embed/config').length >= 2)
    await new Promise((r) => setTimeout(r, 50))
    expect(facesOf(family)).to.have.length(1)
    expect(fontOf(el)).to.equal(`${family}, Georgia, serif`)
  })

  it('falls back to the theme’s stack silently when the font cannot be loaded', async () => {
    const family = brandFontFamily(MISSING)
    configure({ publishableKey: 'pk_broken', apiUrl: location.origin })
    await waitUntil(() => facesOf(family).length > 0, 'the font was not registered')
    const el = await fixture(html`<parley-button>Send</parley-button>`)
    await waitUntil(() => facesOf(family)[0].status === 'error', 'the load did not fail')
    // The family stays first; the browser draws with the next one, and nothing is thrown.
    expect(fontOf(el)).to.equal(`${family}, Georgia, serif`)
    const button = el.shadowRoot!.querySelector('button')!
    expect(button.getBoundingClientRect().width).to.be.greaterThan(20)
    expect(failures).to.deep.equal([])
  })

  it('keeps the theme’s stack alone for a tenant without a font', async () => {
    configure({ publishableKey: 'pk_plain', apiUrl: location.origin })
    const el = await fixture(html`<parley-button>Send</parley-button>`)
    await waitUntil(() => fontOf(el) === 'Georgia, serif', `font stack: ${fontOf(el)}`)
  })

  it('leads with the tenant’s font even before (or without) the theme', async () => {
    applyThemeCss('')
    configure({ publishableKey: 'pk_font', apiUrl: location.origin })
    const el = await fixture(html`<parley-button>Send</parley-button>`)
    const family = brandFontFamily(FONT)
    await waitUntil(() => fontOf(el).startsWith(family), `font stack: ${fontOf(el)}`)
    expect(fontOf(el)).to.equal(`${family}, system-ui, sans-serif`)
  })
})
