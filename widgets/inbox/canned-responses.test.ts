import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { configure } from '../kit/runtime.js'
import { deepFocus } from '../kit/test/helpers.js'
import './canned-responses.js'
import './inbox.js'
import type { CannedResponse, ParleyCannedResponses } from './canned-responses.js'

const SHORTCUT = /^[a-z0-9][a-z0-9_-]{0,39}$/

/**
 * The canned responses API as docs/inbox.md describes it, in memory: 422 with a detail per bad
 * field, 409 for a taken shortcut, 404 for one that is gone, `q` over shortcut and text.
 */
class FakeApi {
  role = 'admin'
  store: CannedResponse[] = []
  requests: { method: string; path: string; query: URLSearchParams; body?: any }[] = []

  reset(role: string) {
    this.role = role
    this.requests = []
    const at = new Date().toISOString()
    this.store = [
      { id: 'r1', shortcut: 'refund', body: 'We have refunded you.', createdAt: at, updatedAt: at },
      { id: 'r2', shortcut: 'hello', body: 'Hi there!', createdAt: at, updatedAt: at },
      {
        id: 'r3',
        shortcut: 'shipping',
        body: 'Orders ship in 2 days.',
        createdAt: at,
        updatedAt: at,
      },
    ]
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    const method = (input instanceof Request ? input.method : init?.method) ?? 'GET'
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body })
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    const refuse = (status: number, code: string, details: unknown[] = []) =>
      json(status, { error: { code, message: code, details, requestId: 'req' } })
    if (url.pathname === '/v1/me')
      return json(200, {
        tenant: { id: 't', name: 'Acme' },
        workspaceId: 'w',
        widgets: ['inbox'],
        member: { id: 'm', name: 'Ana', role: this.role },
      })
    if (url.pathname === '/v1/canned-responses' && method === 'GET') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase()
      const data = this.store
        .filter((c) => !q || `${c.shortcut} ${c.body}`.toLowerCase().includes(q))
        .sort((a, b) => (a.shortcut < b.shortcut ? -1 : 1))
      return json(200, { data, nextCursor: null })
    }
    const id = url.pathname.split('/')[3]
    if (url.pathname.startsWith('/v1/canned-responses')) {
      const found = this.store.find((c) => c.id === id)
      if (id && !found) return refuse(404, 'NOT_FOUND')
      if (method === 'DELETE') {
        this.store = this.store.filter((c) => c !== found)
        return new Response(null, { status: 204 })
      }
      const shortcut = String(body.shortcut ?? found?.shortcut ?? '')
        .trim()
        .toLowerCase()
      const text = String(body.body ?? found?.body ?? '').trim()
      const details = [
        ...(SHORTCUT.test(shortcut) ? [] : [{ field: 'shortcut', message: 'Use 1 to 40 letters' }]),
        ...(text ? [] : [{ field: 'body', message: 'Write the text of the response' }]),
      ]
      if (details.length) return refuse(422, 'VALIDATION_ERROR', details)
      if (this.store.some((c) => c.shortcut === shortcut && c !== found))
        return refuse(409, 'CONFLICT', [{ field: 'shortcut', message: 'taken' }])
      const at = new Date().toISOString()
      const saved = found
        ? Object.assign(found, { shortcut, body: text, updatedAt: at })
        : { id: `r${this.store.length + 10}`, shortcut, body: text, createdAt: at, updatedAt: at }
      if (!found) this.store.push(saved)
      return json(found ? 200 : 201, saved)
    }
    // The inbox around the settings: an empty workspace; the stream is not reachable here.
    if (url.pathname === '/v1/conversations') return json(200, { data: [], nextCursor: null })
    if (url.pathname === '/v1/members' || url.pathname === '/v1/presence')
      return json(200, { data: [], nextCursor: null })
    if (url.pathname === '/v1/whatsapp/numbers') return json(200, { data: [], nextCursor: null })
    if (url.pathname === '/v1/realtime/ticket')
      return json(201, { url: 'http://127.0.0.1:9/none', stream: 's', expiresAt: '' })
    return new Response(null, { status: 204 })
  }
}

