import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import { fakeFetch, json } from '../test/fake-api.js'
import './workspaces-page.js'
import type { ConsoleWorkspaces, Workspace } from './workspaces-page.js'

const workspace = (id: string, name: string, patch: Partial<Workspace> = {}): Workspace => ({
  id,
  externalId: name.toLowerCase().replace(/\s+/g, '-'),
  name,
  status: 'active',
  suspendedAt: null,
  membersCount: 3,
  createdAt: '2026-10-01T10:00:00Z',
  ...patch,
})

const ALL = [
  workspace('w3', 'North Shop', { membersCount: 12 }),
  workspace('w2', 'South Shop', { status: 'suspended', suspendedAt: '2026-11-20T10:00:00Z' }),
  workspace('w1', 'East Shop'),
]

/** GET /v1/workspaces (two per page, ?q= filters by name) and PATCH { suspended }. */
function mockWorkspaces(options: { fail?: boolean; empty?: boolean } = {}) {
  const rows = options.empty ? [] : ALL.map((w) => ({ ...w }))
  return fakeFetch(async ({ method, path, body }) => {
    const url = new URL(path, location.origin)
    if (options.fail) return json({ error: { code: 'INTERNAL_ERROR', message: 'Down' } }, 500)
    if (url.pathname === '/v1/workspaces') {
      const q = url.searchParams.get('q')?.toLowerCase()
      const found = rows.filter((w) => !q || w.name!.toLowerCase().includes(q))
      const start = url.searchParams.get('cursor') === 'c2' ? 2 : 0
      return json({
        data: found.slice(start, start + 2),
        nextCursor: found.length > start + 2 ? 'c2' : null,
      })
    }
    const id = url.pathname.split('/').at(-1)
    const row = rows.find((w) => w.id === id)
    if (method === 'PATCH' && row) {
      row.status = body.suspended ? 'suspended' : 'active'
      row.suspendedAt = body.suspended ? '2026-11-27T09:00:00Z' : null
      return json(row)
    }
    return json({ error: { code: 'NOT_FOUND', message: 'Not found' } }, 404)
  })
}

