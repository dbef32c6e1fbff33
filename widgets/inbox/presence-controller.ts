import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api, realtime } from '../kit/runtime.js'
import type { Me, Member, Page, Presence } from './inbox.types.js'

/** Timers and the time, replaceable by tests (fake timers). */
export const presenceClock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (id: unknown) => clearTimeout(id as number),
}

const newClientId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0')
  ).join('')

/** Input that says someone is using the page. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const

type Reported = 'online' | 'away' | 'offline'

/** What the controller needs of the element it serves. */
export interface PresenceHost extends ReactiveControllerHost, HTMLElement {
  me?: Me
}

/** GET /v1/presence: the team's presence and what this widget's heartbeat follows. */
interface PresencePage extends Page<Presence> {
  heartbeatSeconds?: number
  awayAfterSeconds?: number
}

/**
 * The team around the inbox: members (for assigning, mentioning and the list's avatars) and who of
 * them is around, kept live by `presence` events of the inbox channel; and this widget's own
 * heartbeat. The widget is one of the member's clients (docs/inbox.md, "Presence"): `online`
 * while it is on screen (the tab visible, the element laid out and in view, e.g. the launcher's
 * panel open) and used (input within the workspace's idle time, five minutes by default),
 * `away` otherwise, `offline` when the page goes away or the element leaves it.
 */
export class PresenceController implements ReactiveController {
  members: Member[] = []
  presence: Presence[] = []
  /**
   * This widget among the member's open widgets (tabs, launchers); a new one once it has said it
   * closed (the server ignores a closed client's late heartbeats).
   */
  clientId = newClientId()
  /** What this widget last reported. */
  reported?: Reported
  #heartbeatMs = 30_000
  #awayAfterMs = 5 * 60_000
  #lastInput = presenceClock.now()
  #inView = false
  #started = false
  #heartbeat?: unknown
  #idle?: unknown
  #token?: string
  #unsubscribe?: () => Promise<void>
  #observer?: IntersectionObserver

  constructor(private host: PresenceHost) {
    host.addController(this)
  }

