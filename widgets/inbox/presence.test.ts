import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import './inbox.js'
import { busyInbox, withFixtureApi } from './inbox.fixtures.js'
import { presenceClock } from './presence-controller.js'
import type { ParleyInbox } from './inbox.component.js'

interface Beat {
  status: string
  clientId: string
  keepalive: boolean
}

/**
 * A clock the test moves by hand: the presence controller's timers fire when `advance` passes
 * their time, as fake timers would.
 */
function fakeClock() {
  let now = Date.now()
  let next = 1
  const timers = new Map<number, { at: number; fn: () => void }>()
  const real = { ...presenceClock }
  Object.assign(presenceClock, {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(next, { at: now + ms, fn })
      return next++
    },
    clearTimeout: (id: unknown) => timers.delete(id as number),
  })
  return {
    advance(ms: number) {
      const until = now + ms
      for (;;) {
        const due = [...timers]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        now = due[1].at
        due[1].fn()
      }
      now = until
    },
    restore: () => Object.assign(presenceClock, real),
  }
}

describe('parley-inbox presence', () => {
  const realFetch = window.fetch
  let beats: Beat[] = []
  let clock: ReturnType<typeof fakeClock>

  beforeEach(() => {
    clock = fakeClock()
    beats = []
    withFixtureApi(busyInbox())
    const answer = window.fetch
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input))
      if (url.pathname === '/v1/presence' && init?.method === 'POST')
        beats.push({ ...JSON.parse(String(init.body)), keepalive: Boolean(init.keepalive) })
      return answer(input, init)
    }) as typeof fetch
  })
  afterEach(() => {
    clock.restore()
    window.fetch = realFetch
  })

  async function render() {
    const el = await fixture<HTMLDivElement>(
      html`<div style="width: 1200px; height: 600px"><parley-inbox></parley-inbox></div>`
    )
    const inbox = el.querySelector('parley-inbox') as ParleyInbox
    await waitUntil(() => beats.length > 0, 'no heartbeat')
    return { el, inbox }
  }

  const last = () => beats.at(-1)!

  it('goes online on load, and shows the member online to themself', async () => {
    const { inbox } = await render()
    await waitUntil(() => last().status === 'online', `reported ${last().status}`)
    expect(last().clientId).to.match(/^[0-9a-f]{24}$/)
    // The details panel lists members with their presence: Ana (herself) is online.
    const root = inbox.shadowRoot!
    root.querySelector<HTMLElement>('.item')!.click()
    await waitUntil(() =>
      root.querySelector('parley-conversation-panel')?.shadowRoot?.querySelector('parley-combobox')
    )
    const assignee = root
      .querySelector('parley-conversation-panel')!
      .shadowRoot!.querySelector('parley-combobox')!
    await waitUntil(
      () => assignee.options.some((o) => o.label === 'Ana Lima (you)' && o.presence === 'online'),
      'Ana is not shown online'
    )
  })

  it('beats every 30 s, goes away after five idle minutes, and back online on input', async () => {
    await render()
    await waitUntil(() => last().status === 'online')
    const before = beats.length
    clock.advance(30_000)
    await waitUntil(() => beats.length === before + 1, 'no heartbeat after 30 s')
    expect(last().status).to.equal('online')
    clock.advance(4.5 * 60_000)
    await waitUntil(() => last().status === 'away', 'not away after five idle minutes')
    window.dispatchEvent(new PointerEvent('pointerdown'))
    await waitUntil(() => last().status === 'online', 'not back online on input')
  })

  it('is away while it is not on screen (a closed launcher’s panel), online again when shown', async () => {
    const { el } = await render()
    await waitUntil(() => last().status === 'online')
    el.hidden = true
    await waitUntil(() => last().status === 'away', 'not away when hidden')
    el.hidden = false
    await waitUntil(() => last().status === 'online', 'not online when shown again')
  })

  it('goes offline when the page goes away or the inbox leaves it, in a request that outlives the page', async () => {
    const { el } = await render()
    await waitUntil(() => last().status === 'online')
    const clientId = last().clientId
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }))
    await waitUntil(() => last().status === 'offline', 'no offline on pagehide')
    expect(last()).to.deep.equal({ status: 'offline', clientId, keepalive: true })
    // Back from the back/forward cache: there again, as a new client (the closed one stays closed).
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }))
    await waitUntil(() => last().status === 'online', 'not online after pageshow')
    expect(last().clientId).to.not.equal(clientId)
    el.remove()
    await waitUntil(() => last().status === 'offline', 'no offline when removed')
    expect(last().keepalive).to.equal(true)
    const after = beats.length
    clock.advance(120_000)
    await new Promise((r) => setTimeout(r, 50))
    expect(beats.length, 'no heartbeat once gone').to.equal(after)
  })
})
