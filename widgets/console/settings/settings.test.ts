import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import './keys-page.js'
import './origins-page.js'
import './audit-page.js'
import type { ConsoleAudit } from './audit-page.js'
import type { ApiKey, ConsoleKeys } from './keys-page.js'
import type { ConsoleOrigins } from './origins-page.js'
import { fakeFetch, json, $ } from '../test/fake-api.js'

const KEYS: ApiKey[] = [
  {
    id: 'k2',
    type: 'secret',
    label: 'Backend',
    lastFour: 'a1b2',
    lastUsedAt: '2026-11-20T10:00:00Z',
    revokedAt: null,
    createdAt: '2026-11-01T10:00:00Z',
  },
  {
    id: 'k1',
    type: 'publishable',
    label: null,
    lastFour: 'c3d4',
    lastUsedAt: null,
    revokedAt: null,
    createdAt: '2026-10-01T10:00:00Z',
  },
]

/** /v1/keys and /v1/origins as the server answers them. */
function mockSettings() {
  let origins = ['https://app.acme.test']
  const calls = fakeFetch(async ({ method, path, body }) => {
    if (path === '/v1/keys' && method === 'GET') return json({ data: KEYS, nextCursor: null })
    if (path === '/v1/keys' && method === 'POST')
      return json(
        {
          id: 'k3',
          type: body.type,
          label: body.label ?? null,
          lastFour: 'zz99',
          lastUsedAt: null,
          revokedAt: null,
          createdAt: new Date().toISOString(),
          key: 'sk_live_0123456789abcdefzz99',
        },
        201
      )
    if (path.startsWith('/v1/keys/') && method === 'DELETE')
      return new Response(null, { status: 204 })
    if (path === '/v1/origins' && method === 'GET') return json({ origins })
    if (path === '/v1/origins' && method === 'PUT') {
      const bad = body.origins.findIndex((o: string) => !/^https?:\/\/[^/]+$/.test(o))
      if (bad >= 0)
        return json(
          {
            error: {
              code: 'VALIDATION_ERROR',
              message: 'Invalid',
              details: [{ field: `origins.${bad}`, message: 'An origin is scheme://host[:port]' }],
            },
          },
          422
        )
      origins = [...body.origins].sort()
      return json({ origins })
    }
    return new Response(null, { status: 404 })
  })
  return calls
}

describe('keys page', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('lists keys, creates one and shows it once, revokes after confirming', async () => {
    const calls = mockSettings()
    const page = await fixture<ConsoleKeys>(html`<console-keys></console-keys>`)
    await waitUntil(() => page.shadowRoot!.querySelector('tbody tr'))
    const rows = [...page.shadowRoot!.querySelectorAll('tbody tr')]
    expect(rows.map((r) => r.querySelector('code')!.textContent)).to.deep.equal(['…a1b2', '…c3d4'])
    expect(rows[1].textContent).to.contain('Never')

    $<HTMLInputElement>(page, '#label').value = 'CI'
    $<HTMLButtonElement>(page, 'form button[type=submit]').click()
    await waitUntil(() => page.shadowRoot!.querySelector('#once'))
    expect($(page, '#new-key').textContent).to.equal('sk_live_0123456789abcdefzz99')
    expect($(page, '#once').textContent).to.contain('only time the secret key is shown')
    // Focus goes to Copy, the next thing to do.
    await waitUntil(() => page.shadowRoot!.activeElement?.id === 'copy', 'focus on Copy', {
      timeout: 2000,
    })
    const post = calls.find((c) => c.method === 'POST')!
    expect(post.body).to.deep.equal({ type: 'secret', label: 'CI' })
    expect(post.xsrf).to.equal('tok=42')
    $<HTMLButtonElement>(page, '#done').click()
    await page.updateComplete
    expect(page.shadowRoot!.querySelector('#once')).to.equal(null)
    expect(page.shadowRoot!.textContent).to.not.contain('sk_live_0123456789abcdefzz99')

    $<HTMLButtonElement>(page, '[data-revoke="k2"]').click()
    await page.updateComplete
    const confirm = $<HTMLButtonElement>(page, '[data-confirm-revoke="k2"]')
    expect(page.shadowRoot!.activeElement).to.equal(confirm)
    expect(calls.some((c) => c.method === 'DELETE')).to.equal(false)
    confirm.click()
    await waitUntil(() => page.shadowRoot!.querySelector('tr.revoked'))
    const del = calls.find((c) => c.method === 'DELETE')!
    expect(del.path).to.equal('/v1/keys/k2')
    expect(del.xsrf).to.equal('tok=42')
    expect($(page, '#message').textContent).to.contain('Backend is revoked')
  })

  it('reads only for support', async () => {
    mockSettings()
    const page = await fixture<ConsoleKeys>(
      html`<console-keys .userRole=${'support'}></console-keys>`
    )
    await waitUntil(() => page.shadowRoot!.querySelector('tbody tr'))
    expect(page.shadowRoot!.querySelector('form')).to.equal(null)
    expect(page.shadowRoot!.querySelector('[data-revoke]')).to.equal(null)
  })
})