  hostConnected() {
    document.addEventListener('visibilitychange', this.#changed)
    window.addEventListener('pagehide', this.#pagehide)
    window.addEventListener('pageshow', this.#pageshow)
    for (const type of INPUT_EVENTS)
      window.addEventListener(type, this.#input, { capture: true, passive: true })
    this.#observer = new IntersectionObserver(([entry]) => {
      this.#inView = entry.isIntersecting
      this.#changed()
    })
    this.#observer.observe(this.host)
  }

  hostDisconnected() {
    document.removeEventListener('visibilitychange', this.#changed)
    window.removeEventListener('pagehide', this.#pagehide)
    window.removeEventListener('pageshow', this.#pageshow)
    for (const type of INPUT_EVENTS)
      window.removeEventListener(type, this.#input, { capture: true })
    this.#observer?.disconnect()
    presenceClock.clearTimeout(this.#heartbeat)
    presenceClock.clearTimeout(this.#idle)
    void this.#unsubscribe?.()
    // The element left the page (the launcher was removed, the host navigated inside an app).
    if (this.#started) this.#leave()
    this.#started = false
    this.clientId = newClientId()
  }

  /**
   * Members and presence (either may be refused: then none), live presence events, then the
   * heartbeat starts. The subscription goes first so that no change falls between the two.
   */
  async load() {
    const me = this.host.me
    const live = new Map<string, Presence>()
    this.#onPresence = (p) => live.set(p.memberId, p)
    if (me) void this.#subscribe(me)
    const empty = { data: [], nextCursor: null }
    const [members, presence] = await Promise.all([
      api()
        .request<Page<Member>>('/v1/members', { query: { limit: 200 } })
        .catch(() => empty as Page<Member>),
      api()
        .request<PresencePage>('/v1/presence')
        .catch(() => empty as PresencePage),
    ])
    this.members = members?.data ?? []
    if (presence?.heartbeatSeconds) this.#heartbeatMs = presence.heartbeatSeconds * 1000
    if (presence?.awayAfterSeconds) this.#awayAfterMs = presence.awayAfterSeconds * 1000
    // What arrived live while the list was on its way is newer than the list.
    this.presence = [
      ...(presence?.data ?? []).filter((p) => !live.has(p.memberId)),
      ...live.values(),
    ]
    this.#onPresence = (p) => this.#apply(p)
    this.host.requestUpdate()
    this.#started = true
    void this.#report()
  }

  /** A member's presence as others see it (events, the answer to this widget's heartbeat). */
  #onPresence: (p: Presence) => void = () => {}

  #apply(p: Presence) {
    this.presence = [...this.presence.filter((q) => q.memberId !== p.memberId), p]
    this.host.requestUpdate()
  }

  async #subscribe(me: Me) {
    try {
      const client = await realtime()
      const unsubscribe = await client.subscribe(
        `tenants/${me.tenant.id}/workspaces/${me.workspaceId}/inbox`,
        (event) => {
          if (event.type !== 'presence') return
          const data = event.data as { memberId: string; status: Presence['status']; at: string }
          this.#onPresence({ memberId: data.memberId, status: data.status, lastSeenAt: data.at })
        }
      )
      // Removed while subscribing: let go at once, so the page's stream can close.
      if (!(this.host as unknown as Element).isConnected) return void unsubscribe()
      this.#unsubscribe = unsubscribe
    } catch {
      // Without live events the list and the heartbeat's answers still show presence.
    }
  }

  /** What this widget is now: on screen and used, or not. */
  get status(): 'online' | 'away' {
    const onScreen = document.visibilityState === 'visible' && this.#inView
    const idle = presenceClock.now() - this.#lastInput >= this.#awayAfterMs
    return onScreen && !idle ? 'online' : 'away'
  }

  /** Reports now, then again every heartbeat (and when idle time runs out). */
  async #report() {
    if (!this.#started) return
    presenceClock.clearTimeout(this.#heartbeat)
    presenceClock.clearTimeout(this.#idle)
    this.#heartbeat = presenceClock.setTimeout(() => void this.#report(), this.#heartbeatMs)
    const status = this.status
    if (status === 'online') {
      const left = this.#awayAfterMs - (presenceClock.now() - this.#lastInput)
      this.#idle = presenceClock.setTimeout(() => void this.#report(), Math.max(0, left) + 1)
    }
    this.reported = status
    try {
      this.#token = await api().token()
      const mine = await api().request<Presence>('/v1/presence', {
        method: 'POST',
        body: { status, clientId: this.clientId },
      })
      // The member as others see them now, whichever of their widgets decides it.
      if (mine?.memberId) this.#onPresence(mine)
    } catch {
      // The next heartbeat tries again.
    }
  }

  /** Visibility or view changed: a different status is reported at once. */
  #changed = () => {
    if (this.#started && this.status !== this.reported) void this.#report()
  }

  #input = () => {
    this.#lastInput = presenceClock.now()
    if (this.#started && this.reported === 'away' && this.status === 'online') void this.#report()
  }

  #pagehide = () => {
    if (this.#started) this.#leave()
  }

  /** Back from the back/forward cache: the page is there again. */
  #pageshow = (event: PageTransitionEvent) => {
    if (!event.persisted || !this.#started) return
    this.clientId = newClientId()
    void this.#report()
  }

  /**
   * Tells the server this widget is gone, in a request that outlives the page (`keepalive`),
   * with the token the last heartbeat used: an unload cannot wait for a new one.
   */
  #leave() {
    presenceClock.clearTimeout(this.#heartbeat)
    presenceClock.clearTimeout(this.#idle)
    this.reported = 'offline'
    if (!this.#token) return
    void fetch(new URL('/v1/presence', api().baseUrl), {
      method: 'POST',
      keepalive: true,
      headers: { 'Authorization': `Bearer ${this.#token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'offline', clientId: this.clientId }),
    }).catch(() => {})
  }
}
