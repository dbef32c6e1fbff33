import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api, realtime } from '../kit/runtime.js'
import { ParleyUnreadChangedEvent } from '../kit/events/index.js'
import type { ParleyEvent } from '../kit/realtime/realtime.js'
import { countsAsUnread } from './row-text.js'
import type { Conversation, Me, Page } from './inbox.types.js'

const PAGE = 100

/** The list's filters: a status, an assignee (`me`, `none`) and unread only; empty means any. */
export interface Filters {
  status: string
  assignee: string
  unread: boolean
}

export const NO_FILTERS: Filters = { status: '', assignee: '', unread: false }

/** What the controller needs to know of the inbox it serves (the element it announces on). */
export interface ConversationsHost extends ReactiveControllerHost, EventTarget {
  me?: Me
  /** Only this contact's conversations. */
  contact?: string
  /** The open conversation: it stays listed even when it stops matching the filters. */
  selectedId(): string | undefined
  /** A failure to report. */
  fail(error: unknown): void
  /** The list was loaded again from its first page (search or filters changed). */
  listReloaded(): void
}

/**
 * The conversation list's data: loading pages (search, filters, the pinned contact), the next page
 * on demand, and the inbox channel's live changes merged in (new conversations, updates, unread
 * counts by the server's rule; what stops matching the filters leaves). The open conversation is
 * kept even when a search leaves it out, so its thread and details stay whole.
 */
export class ConversationsController implements ReactiveController {
  conversations: Conversation[] = []
  nextCursor: string | null = null
  /** What the user typed in the search box. */
  query = ''
  /** The search the listed conversations answer (the typed one, once it has loaded). */
  loadedQuery = ''
  filters: Filters = { ...NO_FILTERS }
  /** The first page has arrived at least once. */
  loaded = false
  #loadingMore = false
  #unsubscribe?: () => Promise<void>
  #searchTimer?: ReturnType<typeof setTimeout>
  /** The open conversation when the list does not show it (a search that leaves it out). */
  #kept?: Conversation
  /** Conversations being read again because an event could not say their unread count. */
  #rereading = new Set<string>()
  /** How many of the member's conversations have something unread (a launcher's badge). */
  unreadConversations?: number
  #totalTimer?: ReturnType<typeof setTimeout>

  constructor(private host: ConversationsHost) {
    host.addController(this)
  }

  hostDisconnected() {
    clearTimeout(this.#searchTimer)
    clearTimeout(this.#totalTimer)
    void this.#unsubscribe?.()
  }

  #set(patch: Partial<Pick<ConversationsController, 'conversations' | 'nextCursor'>>) {
    Object.assign(this, patch)
    this.host.requestUpdate()
  }

  /** A conversation by id, listed or the open one kept aside. */
  find(id: string | undefined) {
    if (!id) return undefined
    return (
      this.conversations.find((c) => c.id === id) ??
      (this.#kept?.id === id ? this.#kept : undefined)
    )
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
    const query = this.query
    const page = await api().request<Page<Conversation>>('/v1/conversations', {
      query: this.#listQuery(),
    })
    const selected = this.host.selectedId()
    const open = this.find(selected)
    this.#kept = open && !page.data.some((c) => c.id === open.id) ? open : undefined
    this.loadedQuery = query
    this.loaded = true
    this.#set({ conversations: page.data, nextCursor: page.nextCursor })
    if (this.unreadConversations === undefined) void this.#readTotal()
  }

  /** The server's count of conversations with something unread, announced when it changes. */
  async #readTotal() {
    try {
      const summary = await api().request<{ unreadConversations: number }>('/v1/inbox/summary')
      this.#announceTotal(summary.unreadConversations)
    } catch {
      // No badge rather than a wrong one; the next change tries again.
    }
  }

  #announceTotal(count: number) {
    if (!Number.isFinite(count) || count === this.unreadConversations) return
    this.unreadConversations = Math.max(0, count)
    this.host.dispatchEvent(new ParleyUnreadChangedEvent(this.unreadConversations))
  }

