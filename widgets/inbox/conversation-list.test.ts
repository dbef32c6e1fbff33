import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { setLocale } from '../kit/localize.js'
import './inbox.js'
import { busyInbox, conversation, withFixtureApi } from './inbox.fixtures.js'
import { shortTime } from './row-text.js'
import type { ParleyInbox } from './inbox.component.js'
import type { Conversation } from './inbox.types.js'
import type { ParleySelect } from '../kit/controls/select.js'

/** The inbox over `list`, with every request it makes noted. */
async function render(list: Conversation[] = busyInbox(), width = 1200) {
  withFixtureApi(list)
  const answer = window.fetch
  const requests: URL[] = []
  window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(new URL(String(input instanceof Request ? input.url : input)))
    return answer(input, init)
  }) as typeof fetch
  const el = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}px; height: 700px"><parley-inbox></parley-inbox></div>`
  )
  const inbox = el.querySelector('parley-inbox') as ParleyInbox
  const root = inbox.shadowRoot!
  if (list.length) await waitUntil(() => root.querySelectorAll('.item').length > 0, 'no rows')
  else await waitUntil(() => root.querySelector('[part="list"] parley-state'), 'no empty state')
  return { inbox, root, requests }
}

const row = (root: ShadowRoot, name: string) =>
  [...root.querySelectorAll<HTMLElement>('.item')].find(
    (item) => item.querySelector('.name')!.textContent === name
  )!
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? ''

