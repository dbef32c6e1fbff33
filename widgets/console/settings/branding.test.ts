import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import './branding-page.js'
import type { Branding, ConsoleBranding } from './branding-page.js'

const SAVED: Branding = {
  name: 'Acme',
  logoUrl: 'https://cdn.acme.test/logo.svg',
  fontUrl: null,
  elementPrefix: null,
  parleyElements: true,
}

/** A 1×1 PNG, as a data URL the preview can show. */
const PNG_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGPo1ncFAALmAUkpzeWfAAAAAElFTkSuQmCC'

interface Call {
  method: string
  url: string
  body?: any
  file?: File
  xsrf: string | null
}

/**
 * GET/PATCH /v1/branding as the server answers (422 for the reserved prefix 'parley'), and the
 * uploads: a file whose bytes start with PNG's signature is stored, anything else is refused
 * with 422 as the server does; `hold` keeps an upload's answer until released.
 */
function mockBranding(options: { hold?: Promise<void> } = {}) {
  const calls: Call[] = []
  let branding = { ...SAVED }
  window.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const url = String(input)
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    const file = init.body instanceof FormData ? (init.body.get('file') as File) : undefined
    calls.push({ method, url, body, file, xsrf: new Headers(init.headers).get('x-xsrf-token') })
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    const upload = /^\/v1\/branding\/(logo|font)$/.exec(url)
    if (upload && method === 'POST') {
      await options.hold
      const head = new Uint8Array(await file!.slice(0, 4).arrayBuffer())
      if (file!.size > 700 * 1024)
        return json(
          {
            error: {
              code: 'PAYLOAD_TOO_LARGE',
              message: 'A font can be at most 1 MB',
              details: [{ field: 'file', message: 'The file must be at most 1 MB' }],
            },
          },
          413
        )
      if (head[0] !== 0x89 || head[1] !== 0x50)
        return json(
          {
            error: {
              code: 'VALIDATION_ERROR',
              message: 'The request is invalid',
              details: [
                {
                  field: 'file',
                  message: 'A logo must be a PNG, JPEG or WebP file (this one is text)',
                },
              ],
            },
          },
          422
        )
      const field = upload[1] === 'logo' ? 'logoUrl' : 'fontUrl'
      branding = { ...branding, [field]: upload[1] === 'logo' ? PNG_URL : '/fonts/brand.woff2' }
      return json(branding, 201)
    }
    if (url !== '/v1/branding') return new Response(null, { status: 404 })
    if (method === 'PATCH') {
      if (body.elementPrefix === 'parley')
        return json(
          {
            error: {
              code: 'VALIDATION_ERROR',
              message: 'Invalid',
              details: [{ field: 'elementPrefix', message: 'parley is reserved' }],
            },
          },
          422
        )
      branding = { ...branding, ...body }
    }
    return json(branding)
  }) as typeof fetch
  return calls
}

const $ = <E extends Element = HTMLElement>(root: Element, selector: string) =>
  root.shadowRoot!.querySelector<E>(selector)!

/** Chooses a file in a hidden file input, as the picker would. */
async function choose(page: ConsoleBranding, id: string, file: File) {
  const input = $<HTMLInputElement>(page, `#${id}`)
  const transfer = new DataTransfer()
  transfer.items.add(file)
  input.files = transfer.files
  input.dispatchEvent(new Event('change'))
  await page.updateComplete
}

const pngFile = (name = 'logo.png') =>
  new File([Uint8Array.from(atob(PNG_URL.split(',')[1]), (c) => c.charCodeAt(0))], name, {
    type: 'image/png',
  })

async function type(page: ConsoleBranding, id: string, value: string) {
  const input = $<HTMLInputElement>(page, `#${id}`)
  input.value = value
  input.dispatchEvent(new Event('input'))
  await page.updateComplete
}

