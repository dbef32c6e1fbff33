import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api } from '../kit/runtime.js'
import type { Member, Page, Presence } from './inbox.types.js'

const HEARTBEAT_MS = 30_000

/**
 * The team around the inbox: members (for assigning and mentioning) and who of them is online,
 * kept live by `presence` events; and this member's own heartbeat while the inbox is on the page
 * (`away` when the tab is hidden).
 */
export class PresenceController implements ReactiveController {
  members: Member[] = []
  presence: Presence[] = []
  #heartbeat?: ReturnType<typeof setInterval>

  constructor(private host: ReactiveControllerHost) {
    host.addController(this)
  }

  hostConnected() {
    document.addEventListener('visibilitychange', this.#beat)
  }

  hostDisconnected() {
    document.removeEventListener('visibilitychange', this.#beat)
    clearInterval(this.#heartbeat)
  }

  /** Members and presence (either may be refused: then none), then the heartbeat starts. */
  async load() {
    const empty = { data: [], nextCursor: null }
    const [members, presence] = await Promise.all([
      api()
        .request<Page<Member>>('/v1/members', { query: { limit: 200 } })
        .catch(() => empty as Page<Member>),
      api()
        .request<Page<Presence>>('/v1/presence')
        .catch(() => empty as Page<Presence>),
    ])
    this.members = members?.data ?? []
    this.presence = presence?.data ?? []
    this.host.requestUpdate()
    this.#beat()
    clearInterval(this.#heartbeat)
    this.#heartbeat = setInterval(this.#beat, HEARTBEAT_MS)
  }

  /** A `presence` event of the inbox channel. */
  changed(data: { memberId: string; status: Presence['status']; at: string }) {
    this.presence = [
      ...this.presence.filter((p) => p.memberId !== data.memberId),
      { memberId: data.memberId, status: data.status, lastSeenAt: data.at },
    ]
    this.host.requestUpdate()
  }

  #beat = () => {
    const status = document.visibilityState === 'hidden' ? 'away' : 'online'
    void api()
      .request('/v1/presence', { method: 'POST', body: { status } })
      .catch(() => {})
  }
}