const shortcuts = (root: ShadowRoot) =>
  [...root.querySelectorAll('[part="list"] .shortcut')].map((s) => s.textContent!.trim())
const inner = (host: Element | null) =>
  host!.shadowRoot!.querySelector<HTMLElement>('button, input')!
const fieldError = (root: ShadowRoot, field: 'shortcut' | 'body') =>
  field === 'shortcut'
    ? root
        .querySelector('[part="editor"] parley-input')!
        .shadowRoot!.querySelector('[part="error"]')?.textContent
    : root.querySelector('[part="editor"] .field-error')?.textContent

describe('parley-canned-responses', () => {
  const realFetch = window.fetch
  const api = new FakeApi()
  before(() => {
    window.fetch = api.fetch as typeof fetch
    configure({ publishableKey: 'pk', apiUrl: location.origin, session: async () => 'v1.e30.sig' })
  })
  after(() => (window.fetch = realFetch))

  async function render(role: string, locale = 'en') {
    api.reset(role)
    const el = await fixture<ParleyCannedResponses>(
      html`<parley-canned-responses locale=${locale}></parley-canned-responses>`
    )
    const root = el.shadowRoot!
    await waitUntil(() => root.querySelectorAll('[part="list"] > li').length === 3, 'no list')
    return { el, root }
  }

  it('lets an admin create one, with the API’s refusals shown on their fields', async () => {
    const { el, root } = await render('admin')
    expect(shortcuts(root)).to.deep.equal(['/hello', '/refund', '/shipping'])
    inner(root.querySelector('.new')).click()
    await waitUntil(() => root.querySelector('[part="editor"]'), 'no form')
    const shortcut = root.querySelector('[part="editor"] parley-input')!
    await waitUntil(() => deepFocus() === inner(shortcut), 'focus is not on the shortcut')

    // Typed and sent with Enter: two words and no text → 422 on both fields.
    await sendKeys({ type: 'two words' })
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => fieldError(root, 'shortcut'), 'no error on the shortcut')
    expect(fieldError(root, 'shortcut')).to.contain('without spaces')
    expect(fieldError(root, 'body')).to.contain('Write the text')
    expect(root.querySelector('textarea')!.getAttribute('aria-invalid')).to.equal('true')
    expect(deepFocus()).to.equal(inner(shortcut))
    const posted = api.requests.filter((r) => r.method === 'POST')
    expect(posted.map((r) => r.body)).to.deep.equal([{ shortcut: 'two words', body: '' }])

    // A taken shortcut → 409, said on the shortcut.
    ;(inner(shortcut) as HTMLInputElement).select()
    await sendKeys({ type: 'Refund' })
    root.querySelector('textarea')!.focus()
    await sendKeys({ type: 'Thanks!' })
    inner(root.querySelector('[part="editor"] parley-button[type="submit"]')).click()
    await waitUntil(() => fieldError(root, 'shortcut')?.includes('/refund'), 'no conflict shown')
    expect(fieldError(root, 'shortcut')).to.equal(
      'Another response already uses /refund. Choose another shortcut.'
    )
    expect(fieldError(root, 'body')).to.equal(undefined)

    ;(inner(shortcut) as HTMLInputElement).select()
    await sendKeys({ type: 'thanks' })
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => !root.querySelector('[part="editor"]'), 'the form stayed open')
    expect(shortcuts(root)).to.deep.equal(['/hello', '/refund', '/shipping', '/thanks'])
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('/thanks saved.')
    // Focus lands on the new response (its Edit button), where the list shows it.
    const added = [...root.querySelectorAll('[part="list"] > li')].at(-1)!
    expect(deepFocus()).to.equal(inner(added.querySelector('.edit')))
    expect(api.store.find((c) => c.shortcut === 'thanks')!.body).to.equal('Thanks!')
    await expect(el).to.be.accessible()
  })

  it('edits one in place and deletes one only once confirmed', async () => {
    const { el, root } = await render('owner')
    const row = (shortcut: string) =>
      [...root.querySelectorAll('[part="list"] > li')].find((li) =>
        li.textContent!.includes(`/${shortcut}`)
      )!
    inner(row('hello').querySelector('.edit')).click()
    await waitUntil(() => row('hello').querySelector('[part="editor"]'), 'no form in place')
    expect(row('hello').querySelector('h3')!.textContent).to.equal('Edit /hello')
    const textarea = root.querySelector('textarea')!
    expect(textarea.value).to.equal('Hi there!')
    textarea.focus()
    textarea.select()
    await sendKeys({ type: 'Hello! How can we help?' })
    // Escape cancels without saving; edit again and save.
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !root.querySelector('[part="editor"]'))
    expect(deepFocus()).to.equal(inner(row('hello').querySelector('.edit')))
    expect(api.requests.some((r) => r.method === 'PATCH')).to.equal(false)
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => root.querySelector('textarea'))
    root.querySelector('textarea')!.value = 'Hello! How can we help?'
    root.querySelector('textarea')!.dispatchEvent(new Event('input'))
    inner(root.querySelector('[part="editor"] parley-button[type="submit"]')).click()
    await waitUntil(() => !root.querySelector('[part="editor"]'))
    expect(row('hello').querySelector('.body')!.textContent).to.equal('Hello! How can we help?')
    expect(api.requests.find((r) => r.method === 'PATCH')).to.deep.include({
      path: '/v1/canned-responses/r2',
      body: { shortcut: 'hello', body: 'Hello! How can we help?' },
    })
    expect(deepFocus()).to.equal(inner(row('hello').querySelector('.edit')))

    // Delete asks first (the kit's confirm dialog, focus on Cancel); Cancel keeps it.
    const asked = async () => {
      await waitUntil(
        () =>
          document.querySelector('parley-confirm-dialog')?.shadowRoot?.querySelector('dialog')
            ?.open,
        'no confirmation asked'
      )
      const dialog = document.querySelector('parley-confirm-dialog')!
      return {
        dialog,
        part: (name: string) => dialog.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!,
      }
    }
    const refundDelete = inner(row('refund').querySelector('.delete'))
    refundDelete.focus()
    refundDelete.click()
    let { dialog, part } = await asked()
    expect(part('title').textContent).to.equal('Delete /refund?')
    expect(part('message').textContent).to.contain('Replies already sent keep their text.')
    expect(part('confirm').textContent!.trim()).to.equal('Delete')
    expect(dialog.shadowRoot!.activeElement).to.equal(part('cancel'))
    await expect(dialog).to.be.accessible()
    part('cancel').click()
    await waitUntil(() => !document.querySelector('parley-confirm-dialog'), 'the dialog stayed')
    expect(deepFocus()).to.equal(refundDelete)
    expect(api.requests.some((r) => r.method === 'DELETE')).to.equal(false)
    expect(shortcuts(root)).to.include('/refund')

    refundDelete.click()
    ;({ part } = await asked())
    part('confirm').click()
    await waitUntil(() => !shortcuts(root).includes('/refund'), 'still listed')
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).to.deep.equal([
      '/v1/canned-responses/r1',
    ])
    expect(document.querySelector('parley-confirm-dialog')).to.equal(null)
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('/refund deleted.')
    // Focus moves on to the next response.
    await waitUntil(() => deepFocus() === inner(row('shipping').querySelector('.edit')))
    await expect(el).to.be.accessible()
  })

  it('shows a response someone else deleted as gone, not as an error', async () => {
    const { root } = await render('admin')
    const hello = root.querySelector('[part="list"] > li')!
    inner(hello.querySelector('.edit')).click()
    await waitUntil(() => root.querySelector('textarea'))
    api.store = api.store.filter((c) => c.shortcut !== 'hello')
    inner(root.querySelector('[part="editor"] parley-button[type="submit"]')).click()
    await waitUntil(() => root.querySelector('[role="alert"]'), 'nothing said')
    expect(root.querySelector('[role="alert"]')!.textContent).to.contain('deleted this response')
    expect(shortcuts(root)).to.deep.equal(['/refund', '/shipping'])
  })

  it('shows agents the list read-only, searchable', async () => {
    const { el, root } = await render('agent')
    expect(root.querySelector('.new')).to.equal(null)
    expect(root.querySelector('.edit, .delete')).to.equal(null)
    expect(root.textContent).to.contain('Only admins and owners can add or change them.')
    const search = root.querySelector<HTMLInputElement>('.toolbar input')!
    search.focus()
    await sendKeys({ type: 'ship' })
    await waitUntil(() => shortcuts(root).length === 1, 'no search')
    expect(shortcuts(root)).to.deep.equal(['/shipping'])
    expect(api.requests.at(-1)!.query.get('q')).to.equal('ship')
    await sendKeys({ type: 'wreck' })
    await waitUntil(() => root.querySelector('.empty'))
    expect(root.querySelector('.empty')!.textContent!.trim()).to.equal(
      'No canned responses match “shipwreck”.'
    )
    await expect(el).to.be.accessible()
  })

  it('speaks Spanish, refusals included', async () => {
    const { root } = await render('admin', 'es')
    expect(root.querySelector('h2')!.textContent).to.equal('Respuestas guardadas')
    inner(root.querySelector('.new')).click()
    await waitUntil(() => root.querySelector('[part="editor"]'))
    inner(root.querySelector('[part="editor"] parley-button[type="submit"]')).click()
    await waitUntil(() => fieldError(root, 'shortcut'))
    expect(fieldError(root, 'shortcut')).to.contain('sin espacios')
    expect(fieldError(root, 'body')).to.contain('Escribe el texto')
  })
})