describe('origins page', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
  })
  afterEach(() => setLocale(undefined))

  it('adds and removes origins, saves the whole list, and marks a refused one', async () => {
    const calls = mockSettings()
    const page = await fixture<ConsoleOrigins>(html`<console-origins></console-origins>`)
    await waitUntil(() => page.shadowRoot!.querySelector('li'))
    expect($<HTMLButtonElement>(page, '#save').disabled).to.equal(true)

    const add = async (value: string) => {
      $<HTMLInputElement>(page, '#origin').value = value
      $<HTMLButtonElement>(page, 'form button[type=submit]').click()
      await page.updateComplete
    }
    await add('https://shop.acme.test/')
    await add('not an origin')
    expect(
      [...page.shadowRoot!.querySelectorAll('li code')].map((c) => c.textContent)
    ).to.deep.equal(['https://app.acme.test', 'https://shop.acme.test', 'not an origin'])
    $<HTMLButtonElement>(page, '#save').click()
    await waitUntil(() => page.shadowRoot!.querySelector('#message'))
    expect($(page, '#message').textContent).to.contain('Fix the entries marked below')
    expect(page.shadowRoot!.querySelectorAll('li')[2].textContent).to.contain(
      'An origin is scheme://host[:port]'
    )

    $<HTMLButtonElement>(page, '[data-remove="not an origin"]').click()
    $<HTMLButtonElement>(page, '[data-remove="https://app.acme.test"]').click()
    await page.updateComplete
    $<HTMLButtonElement>(page, '#save').click()
    await waitUntil(() =>
      page.shadowRoot!.querySelector('#message')?.textContent?.includes('Saved')
    )
    const put = calls.filter((c) => c.method === 'PUT').at(-1)!
    expect(put.body).to.deep.equal({ origins: ['https://shop.acme.test'] })
    expect(put.xsrf).to.equal('tok=42')
    expect($<HTMLButtonElement>(page, '#save').disabled).to.equal(true)
  })

  it('speaks Spanish', async () => {
    mockSettings()
    setLocale('es')
    const page = await fixture<ConsoleOrigins>(html`<console-origins></console-origins>`)
    await waitUntil(() => page.shadowRoot!.querySelector('li'))
    expect($(page, 'h1').textContent).to.contain('Orígenes permitidos')
    expect($(page, '[data-remove]').textContent).to.contain('Quitar')
  })
})

describe('audit log page', () => {
  beforeEach(() => setLocale('en'))
  afterEach(() => setLocale(undefined))

  it('loads pages by cursor and filters what is loaded', async () => {
    const event = (id: string, action: string, actorType = 'console_user') => ({
      id,
      action,
      workspaceId: null,
      actor: { type: actorType, id: 'u1' },
      target: { type: 'api_key', id: 'k1' },
      data: null,
      requestId: null,
      createdAt: '2026-11-27T08:00:00Z',
    })
    const asked: string[] = []
    window.fetch = (async (input: RequestInfo | URL) => {
      asked.push(String(input))
      return json(
        String(input).includes('cursor=c2')
          ? { data: [event('e3', 'tenant.origins_changed', 'secret_key')], nextCursor: null }
          : { data: [event('e1', 'key.created'), event('e2', 'key.revoked')], nextCursor: 'c2' }
      )
    }) as typeof fetch
    const page = await fixture<ConsoleAudit>(html`<console-audit></console-audit>`)
    await waitUntil(() => page.shadowRoot!.querySelectorAll('tbody tr').length === 2)
    $<HTMLButtonElement>(page, '#more').click()
    await waitUntil(() => page.shadowRoot!.querySelectorAll('tbody tr').length === 3)
    expect(asked).to.deep.equal(['/v1/audit-events', '/v1/audit-events?cursor=c2'])
    expect(page.shadowRoot!.querySelector('#more')).to.equal(null)
    const filter = $<HTMLInputElement>(page, '#filter')
    filter.value = 'key.'
    filter.dispatchEvent(new Event('input'))
    await page.updateComplete
    expect(
      [...page.shadowRoot!.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-event'))
    ).to.deep.equal(['e1', 'e2'])
    expect($(page, '#filter-hint').textContent).to.contain('2 of 3 entries')
  })

  it('asks the server for a kind of change and whole UTC days, starting again from the newest', async () => {
    const asked: string[] = []
    window.fetch = (async (input: RequestInfo | URL) => {
      asked.push(String(input))
      const url = new URL(String(input), location.origin)
      const action = url.searchParams.get('action') ?? 'theme.updated'
      return json({
        data: [
          {
            id: `e${asked.length}`,
            action: action.replace('*', 'created'),
            workspaceId: null,
            actor: { type: 'secret_key', id: 'k' },
            target: null,
            data: null,
            requestId: null,
            createdAt: '2026-11-27T08:00:00Z',
          },
        ],
        nextCursor: url.searchParams.has('cursor') ? null : 'c2',
      })
    }) as typeof fetch
    const page = await fixture<ConsoleAudit>(html`<console-audit></console-audit>`)
    await waitUntil(() => page.shadowRoot!.querySelectorAll('tbody tr').length === 1)
    const kind = $<HTMLSelectElement>(page, '#kind')
    kind.value = 'key'
    kind.dispatchEvent(new Event('change'))
    await waitUntil(() => asked.length === 2)
    const from = $<HTMLInputElement>(page, '#from')
    from.value = '2026-11-01'
    from.dispatchEvent(new Event('change'))
    const to = $<HTMLInputElement>(page, '#to')
    to.value = '2026-11-27'
    to.dispatchEvent(new Event('change'))
    await waitUntil(() => asked.length === 4)
    await waitUntil(() => page.shadowRoot!.querySelectorAll('tbody tr').length === 1)
    $<HTMLButtonElement>(page, '#more').click()
    await waitUntil(() => page.shadowRoot!.querySelectorAll('tbody tr').length === 2)
    const query = (n: number) => Object.fromEntries(new URL(asked[n], location.origin).searchParams)
    expect(query(1)).to.deep.equal({ action: 'key.*' })
    expect(query(3)).to.deep.equal({
      action: 'key.*',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-28T00:00:00.000Z',
    })
    // The older page keeps the filters.
    expect(query(4)).to.deep.equal({ ...query(3), cursor: 'c2' })
    expect(
      [...page.shadowRoot!.querySelectorAll('tbody code')].map((c) => c.textContent)
    ).to.include('key.created')
  })
})