describe('branding page', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('sends only what changed (an emptied URL as null), with the prefix shown as element names', async () => {
    const calls = mockBranding()
    const page = await fixture<ConsoleBranding>(html`<console-branding></console-branding>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#name'))
    expect($<HTMLInputElement>(page, '#name').value).to.equal('Acme')
    expect($<HTMLButtonElement>(page, '#save').disabled).to.equal(true)
    // The default names stay unless there is a prefix.
    expect($<HTMLInputElement>(page, '#parleyElements').disabled).to.equal(true)

    await type(page, 'elementPrefix', 'parley')
    expect($(page, '.sample').textContent).to.contain('<parley-inbox>')
    $<HTMLButtonElement>(page, '#save').click()
    await waitUntil(() => page.shadowRoot!.querySelector('#elementPrefix-hint.error'))
    expect($(page, '#elementPrefix-hint').textContent).to.contain('parley is reserved')

    await type(page, 'elementPrefix', 'acme')
    expect($(page, '.sample').textContent).to.contain('<acme-launcher>')
    await type(page, 'logoUrl', '')
    const off = $<HTMLInputElement>(page, '#parleyElements')
    expect(off.disabled).to.equal(false)
    off.click()
    await page.updateComplete
    $<HTMLButtonElement>(page, '#save').click()
    await waitUntil(() =>
      page.shadowRoot!.querySelector('#message')?.textContent?.includes('Saved')
    )
    const patch = calls.filter((c) => c.method === 'PATCH').at(-1)!
    expect(patch.body).to.deep.equal({
      logoUrl: null,
      elementPrefix: 'acme',
      parleyElements: false,
    })
    expect(patch.xsrf).to.equal('tok=42')
    expect($<HTMLButtonElement>(page, '#save').disabled).to.equal(true)
  })

  it('reads only for support, and speaks Spanish', async () => {
    mockBranding()
    setLocale('es')
    const page = await fixture<ConsoleBranding>(
      html`<console-branding .userRole=${'support'}></console-branding>`
    )
    await waitUntil(() => page.shadowRoot!.querySelector('#name'))
    expect($(page, 'h1').textContent).to.contain('Marca')
    expect($<HTMLInputElement>(page, '#name').readOnly).to.equal(true)
    expect(page.shadowRoot!.querySelector('#save')).to.equal(null)
  })
  it('uploads a logo from a keyboard-operable button: busy while it goes, then previewed and in use', async () => {
    let release!: () => void
    const calls = mockBranding({ hold: new Promise<void>((r) => (release = r)) })
    const page = await fixture<ConsoleBranding>(html`<console-branding></console-branding>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#logoUpload'))
    // The button opens the (hidden, untabbable) file input, by keyboard too.
    const picker = $<HTMLInputElement>(page, '#logoFile')
    expect(picker.hidden).to.equal(true)
    let opened = 0
    picker.click = () => void opened++
    $<HTMLButtonElement>(page, '#logoUpload').focus()
    await sendKeys({ press: 'Enter' })
    expect(opened).to.equal(1)

    await choose(page, 'logoFile', pngFile())
    const button = $<HTMLButtonElement>(page, '#logoUpload')
    expect(button.textContent).to.contain('Uploading…')
    expect(button.getAttribute('aria-busy')).to.equal('true')
    // Not disabled (the focus stays on it), but inert until the upload is answered.
    expect(button.getAttribute('aria-disabled')).to.equal('true')
    expect(page.shadowRoot!.activeElement).to.equal(button)
    expect($(page, '#fontUpload').getAttribute('aria-disabled')).to.equal('true')
    button.click()
    expect(opened).to.equal(1)
    release()
    await waitUntil(() => $(page, '#message')?.textContent?.includes('Logo uploaded'))
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.url).to.equal('/v1/branding/logo')
    expect(post.file!.name).to.equal('logo.png')
    expect(post.xsrf).to.equal('tok=42')
    expect($<HTMLInputElement>(page, '#logoUrl').value).to.equal(PNG_URL)
    expect($<HTMLImageElement>(page, 'img.logo').src).to.equal(PNG_URL)
    // In use already: nothing left to save.
    expect($<HTMLButtonElement>(page, '#save').disabled).to.equal(true)
    expect($<HTMLButtonElement>(page, '#logoUpload').textContent).to.contain('Upload logo')
    expect(page.shadowRoot!.activeElement).to.equal($(page, '#logoUpload'))
    await expect(page).to.be.accessible()
  })

  it("shows the server's refusal under the field, and refuses an oversized file before sending it", async () => {
    const calls = mockBranding()
    const page = await fixture<ConsoleBranding>(html`<console-branding></console-branding>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#logoUpload'))

    await choose(page, 'logoFile', new File(['just some text'], 'logo.png', { type: 'image/png' }))
    await waitUntil(() => page.shadowRoot!.querySelector('#logoUrl-hint.error'))
    const refusal = $(page, '#logoUrl-hint')
    expect(refusal.getAttribute('role')).to.equal('alert')
    expect(refusal.textContent).to.contain('must be a PNG, JPEG or WebP file')
    expect($(page, '#logoUrl').getAttribute('aria-invalid')).to.equal('true')
    expect($<HTMLInputElement>(page, '#logoUrl').value).to.equal(SAVED.logoUrl)
    await expect(page).to.be.accessible()

    const posts = () => calls.filter((c) => c.method === 'POST').length
    const sent = posts()
    await choose(page, 'logoFile', new File([new Uint8Array(600 * 1024)], 'big.png'))
    expect($(page, '#logoUrl-hint').textContent).to.contain(
      'This file is 600 KB; the limit is 512 KB.'
    )
    expect(posts()).to.equal(sent)

    // The server's 413 in its words, under the font field.
    await choose(page, 'fontFile', new File([new Uint8Array(800 * 1024)], 'font.woff2'))
    await waitUntil(() => page.shadowRoot!.querySelector('#fontUrl-hint.error'))
    expect($(page, '#fontUrl-hint').textContent).to.contain('The file must be at most 1 MB')
    // Typing a URL instead clears the refusal.
    await type(page, 'fontUrl', 'https://cdn.acme.test/brand.woff2')
    expect($(page, '#fontUrl-hint').className).to.equal('hint')
  })

  it('shows the saved font in a sample line, or says when the browser cannot load it', async () => {
    mockBranding()
    const page = await fixture<ConsoleBranding>(html`<console-branding></console-branding>`)
    const loaded: string[] = []
    page.loadFont = async (url) => {
      loaded.push(url)
      return 'brand-sample-test'
    }
    await waitUntil(() => page.shadowRoot!.querySelector('#fontUpload'))
    expect(page.shadowRoot!.querySelector('#fontSample')).to.equal(null)
    await choose(page, 'fontFile', pngFile('brand.woff2'))
    await waitUntil(() => $(page, '#fontSample')?.style.fontFamily.includes('brand-sample-test'))
    expect(loaded).to.deep.equal(['/fonts/brand.woff2'])
    expect($(page, '#fontSample').textContent).to.contain('quick brown fox')
    await expect(page).to.be.accessible()

    // The real loader, with a font that is not there.
    const broken = { ...SAVED, fontUrl: '/no-such-font.woff2' }
    window.fetch = (async () =>
      new Response(JSON.stringify(broken), {
        headers: { 'content-type': 'application/json' },
      })) as typeof fetch
    const other = await fixture<ConsoleBranding>(html`<console-branding></console-branding>`)
    await waitUntil(
      () =>
        other.shadowRoot!.querySelector('.font-preview')?.textContent?.includes('could not load'),
      'the failed font to be reported',
      { timeout: 5000 }
    )
    expect($(other, '#fontSample').style.fontFamily).to.equal('')
  })

  it('offers no upload to support, and speaks Spanish around the uploads', async () => {
    mockBranding()
    const support = await fixture<ConsoleBranding>(
      html`<console-branding .userRole=${'support'}></console-branding>`
    )
    await waitUntil(() => support.shadowRoot!.querySelector('#logoUrl'))
    expect(support.shadowRoot!.querySelector('#logoUpload')).to.equal(null)
    expect(support.shadowRoot!.querySelector('#fontFile')).to.equal(null)

    setLocale('es')
    const page = await fixture<ConsoleBranding>(html`<console-branding></console-branding>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#logoUpload'))
    expect($(page, '#logoUpload').textContent).to.contain('Subir logotipo')
    expect($(page, '#fontUpload').textContent).to.contain('Subir tipografía')
    expect($(page, '#logoUrl-hint').textContent).to.contain('512 KB')
    await choose(page, 'logoFile', pngFile())
    await waitUntil(() => $(page, '#message')?.textContent?.includes('Logotipo subido'))
  })
})