describe('the inbox’s settings', () => {
  const realFetch = window.fetch
  const api = new FakeApi()
  before(() => {
    window.fetch = api.fetch as typeof fetch
    configure({ publishableKey: 'pk', apiUrl: location.origin, session: async () => 'v1.e30.sig' })
  })
  after(() => (window.fetch = realFetch))

  it('open from a settings button, with channels and canned responses as tabs', async () => {
    api.reset('admin')
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 900px; height: 600px"><parley-inbox></parley-inbox></div>`
    )
    const inbox = wrapper.querySelector('parley-inbox')!
    const root = inbox.shadowRoot!
    await waitUntil(() => root.querySelector('.settings-toggle'), 'no settings button')
    const toggleHost = root.querySelector('.settings-toggle')!
    // A button that says what it is: a gear and the word.
    expect(toggleHost.textContent!.trim()).to.equal('Settings')
    expect(toggleHost.querySelector('svg[slot="icon"]')).to.not.equal(null)
    expect(toggleHost.getAttribute('variant')).to.equal('secondary')
    const toggle = inner(toggleHost)
    expect(toggle.getAttribute('aria-expanded')).to.equal('false')
    toggle.click()
    // Its chunk arrives on the first opening.
    await waitUntil(
      () => root.querySelector('parley-inbox-settings')?.shadowRoot,
      'no settings view'
    )
    await waitUntil(() => toggle.getAttribute('aria-expanded') === 'true')
    expect(root.querySelector('[part="thread"] h2')!.textContent).to.equal('Settings')
    const settings = root.querySelector('parley-inbox-settings')!
    const tabs = () => [...settings.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')]
    expect(tabs().map((t) => t.textContent!.trim())).to.deep.equal(['Channels', 'Canned responses'])
    expect(tabs()[0].getAttribute('aria-selected')).to.equal('true')
    await waitUntil(() => settings.shadowRoot!.querySelector('parley-whatsapp-settings'))

    // Arrow keys move between tabs and open them.
    tabs()[0].focus()
    await sendKeys({ press: 'ArrowRight' })
    await waitUntil(
      () => settings.shadowRoot!.querySelector('parley-canned-responses'),
      'canned responses did not open'
    )
    expect(tabs()[1].getAttribute('aria-selected')).to.equal('true')
    expect(deepFocus()).to.equal(tabs()[1])
    const canned = settings.shadowRoot!.querySelector('parley-canned-responses')!
    await waitUntil(() => canned.shadowRoot!.querySelectorAll('[part="list"] > li').length === 3)
    await expect(inbox).to.be.accessible()

    toggle.click()
    await waitUntil(() => !root.querySelector('parley-inbox-settings'), 'settings stayed open')
    expect(toggle.getAttribute('aria-expanded')).to.equal('false')
  })
})