describe('parley-inbox conversation rows', () => {
  const realFetch = window.fetch
  afterEach(() => {
    window.fetch = realFetch
    setLocale(undefined)
  })

  it('tells visitors apart and previews the last message with its author, kind and time', async () => {
    const { inbox, root } = await render()
    const names = [...root.querySelectorAll('.item .name')].map((n) => n.textContent)
    expect(names).to.include.members([
      'Dora Alves',
      'Visitor from Lisbon · Chrome',
      'Visitor from São Paulo · Safari',
      'Visitor #e5f6 · Firefox',
      '+447700900123',
      'Q3 roadmap review',
      'Visitor #91ab',
    ])
    const preview = (name: string) => text(row(root, name).querySelector('.preview'))
    expect(preview('Dora Alves')).to.equal('This is the parcel I got instead. Can you check?')
    expect(preview('Visitor from São Paulo · Safari')).to.equal(
      'You: Yes, we do: 3 to 5 working days.'
    )
    expect(preview('Visitor #e5f6 · Firefox')).to.equal('Photo')
    expect(preview('+447700900123')).to.equal('Voice message')
    expect(preview('Ethan Brooks')).to.equal(
      'Note: Carrier says Thursday; offer the annual plan discount.'
    )
    expect(preview('Q3 roadmap review')).to.equal('Bruno: Can you look at the deck before Friday?')
    expect(preview('Visitor #91ab')).to.equal('Message deleted')

    // Time: short on screen, in words for screen readers; the channel named.
    const dora = row(root, 'Dora Alves')
    expect(text(dora.querySelector('time [aria-hidden]'))).to.equal('3m')
    expect(text(dora.querySelector('time .visually-hidden'))).to.equal('3 minutes ago')
    expect(text(dora.querySelector('.channel'))).to.equal('WhatsApp')
    expect(text(row(root, 'Visitor #e5f6 · Firefox').querySelector('.channel'))).to.equal(
      'Web chat'
    )
    expect(text(row(root, 'Q3 roadmap review').querySelector('.channel'))).to.equal('Internal')

    // Priority only when not normal; two tags and "+2"; status only when not open; the assignee.
    expect(text(dora.querySelector('.priority'))).to.contain('High')
    expect(row(root, 'Visitor #e5f6 · Firefox').querySelector('.priority')).to.equal(null)
    expect([...dora.querySelectorAll('.tag')].map((t) => t.textContent)).to.deep.equal([
      'vip',
      'shipping',
    ])
    expect(text(dora.querySelector('.more [aria-hidden]'))).to.equal('+2')
    expect(dora.querySelector('.more')!.getAttribute('title')).to.equal('returns, priority-mail')
    expect(dora.querySelector('.state')).to.equal(null)
    expect(text(row(root, 'Ethan Brooks').querySelector('.state'))).to.equal('Pending')
    await waitUntil(() =>
      text(dora.querySelector('.assignee .visually-hidden')).includes('Ana Lima')
    )
    expect(text(row(root, 'Ethan Brooks').querySelector('.assignee'))).to.equal(
      'Assigned to Bruno Silva'
    )

    // Unread: bold with a count; read rows plain.
    expect(dora.classList.contains('unread')).to.equal(true)
    expect(dora.querySelector('parley-badge')!.count).to.equal(2)
    const read = row(root, 'Visitor from São Paulo · Safari')
    expect(read.classList.contains('unread')).to.equal(false)
    expect(getComputedStyle(dora.querySelector('.name')!).fontWeight).to.equal('600')
    expect(getComputedStyle(read.querySelector('.name')!).fontWeight).to.equal('400')
    await expect(inbox).to.be.accessible()
  })

  it('says it all in Spanish', async () => {
    const { root } = await render()
    setLocale('es')
    await waitUntil(() => row(root, 'Visitante de Lisbon · Chrome'), 'labels not translated')
    expect(text(row(root, 'Visitante #e5f6 · Firefox').querySelector('.preview'))).to.equal('Foto')
    expect(text(row(root, 'Ethan Brooks').querySelector('.preview'))).to.match(/^Nota: /)
    expect(text(row(root, 'Visitante de São Paulo · Safari').querySelector('.preview'))).to.match(
      /^Tú: /
    )
    expect(text(row(root, 'Dora Alves').querySelector('time .visually-hidden'))).to.equal(
      'hace 3 minutos'
    )
    expect(text(row(root, '+447700900123').querySelector('.preview'))).to.equal('Mensaje de voz')
  })

  it('ages the times as time passes, without asking the server again', async () => {
    const realNow = Date.now
    const realSetInterval = window.setInterval
    const ticks: (() => void)[] = []
    window.setInterval = ((fn: () => void) => {
      ticks.push(fn)
      return 0
    }) as typeof window.setInterval
    try {
      const { root, requests } = await render([
        conversation('c1', 0.5, { contact: { id: 'k1', name: 'Dora', phone: null, email: null } }),
      ])
      const time = () => text(row(root, 'Dora').querySelector('time [aria-hidden]'))
      expect(time()).to.equal('now')
      const listed = requests.filter((r) => r.pathname === '/v1/conversations').length
      const start = realNow()
      Date.now = () => start + 3 * 3_600_000
      for (const tick of ticks) tick()
      await waitUntil(() => time() === '3h', `still ${time()}`)
      expect(requests.filter((r) => r.pathname === '/v1/conversations').length).to.equal(listed)
    } finally {
      Date.now = realNow
      window.setInterval = realSetInterval
    }
  })

  it('writes short times the way each locale does', () => {
    const now = Date.parse('2026-03-12T12:00:00Z')
    const t = (key: string) => (key === 'inbox.time.now' ? 'now' : key)
    const at = (ms: number) => new Date(now - ms).toISOString()
    expect(shortTime(at(10_000), now, 'en', t)).to.equal('now')
    expect(shortTime(at(2 * 60_000), now, 'en', t)).to.equal('2m')
    expect(shortTime(at(3 * 3_600_000), now, 'en', t)).to.equal('3h')
    expect(shortTime(at(2 * 86_400_000), now, 'en', t)).to.equal('Tue')
    expect(shortTime(at(2 * 86_400_000), now, 'es', t)).to.equal('mar')
    expect(shortTime('2026-01-04T12:00:00Z', now, 'en', t)).to.equal('Jan 4')
    expect(shortTime('2025-01-04T12:00:00Z', now, 'en', t)).to.equal('Jan 4, 2025')
  })

  it('keeps the open conversation whole when a search leaves it out, and says when nothing matches', async () => {
    const { root } = await render()
    row(root, 'Dora Alves').click()
    await waitUntil(() => root.querySelector('[part="details"]'), 'no details panel')
    const search = root.querySelector<HTMLInputElement>('.search input')!
    search.value = 'Lisbon'
    search.dispatchEvent(new InputEvent('input'))
    await waitUntil(() => root.querySelectorAll('.item').length === 1, 'search did not narrow')
    expect(text(root.querySelector('.item .name'))).to.equal('Visitor from Lisbon · Chrome')
    // Dora's thread is still open, with its header and details.
    expect(text(root.querySelector('[part="thread"] header h2'))).to.equal('Dora Alves')
    expect(root.querySelector('[part="details"]')).to.not.equal(null)

    search.value = 'nothing like this'
    search.dispatchEvent(new InputEvent('input'))
    await waitUntil(() => root.querySelector('[part="list"] parley-state'), 'no empty state')
    const state = root.querySelector('[part="list"] parley-state')!
    expect(state.getAttribute('heading')).to.equal('No conversations match “nothing like this”')
    expect(text(root.querySelector('[part="thread"] header h2'))).to.equal('Dora Alves')

    state.querySelector<HTMLElement>('parley-button.clear')!.click()
    // The thread's header names a visitor as the row does.
    await waitUntil(() => row(root, 'Visitor from Lisbon · Chrome'), 'the search was not cleared')
    row(root, 'Visitor from Lisbon · Chrome').click()
    await waitUntil(
      () =>
        text(root.querySelector('[part="thread"] header h2')) === 'Visitor from Lisbon · Chrome',
      'the header does not name the visitor'
    )
    await waitUntil(
      () =>
        root.querySelector('.rows li')?.getAttribute('aria-setsize') === String(busyInbox().length),
      'the search was not cleared'
    )
    expect(search.value).to.equal('')
  })

  it('tells an empty inbox from filters that leave nothing', async () => {
    const empty = await render([])
    expect(
      empty.root.querySelector('[part="list"] parley-state')!.getAttribute('heading')
    ).to.equal('No conversations yet')
    const { root } = await render([
      conversation('c1', 1, { contact: { id: 'k1', name: 'Dora', phone: null, email: null } }),
    ])
    const [status] = root.querySelectorAll<ParleySelect>('.filters parley-select')
    // By keyboard: open on "Any status", down to Snoozed (the third after it), Enter.
    status.focus()
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter'])
      await sendKeys({ press: key })
    expect(status.value).to.equal('snoozed')
    await waitUntil(() => root.querySelector('[part="list"] parley-state'))
    expect(root.querySelector('[part="list"] parley-state')!.getAttribute('heading')).to.equal(
      'No conversations match these filters'
    )
    root.querySelector<HTMLElement>('[part="list"] parley-state parley-button.clear')!.click()
    await waitUntil(() => root.querySelectorAll('.item').length === 1, 'filters not cleared')
    expect(status.value).to.equal('')
  })
})
