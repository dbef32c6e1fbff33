import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api, realtime } from '../kit/runtime.js'
import type { ParleyEvent } from '../kit/realtime/realtime.js'
import type { Conversation, Me, Page, Presence } from './inbox.types.js'

const PAGE = 100

/** The list's filters: a status, an assignee (`me`, `none`) and unread only; empty means any. */
export interface Filters {
  status: string
  assignee: string
  unread: boolean
}

/** What the controller needs to know of the inbox it serves. */
export interface ConversationsHost extends ReactiveControllerHost {
  me?: Me
  /** Only this contact's conversations. */
  contact?: string
  /** The open conversation: it stays listed even when it stops matching the filters. */
  selectedId(): string | undefined
  /** A failure to report. */
  fail(error: unknown): void
  /** The list was loaded again from its first page (search or filters changed). */
  listReloaded(): void
  /** A `presence` event arrived on the inbox channel. */
  presenceChanged(data: { memberId: string; status: Presence['status']; at: string }): void
}

/**
 * The conversation list's data: loading pages (search, filters, the pinned contact), the next page
 * on demand, and the inbox channel's live changes merged in (new conversations, updates, unread
 * counts; what stops matching the filters leaves).
 */
export class ConversationsController implements ReactiveController {
  conversations: Conversation[] = []
  nextCursor: string | null = null
  query = ''
  filters: Filters = { status: '', assignee: '', unread: false }
  #loadingMore = false
  #unsubscribe?: () => Promise<void>
  #searchTimer?: ReturnType<typeof setTimeout>

  constructor(private host: ConversationsHost) {
    host.addController(this)
  }

  hostDisconnected() {
    void this.#unsubscribe?.()
  }

  #set(patch: Partial<Pick<ConversationsController, 'conversations' | 'nextCursor'>>) {
    Object.assign(this, patch)
    this.host.requestUpdate()
  }

  /** The list's query: search, filters, the pinned contact. */
  #listQuery(cursor?: string) {
    const { status, assignee, unread } = this.filters
    return {
      limit: PAGE,
      q: this.query || undefined,
      contact: this.host.contact,
      status: status || undefined,
      assignee: assignee || undefined,
      unread: unread ? 'true' : undefined,
      cursor,
    }
  }

  /** The first page under the current search and filters. */
  async load() {
    const page = await api().request<Page<Conversation>>('/v1/conversations', {
      query: this.#listQuery(),
    })
    this.#set({ conversations: page.data, nextCursor: page.nextCursor })
  }

  /** Loads the first page again, reporting a failure instead of throwing it. */
  async #reload() {
    try {
      await this.load()
      this.host.listReloaded()
    } catch (error) {
      this.host.fail(error)
    }
  }

  setFilter(patch: Partial<Filters>) {
    this.filters = { ...this.filters, ...patch }
    this.host.requestUpdate()
    void this.#reload()
  }

  /** Searches as the user types (debounced). */
  search(query: string) {
    this.query = query
    this.host.requestUpdate()
    clearTimeout(this.#searchTimer)
    this.#searchTimer = setTimeout(() => void this.#reload(), 250)
  }

  /** The next page of the list, fetched as the user scrolls near its end. */
  async loadMore() {
    if (!this.nextCursor || this.#loadingMore) return
    this.#loadingMore = true
    try {
      const page = await api().request<Page<Conversation>>('/v1/conversations', {
        query: this.#listQuery(this.nextCursor),
      })
      const known = new Set(this.conversations.map((c) => c.id))
      this.#set({
        conversations: [...this.conversations, ...page.data.filter((c) => !known.has(c.id))],
        nextCursor: page.nextCursor,
      })
    } catch (error) {
      this.host.fail(error)
    } finally {
      this.#loadingMore = false
    }
  }

  /** Live updates of the workspace's inbox channel. */
  async subscribe() {
    const me = this.host.me!
    const client = await realtime()
    this.#unsubscribe = await client.subscribe(
      `tenants/${me.tenant.id}/workspaces/${me.workspaceId}/inbox`,
      (event) => this.#onEvent(event)
    )
  }

  #onEvent(event: ParleyEvent) {
    if (event.type === 'presence') {
      this.host.presenceChanged(
        event.data as { memberId: string; status: Presence['status']; at: string }
      )
      return
    }
    if (event.type === 'conversation.created' || event.type === 'conversation.updated')
      this.merge(event.data as Conversation)
  }

  /** A conversation as it is now (from the channel or a PATCH answer), merged into the list. */
  merge(changed: Conversation) {
    const selected = this.host.selectedId()
    if (this.host.contact && changed.contactId !== this.host.contact) return
    if (!this.#matches(changed)) {
      // It no longer belongs under the filters (resolved while showing open ones…): it leaves.
      this.#set({
        conversations: this.conversations.filter((c) => c.id !== changed.id || c.id === selected),
      })
      return
    }
    const existing = this.conversations.find((c) => c.id === changed.id)
    const merged = {
      ...existing,
      ...changed,
      unread: existing?.unread ?? 0,
      contact: changed.contact ?? existing?.contact ?? null,
    }
    if (existing && changed.lastMessageAt !== existing.lastMessageAt && changed.id !== selected)
      merged.unread += 1
    this.#set({
      conversations: [merged, ...this.conversations.filter((c) => c.id !== changed.id)].sort(
        (a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt)
      ),
    })
  }

  /** Whether a conversation belongs in the list under the current filters (search aside). */
  #matches(c: Conversation) {
    const { status, assignee } = this.filters
    if (status && c.status !== status) return false
    if (assignee === 'me' && c.assigneeId !== this.host.me?.member.id) return false
    if (assignee === 'none' && c.assigneeId) return false
    return true
  }

  /** Makes sure `id` is listed (a pinned conversation, one opened from a notification). */
  async ensure(id: string) {
    if (this.conversations.some((c) => c.id === id)) return
    const one = await api().request<Conversation>(`/v1/conversations/${id}`)
    this.#set({ conversations: [one, ...this.conversations] })
  }

  /** The open conversation was read. */
  markRead(id: string) {
    this.#set({
      conversations: this.conversations.map((c) => (c.id === id ? { ...c, unread: 0 } : c)),
    })
  }
}