  /**
   * A row's unread count changed from `before` to `after`: the total follows when the row was
   * known (read or not), and is read again from the server when it was not.
   */
  #unreadMoved(before: number | undefined, after: number | undefined) {
    if (this.unreadConversations === undefined) return
    if (before === undefined || after === undefined) {
      clearTimeout(this.#totalTimer)
      this.#totalTimer = setTimeout(() => void this.#readTotal(), 1000)
      return
    }
    if (before > 0 !== after > 0)
      this.#announceTotal(this.unreadConversations + (after > 0 ? 1 : -1))
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

  /** Any status, anyone, read or not. */
  clearFilters() {
    this.setFilter(NO_FILTERS)
  }

  /** Searches as the user types (debounced); `now` skips the wait (clearing the search). */
  search(query: string, now = false) {
    this.query = query
    this.host.requestUpdate()
    clearTimeout(this.#searchTimer)
    if (now) void this.#reload()
    else this.#searchTimer = setTimeout(() => void this.#reload(), 250)
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
    const unsubscribe = await client.subscribe(
      `tenants/${me.tenant.id}/workspaces/${me.workspaceId}/inbox`,
      (event) => this.#onEvent(event)
    )
    // Removed while subscribing: let go at once, so the page's stream can close.
    if (!(this.host as unknown as Element).isConnected) return void unsubscribe()
    this.#unsubscribe = unsubscribe
  }

  #onEvent(event: ParleyEvent) {
    if (event.type === 'conversation.created' || event.type === 'conversation.updated')
      this.merge(event.data as Conversation, event.type === 'conversation.created')
  }

  /**
   * A conversation as it is now (from the channel, a PATCH answer or a GET), merged into the list.
   * An answer of the API carries the member's own unread count; an event carries the last
   * message, and the count follows it by the server's rule: one more for a new message that
   * counts (countsAsUnread), none after the member's own (sending marks the thread read).
   * What neither can say (a deleted message, a conversation the list did not have) is read again.
   */
  merge(changed: Conversation, created = false) {
    const selected = this.host.selectedId()
    if (this.host.contact && changed.contactId !== this.host.contact) return
    if (this.#kept?.id === changed.id) this.#kept = { ...this.#kept, ...changed }
    // An event about a conversation the list does not count for itself: the total is read again.
    const unseen = () => changed.unread === undefined && this.#unreadMoved(undefined, undefined)
    if (!this.#matches(changed)) {
      unseen()
      // It no longer belongs under the filters (resolved while showing open ones…): it leaves.
      this.#set({
        conversations: this.conversations.filter((c) => c.id !== changed.id || c.id === selected),
      })
      return
    }
    const existing = this.conversations.find((c) => c.id === changed.id)
    const last = this.conversations.at(-1)
    if (!existing) {
      // Search results stay what the search found (matching words is the server's job); one
      // older than every row while more pages remain comes with its page.
      if (
        this.loadedQuery ||
        (this.nextCursor && last && changed.lastMessageAt < last.lastMessageAt)
      )
        return unseen()
    }
    const unread = changed.unread ?? this.#unreadAfter(existing, changed, created, selected)
    this.#unreadMoved(existing ? (existing.unread ?? 0) : created ? 0 : undefined, unread)
    const merged: Conversation = {
      ...existing,
      ...changed,
      contact: changed.contact ?? existing?.contact ?? null,
      lastMessage: changed.lastMessage === undefined ? existing?.lastMessage : changed.lastMessage,
      unread: unread ?? existing?.unread ?? 0,
    }
    const others = this.conversations.filter((c) => c.id !== changed.id)
    // Showing unread ones only: a conversation read to the end leaves (unless it is open).
    if (this.filters.unread && unread === 0 && changed.id !== selected) {
      this.#set({ conversations: others })
      return
    }
    this.#set({
      conversations: [merged, ...others].sort((a, b) =>
        b.lastMessageAt.localeCompare(a.lastMessageAt)
      ),
    })
  }

  /**
   * The unread count after an event that does not carry it (see `merge`); `undefined` while it
   * is being read again.
   */
  #unreadAfter(
    existing: Conversation | undefined,
    changed: Conversation,
    created: boolean,
    selected: string | undefined
  ): number | undefined {
    const me = this.host.me?.member.id
    const message = changed.lastMessage
    if (changed.id === selected) return 0
    if (!existing && created) return message && countsAsUnread(message, me, changed.channel) ? 1 : 0
    if (!existing || (message?.deleted && !existing.lastMessage?.deleted)) {
      void this.#reread(changed.id)
      return undefined
    }
    const before = existing.unread ?? 0
    if (!message || message.id === existing.lastMessage?.id) return before
    if (message.authorMemberId && message.authorMemberId === me) return 0
    return countsAsUnread(message, me, changed.channel) ? before + 1 : before
  }

  /** Reads one conversation again for its unread count (and whatever else changed). */
  async #reread(id: string) {
    if (this.#rereading.has(id)) return
    this.#rereading.add(id)
    try {
      const one = await api().request<Conversation>(`/v1/conversations/${id}`)
      if (this.conversations.some((c) => c.id === id)) this.merge(one)
    } catch {
      // Gone or no longer ours: the next list load says so.
    } finally {
      this.#rereading.delete(id)
    }
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
    if (this.find(id)) return
    const one = await api().request<Conversation>(`/v1/conversations/${id}`)
    this.#set({ conversations: [one, ...this.conversations] })
  }

  /** The open conversation was read. */
  markRead(id: string) {
    const read = this.find(id)
    if (read) this.#unreadMoved(read.unread ?? 0, 0)
    if (this.#kept?.id === id) this.#kept = { ...this.#kept, unread: 0 }
    this.#set({
      conversations: this.conversations.map((c) => (c.id === id ? { ...c, unread: 0 } : c)),
    })
  }
}