const rows = (page: ConsoleWorkspaces) =>
  [...page.shadowRoot!.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-workspace'))

describe('workspaces page', () => {
  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=tok%3D42; path=/'
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('lists with status in words and members, then older ones by cursor', async () => {
    const calls = mockWorkspaces()
    const page = await fixture<ConsoleWorkspaces>(
      html`<console-workspaces .userRole=${'owner'}></console-workspaces>`
    )
    expect(page.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('Loading')
    await waitUntil(() => rows(page).length === 2)
    const south = page.shadowRoot!.querySelector('[data-workspace=w2]')!
    expect(south.textContent).to.contain('Suspended since')
    expect(south.querySelector('[data-toggle]')!.textContent).to.contain('Resume')
    expect(page.shadowRoot!.querySelector('[data-workspace=w3]')!.textContent).to.contain('12')
    page.shadowRoot!.querySelector<HTMLButtonElement>('#more')!.click()
    await waitUntil(() => rows(page).length === 3)
    expect(calls.map((c) => c.path)).to.deep.equal(['/v1/workspaces', '/v1/workspaces?cursor=c2'])
    expect(page.shadowRoot!.querySelector('#more')).to.equal(null)
    await expect(page).to.be.accessible()
  })

  it('searches as you type', async () => {
    const calls = mockWorkspaces()
    const page = await fixture<ConsoleWorkspaces>(
      html`<console-workspaces .userRole=${'owner'}></console-workspaces>`
    )
    await waitUntil(() => rows(page).length === 2)
    const q = page.shadowRoot!.querySelector<HTMLInputElement>('#q')!
    q.value = 'north'
    q.dispatchEvent(new Event('input'))
    await waitUntil(() => rows(page).length === 1)
    expect(rows(page)).to.deep.equal(['w3'])
    expect(calls.at(-1)!.path).to.equal('/v1/workspaces?q=north')
    q.value = 'nowhere'
    q.dispatchEvent(new Event('input'))
    await waitUntil(() => page.shadowRoot!.querySelector('#empty'))
    expect(page.shadowRoot!.querySelector('#empty')!.textContent).to.contain(
      'No workspace matches “nowhere”'
    )
  })

  it('suspends after a confirmation that says what happens, and resumes', async () => {
    const calls = mockWorkspaces()
    const page = await fixture<ConsoleWorkspaces>(
      html`<console-workspaces .userRole=${'admin'}></console-workspaces>`
    )
    await waitUntil(() => rows(page).length === 2)
    page.shadowRoot!.querySelector<HTMLButtonElement>('[data-toggle=w3]')!.click()
    await page.updateComplete
    const confirm = page.shadowRoot!.querySelector<HTMLButtonElement>('[data-confirm=w3]')!
    expect(page.shadowRoot!.activeElement).to.equal(confirm)
    expect(page.shadowRoot!.querySelector('[data-workspace=w3]')!.textContent).to.contain(
      'signed out at once'
    )
    expect(calls.some((c) => c.method === 'PATCH')).to.equal(false)
    confirm.click()
    await waitUntil(() => page.shadowRoot!.querySelector('#message'))
    const patch = calls.find((c) => c.method === 'PATCH')!
    expect(patch.path).to.equal('/v1/workspaces/w3')
    expect(patch.body).to.deep.equal({ suspended: true })
    expect(patch.xsrf).to.equal('tok=42')
    expect(page.shadowRoot!.querySelector('#message')!.textContent).to.contain(
      'North Shop is suspended'
    )
    expect(page.shadowRoot!.querySelector('[data-workspace=w3]')!.textContent).to.contain(
      'Suspended since'
    )
    // Focus goes back to the row's button, now Resume.
    await waitUntil(() => page.shadowRoot!.activeElement?.getAttribute('data-toggle') === 'w3')
    page.shadowRoot!.querySelector<HTMLButtonElement>('[data-toggle=w3]')!.click()
    await page.updateComplete
    page.shadowRoot!.querySelector<HTMLButtonElement>('[data-confirm=w3]')!.click()
    await waitUntil(() =>
      page.shadowRoot!.querySelector('#message')!.textContent!.includes('active again')
    )
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)!.body).to.deep.equal({
      suspended: false,
    })
  })

  it('reads only for developers and support', async () => {
    mockWorkspaces()
    const page = await fixture<ConsoleWorkspaces>(
      html`<console-workspaces .userRole=${'support'}></console-workspaces>`
    )
    await waitUntil(() => rows(page).length === 2)
    expect(page.shadowRoot!.querySelector('[data-toggle]')).to.equal(null)
    expect(page.shadowRoot!.querySelector('#read-only')).to.not.equal(null)
  })

  it('says when there are none, and when they cannot be read', async () => {
    mockWorkspaces({ empty: true })
    const empty = await fixture<ConsoleWorkspaces>(html`<console-workspaces></console-workspaces>`)
    await waitUntil(() => empty.shadowRoot!.querySelector('#empty'))
    expect(empty.shadowRoot!.querySelector('#empty')!.textContent).to.contain('No workspaces yet')

    mockWorkspaces({ fail: true })
    const failed = await fixture<ConsoleWorkspaces>(html`<console-workspaces></console-workspaces>`)
    await waitUntil(() => failed.shadowRoot!.querySelector('[role=alert]'))
    expect(failed.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(
      'could not be loaded'
    )
  })

  it('speaks Spanish', async () => {
    mockWorkspaces()
    setLocale('es')
    const page = await fixture<ConsoleWorkspaces>(
      html`<console-workspaces .userRole=${'owner'}></console-workspaces>`
    )
    await waitUntil(() => rows(page).length === 2)
    expect(page.shadowRoot!.querySelector('h1')!.textContent).to.contain('Espacios de trabajo')
    expect(page.shadowRoot!.querySelector('[data-workspace=w2]')!.textContent).to.contain(
      'Suspendido desde'
    )
    expect(page.shadowRoot!.querySelector('[data-toggle=w3]')!.textContent).to.contain('Suspender')
  })
})
