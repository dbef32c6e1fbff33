import { html, nothing } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { api, realtime, whenConfigured } from '../kit/runtime.js'
import { ParleyErrorEvent } from '../kit/events/index.js'
import type { ParleyApiError } from '../kit/errors.js'
import type { ParleyEvent } from '../kit/realtime.js'
import { localeFor, translate, type MessageKey } from '../kit/localize.js'
import type { InboxKey } from './inbox.locales.js'
import './inbox.locales.js'
import '../kit/primitives/avatar.js'
import '../kit/primitives/badge.js'
import '../kit/primitives/button.js'
import '../kit/primitives/state.js'
import './composer.component.js'
import './panel.component.js'
import type { Composed } from './composer.component.js'
import type { ConversationPatch } from './panel.component.js'
import { inboxStyles } from './inbox.styles.js'
import { attachmentStyles, renderAttachments } from './attachments.js'
import { visibleRange } from './virtual-window.js'
import type { Conversation, Me, Member, Message, Page, Presence } from './inbox.types.js'

const TYPING_SHOWN_MS = 4000
/** Height of one conversation row; the list renders only the rows in view. */
const ROW_HEIGHT = 64
const HEARTBEAT_MS = 30_000
const PAGE = 100

/** Messages grouped under a day heading: "Today", "Yesterday" or the date. */
function dayOf(iso: string) {
  return new Date(iso).toDateString()
}

/**
 * The inbox: the workspace's conversations and their threads, live. Pin it to one conversation
 * with `conversation="<id>"` or to one contact's conversations with `contact="<id>"` (a host page
 * embedding a single thread), or use `compact` in the launcher's panel. User content is always
 * rendered as text.
 *
 * Keyboard: j / k move between conversations, e resolves the open one, / focuses the search.
 *
 * @event parley-error - Something could not be loaded or sent (`code` is the API's error code).
 * @csspart base - The whole inbox.
 * @csspart list - The conversation list.
 * @csspart thread - The open conversation.
 * @csspart messages - The scrolling list of messages.
 * @csspart bubble - One message (also `bubble mine`, `bubble note`).
 * @csspart details - The side panel (assignee, status, priority, tags, notes).
 * @cssproperty --parley-inbox-bubble-radius - Corner radius of message bubbles.
 * @cssproperty --parley-inbox-bubble - Background of others' messages.
 * @cssproperty --parley-inbox-own-bubble - Background of your messages.
 * @cssproperty --parley-inbox-own-bubble-color - Text colour of your messages.
 * @cssproperty --parley-inbox-note - Background of internal notes.
 */
export class ParleyInbox extends ParleyElement {
  static styles = [ParleyElement.styles, inboxStyles, attachmentStyles]

  /** Pins the inbox to one conversation (no list). */
  @property({ reflect: true }) conversation?: string
  /** Shows only this contact's conversations. */
  @property({ reflect: true }) contact?: string
  /** Tighter layout for the launcher's panel. */
  @property({ type: Boolean, reflect: true }) compact = false

  @state() private me?: Me
  @state() private conversations: Conversation[] = []
  @state() private nextCursor: string | null = null
  @state() private selected?: string
  @state() private messages: Message[] = []
  @state() private earlierCursor: string | null = null
  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading'
  @state() private error?: string
  @state() private query = ''
  @state() private typing?: { until: number; visitor: boolean }
  @state() private members: Member[] = []
  @state() private presence: Presence[] = []
  @state() private panelOpen = true
  /** The channel settings (WhatsApp numbers) in place of the thread. */
  @state() private settingsOpen = false
  /** List filters: a status, an assignee (`me`, `none`) and unread only; empty means any. */
  @state() private filters: { status: string; assignee: string; unread: boolean } = {
    status: '',
    assignee: '',
    unread: false,
  }
  @state() private listScrollTop = 0
  @state() private viewportHeight = 600

  @query('.search input') private search?: HTMLInputElement
  @query('.rows') private rows?: HTMLElement
  @query('[part="messages"]') private messagesPane?: HTMLElement

  /** The inbox's own strings (registered by inbox.locales.ts). */
  #t(key: InboxKey, params?: Record<string, string | number>) {
    return translate(localeFor(this), key as unknown as MessageKey, params)
  }

  #unsubscribeInbox?: () => Promise<void>
  #unsubscribeThread?: () => Promise<void>
  #readTimer?: ReturnType<typeof setTimeout>
  #searchTimer?: ReturnType<typeof setTimeout>
  #heartbeat?: ReturnType<typeof setInterval>
  #loadingMore = false
  #resize = new ResizeObserver(([entry]) => (this.viewportHeight = entry.contentRect.height))

  connectedCallback() {
    super.connectedCallback()
    this.addEventListener('keydown', this.#onKeydown)
    document.addEventListener('visibilitychange', this.#beat)
    void this.#load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.removeEventListener('keydown', this.#onKeydown)
    document.removeEventListener('visibilitychange', this.#beat)
    clearInterval(this.#heartbeat)
    this.#resize.disconnect()
    void this.#unsubscribeInbox?.()
    void this.#unsubscribeThread?.()
  }

  async #load() {
    this.loadState = 'loading'
    try {
      await whenConfigured()
      // The details panel starts open only where it fits beside the thread.
      this.panelOpen = !this.compact && this.getBoundingClientRect().width >= 1000
      this.me ??= await api().request<Me>('/v1/me')
      void this.#loadTeam()
      if (this.conversation) {
        await this.#open(this.conversation)
      } else {
        // Live updates start beside the first load: a page whose stream cannot connect yet still
        // shows its conversations (the realtime client keeps trying and catches up).
        void this.#subscribeInbox().catch((error) => this.#fail(error))
        await this.#loadConversations()
      }
      this.loadState = 'ready'
    } catch (error) {
      this.#fail(error)
      this.loadState = 'error'
    }
  }

  /** Members (for assigning and mentioning) and who of them is around; then our own heartbeat. */
  async #loadTeam() {
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
    this.#beat()
    clearInterval(this.#heartbeat)
    this.#heartbeat = setInterval(this.#beat, HEARTBEAT_MS)
  }

  #beat = () => {
    const status = document.visibilityState === 'hidden' ? 'away' : 'online'
    void api()
      .request('/v1/presence', { method: 'POST', body: { status } })
      .catch(() => {})
  }

  #fail(error: unknown) {
    const e = error as ParleyApiError
    const key = `error.${e.code ?? 'UNKNOWN'}` as MessageKey
    this.error = this.t(key) === key ? this.t('error.UNKNOWN') : this.t(key)
    this.emit(new ParleyErrorEvent(e.code ?? 'UNKNOWN', e.message, e.requestId))
  }

  #channel(suffix: string) {
    return `tenants/${this.me!.tenant.id}/workspaces/${this.me!.workspaceId}/${suffix}`
  }

  /** The list's query: search, filters, the pinned contact. */
  #listQuery(cursor?: string) {
    const { status, assignee, unread } = this.filters
    return {
      limit: PAGE,
      q: this.query || undefined,
      contact: this.contact,
      status: status || undefined,
      assignee: assignee || undefined,
      unread: unread ? 'true' : undefined,
      cursor,
    }
  }

  async #loadConversations() {
    const page = await api().request<Page<Conversation>>('/v1/conversations', {
      query: this.#listQuery(),
    })
    this.conversations = page.data
    this.nextCursor = page.nextCursor
    this.rows?.scrollTo({ top: 0 })
  }

  /** The next page of the list, fetched as the user scrolls near its end. */
  async #loadMore() {
    if (!this.nextCursor || this.#loadingMore) return
    this.#loadingMore = true
    try {
      const page = await api().request<Page<Conversation>>('/v1/conversations', {
        query: this.#listQuery(this.nextCursor),
      })
      const known = new Set(this.conversations.map((c) => c.id))
      this.conversations = [...this.conversations, ...page.data.filter((c) => !known.has(c.id))]
      this.nextCursor = page.nextCursor
    } catch (error) {
      this.#fail(error)
    } finally {
      this.#loadingMore = false
    }
  }

  async #subscribeInbox() {
    const client = await realtime()
    this.#unsubscribeInbox = await client.subscribe(this.#channel('inbox'), (event) =>
      this.#onInboxEvent(event)
    )
  }

  #onInboxEvent(event: ParleyEvent) {
    if (event.type === 'presence') {
      const changed = event.data as { memberId: string; status: Presence['status']; at: string }
      this.presence = [
        ...this.presence.filter((p) => p.memberId !== changed.memberId),
        { memberId: changed.memberId, status: changed.status, lastSeenAt: changed.at },
      ]
      return
    }
    if (event.type !== 'conversation.created' && event.type !== 'conversation.updated') return
    const changed = event.data as Conversation
    if (this.contact && changed.contactId !== this.contact) return
    if (!this.#matches(changed)) {
      // It no longer belongs under the filters (resolved while showing open ones…): it leaves.
      this.conversations = this.conversations.filter(
        (c) => c.id !== changed.id || c.id === this.selected
      )
      return
    }
    const existing = this.conversations.find((c) => c.id === changed.id)
    const merged = {
      ...existing,
      ...changed,
      unread: existing?.unread ?? 0,
      contact: changed.contact ?? existing?.contact ?? null,
    }
    if (
      existing &&
      changed.lastMessageAt !== existing.lastMessageAt &&
      changed.id !== this.selected
    )
      merged.unread += 1
    this.conversations = [
      merged as Conversation,
      ...this.conversations.filter((c) => c.id !== changed.id),
    ].sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt))
  }

  /** Whether a conversation belongs in the list under the current filters (search aside). */
  #matches(c: Conversation) {
    const { status, assignee } = this.filters
    if (status && c.status !== status) return false
    if (assignee === 'me' && c.assigneeId !== this.me?.member.id) return false
    if (assignee === 'none' && c.assigneeId) return false
    return true
  }

  #setFilter(patch: Partial<ParleyInbox['filters']>) {
    this.filters = { ...this.filters, ...patch }
    void this.#loadConversations().catch((e) => this.#fail(e))
  }

  async #open(id: string) {
    this.settingsOpen = false
    if (this.selected === id) return
    await this.#unsubscribeThread?.()
    this.selected = id
    this.messages = []
    this.earlierCursor = null
    this.typing = undefined
    try {
      if (!this.conversations.some((c) => c.id === id)) {
        // A pinned conversation (or one opened from a notification) is not in the list yet.
        const one = await api().request<Conversation>(`/v1/conversations/${id}`)
        this.conversations = [one, ...this.conversations]
      }
      const page = await api().request<Page<Message>>(`/v1/conversations/${id}/messages`, {
        query: { limit: 50 },
      })
      if (this.selected !== id) return
      this.messages = page.data.reverse()
      this.earlierCursor = page.nextCursor
      void realtime()
        .then((client) =>
          client.subscribe(this.#channel(`conversations/${id}`), (event) =>
            this.#onThreadEvent(id, event)
          )
        )
        .then((unsubscribe) => (this.#unsubscribeThread = unsubscribe))
        .catch((error) => this.#fail(error))
      this.#markRead()
      this.conversations = this.conversations.map((c) => (c.id === id ? { ...c, unread: 0 } : c))
      await this.updateComplete
      this.#scrollToEnd()
    } catch (error) {
      this.#fail(error)
    }
  }

  async #loadEarlier() {
    const id = this.selected
    if (!id || !this.earlierCursor) return
    const pane = this.messagesPane
    const fromBottom = pane ? pane.scrollHeight - pane.scrollTop : 0
    try {
      const page = await api().request<Page<Message>>(`/v1/conversations/${id}/messages`, {
        query: { limit: 50, cursor: this.earlierCursor },
      })
      if (this.selected !== id) return
      this.messages = [...page.data.reverse(), ...this.messages]
      this.earlierCursor = page.nextCursor
      await this.updateComplete
      // Keep what the reader was looking at in place.
      if (pane) pane.scrollTop = pane.scrollHeight - fromBottom
    } catch (error) {
      this.#fail(error)
    }
  }

  #scrollToEnd() {
    const pane = this.messagesPane
    if (pane) pane.scrollTop = pane.scrollHeight
  }

  #onThreadEvent(id: string, event: ParleyEvent) {
    if (id !== this.selected) return
    if (event.type === 'message.created') {
      const message = event.data as Message
      if (this.messages.some((m) => m.id === message.id)) return
      const pane = this.messagesPane
      const atEnd = !pane || pane.scrollHeight - pane.scrollTop - pane.clientHeight < 80
      this.messages = [...this.messages, message]
      if (message.authorMemberId !== this.me?.member.id) this.#markRead()
      this.typing = undefined
      if (atEnd) void this.updateComplete.then(() => this.#scrollToEnd())
    } else if (event.type === 'message.updated') {
      const message = event.data as Message
      this.messages = this.messages.map((m) => (m.id === message.id ? message : m))
    } else if (event.type === 'typing') {
      const data = event.data as { memberId?: string; contactId?: string; at: string }
      const fresh = Date.now() - Date.parse(data.at) < TYPING_SHOWN_MS
      if (data.memberId !== this.me?.member.id && fresh) {
        this.typing = { until: Date.now() + TYPING_SHOWN_MS, visitor: Boolean(data.contactId) }
        setTimeout(() => this.requestUpdate(), TYPING_SHOWN_MS + 50)
      }
    } else if (event.type === 'read') {
      // The contact read our replies (web chat read receipts).
      const data = event.data as { contactId?: string; upTo: string }
      if (!data.contactId) return
      this.messages = this.messages.map((m) =>
        m.direction === 'outbound' &&
        m.id <= data.upTo &&
        (m.status === 'sent' || m.status === 'delivered')
          ? { ...m, status: 'read' }
          : m
      )
    }
  }

  /** Marks the open thread read up to its last message (debounced). */
  #markRead() {
    clearTimeout(this.#readTimer)
    this.#readTimer = setTimeout(() => {
      const last = [...this.messages].reverse().find((m) => !m.localState)
      if (!last || !this.selected) return
      void api()
        .request(`/v1/conversations/${this.selected}/read`, {
          method: 'POST',
          body: { upTo: last.id },
        })
        .catch(() => {})
    }, 300)
  }

  async #send(composed: Composed, idempotencyKey: string = crypto.randomUUID()) {
    const id = this.selected
    if (!id) return
    const local: Message = {
      id: `local-${idempotencyKey}`,
      conversationId: id,
      body: composed.body,
      type: composed.type,
      direction: composed.type === 'note' ? 'internal' : 'outbound',
      authorMemberId: this.me!.member.id,
      status: 'pending',
      createdAt: new Date().toISOString(),
      attachments: composed.attachments,
      localState: 'sending',
      idempotencyKey,
      composed,
    }
    this.messages = [...this.messages.filter((m) => m.id !== local.id), local]
    void this.updateComplete.then(() => this.#scrollToEnd())
    try {
      const sent = await api().request<Message>(`/v1/conversations/${id}/messages`, {
        method: 'POST',
        body: {
          body: composed.body,
          type: composed.type,
          idempotencyKey,
          ...(composed.attachments.length
            ? { attachmentIds: composed.attachments.map((a) => a.id) }
            : {}),
          ...(composed.mentions.length ? { mentions: composed.mentions } : {}),
        },
        idempotencyKey,
      })
      const withoutLocal = this.messages.filter((m) => m.id !== local.id)
      this.messages = withoutLocal.some((m) => m.id === sent.id)
        ? withoutLocal
        : [...withoutLocal, sent]
    } catch (error) {
      this.messages = this.messages.map((m) =>
        m.id === local.id ? { ...m, localState: 'failed' } : m
      )
      this.#fail(error)
    }
  }

  #announceTyping() {
    if (!this.selected) return
    void api()
      .request(`/v1/conversations/${this.selected}/typing`, { method: 'POST' })
      .catch(() => {})
  }

  async #update(patch: ConversationPatch) {
    if (!this.selected) return
    try {
      const updated = await api().request<Conversation>(`/v1/conversations/${this.selected}`, {
        method: 'PATCH',
        body: patch,
      })
      this.#onInboxEvent({ type: 'conversation.updated', id: '', data: updated })
    } catch (error) {
      this.#fail(error)
    }
  }

  #onKeydown = (event: KeyboardEvent) => {
    const target = event.composedPath()[0] as HTMLElement
    if (['textarea', 'input', 'select'].includes(target.localName)) return
    const index = this.conversations.findIndex((c) => c.id === this.selected)
    if (event.key === 'j' || event.key === 'k') {
      const next =
        this.conversations[
          Math.max(0, Math.min(this.conversations.length - 1, index + (event.key === 'j' ? 1 : -1)))
        ]
      if (next) {
        void this.#open(next.id)
        this.#revealRow(this.conversations.indexOf(next))
      }
    } else if (event.key === 'e') {
      void this.#update({ status: 'resolved' })
    } else if (event.key === '/') {
      event.preventDefault()
      this.search?.focus()
    }
  }

  /** Scrolls the virtual list so that row `index` is in view. */
  #revealRow(index: number) {
    const rows = this.rows
    if (!rows) return
    const top = index * ROW_HEIGHT
    if (top < rows.scrollTop) rows.scrollTop = top
    else if (top + ROW_HEIGHT > rows.scrollTop + rows.clientHeight)
      rows.scrollTop = top + ROW_HEIGHT - rows.clientHeight
  }

  #onSearch(event: InputEvent) {
    this.query = (event.target as HTMLInputElement).value
    clearTimeout(this.#searchTimer)
    this.#searchTimer = setTimeout(
      () => void this.#loadConversations().catch((e) => this.#fail(e)),
      250
    )
  }

  #onScroll(event: Event) {
    const rows = event.target as HTMLElement
    this.listScrollTop = rows.scrollTop
    if (rows.scrollTop + rows.clientHeight > rows.scrollHeight - ROW_HEIGHT * 10)
      void this.#loadMore()
  }

  updated() {
    // Spacer heights go through the CSSOM (a strict style-src forbids style attributes).
    for (const spacer of this.renderRoot.querySelectorAll<HTMLElement>('.spacer')) {
      spacer.style.height = `${spacer.dataset.px}px`
    }
    if (this.rows && !this.#observed) {
      this.#observed = true
      this.#resize.observe(this.rows)
    }
  }

  #observed = false

  render() {
    if (this.loadState === 'loading') return html`<parley-state kind="loading"></parley-state>`
    if (this.loadState === 'error') {
      return html`<parley-state
        kind="error"
        message=${this.error ?? ''}
        @parley-retry-requested=${() => this.#load()}
      ></parley-state>`
    }
    const classes = [
      this.selected || this.settingsOpen ? 'showing-thread' : '',
      this.selected && this.panelOpen ? 'with-details' : '',
    ]
    return html`<div part="base" class=${classes.join(' ')}>
      ${this.#renderList()} ${this.#renderThread()} ${this.#renderDetails()}
    </div>`
  }

  #label(c: Conversation) {
    return (
      c.contact?.name ??
      c.contact?.phone ??
      c.contact?.email ??
      c.subject ??
      this.#t(c.channel === 'web' ? 'inbox.webVisitor' : 'inbox.unknownContact')
    )
  }

  #renderList() {
    const { start, end, before, after } = visibleRange(
      this.listScrollTop,
      this.viewportHeight,
      ROW_HEIGHT,
      this.conversations.length
    )
    return html`<nav part="list" aria-label=${this.#t('inbox.conversations')}>
      <div class="search">
        <parley-button
          variant="ghost"
          size="sm"
          expanded=${this.settingsOpen ? 'true' : 'false'}
          @click=${() => this.#openSettings()}
          >${this.#t('inbox.channels')}</parley-button
        >
        <input
          type="search"
          aria-label=${this.#t('inbox.search')}
          placeholder=${this.#t('inbox.search')}
          .value=${this.query}
          @input=${this.#onSearch}
        />
      </div>
      <div class="filters">
        <select
          aria-label=${this.#t('inbox.statusLabel')}
          @change=${(e: Event) => this.#setFilter({ status: (e.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${!this.filters.status}>
            ${this.#t('inbox.filter.anyStatus')}
          </option>
          ${(['open', 'pending', 'snoozed', 'resolved', 'closed'] as const).map(
            (s) =>
              html`<option value=${s} ?selected=${this.filters.status === s}>
                ${this.#t(`inbox.status.${s}` as InboxKey)}
              </option>`
          )}
        </select>
        <select
          aria-label=${this.#t('inbox.assignee')}
          @change=${(e: Event) => this.#setFilter({ assignee: (e.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${!this.filters.assignee}>
            ${this.#t('inbox.filter.anyone')}
          </option>
          <option value="me" ?selected=${this.filters.assignee === 'me'}>
            ${this.#t('inbox.filter.mine')}
          </option>
          <option value="none" ?selected=${this.filters.assignee === 'none'}>
            ${this.#t('inbox.unassigned')}
          </option>
        </select>
        <label
          ><input
            type="checkbox"
            .checked=${this.filters.unread}
            @change=${(e: Event) => this.#setFilter({ unread: (e.target as HTMLInputElement).checked })}
          />
          ${this.#t('inbox.filter.unread')}</label
        >
      </div>
      ${
        this.conversations.length === 0
          ? html`<parley-state kind="empty" heading=${this.#t('inbox.empty')}></parley-state>`
          : html`<div class="rows" @scroll=${this.#onScroll}>
              <div class="spacer" data-px=${before}></div>
              <ul>
                ${repeat(
                  this.conversations.slice(start, end),
                  (c) => c.id,
                  (c, i) =>
                    html`<li
                      aria-posinset=${start + i + 1}
                      aria-setsize=${this.conversations.length}
                    >
                      <button
                        class="item"
                        aria-current=${String(c.id === this.selected)}
                        @click=${() => this.#open(c.id)}
                      >
                        <parley-avatar size="sm" name=${this.#label(c)}></parley-avatar>
                        <span class="who">
                          <span class="name">${this.#label(c)}</span>
                          <span class="preview"
                            >${this.#t(`inbox.status.${c.status}` as InboxKey)}${
                              c.subject ? ` · ${c.subject}` : ''
                            }</span
                          >
                        </span>
                        <parley-badge .count=${c.unread ?? 0}></parley-badge>
                      </button>
                    </li>`
                )}
              </ul>
              <div class="spacer" data-px=${after}></div>
            </div>`
      }
    </nav>`
  }

  async #openSettings() {
    this.settingsOpen = !this.settingsOpen
    if (this.settingsOpen) {
      this.selected = undefined
      // Its own chunk (with the QR encoder), fetched the first time.
      await import('./whatsapp-settings.js')
    }
  }

  #renderThread() {
    if (this.settingsOpen && !this.selected) {
      return html`<section part="thread" class="settings">
        <header>
          <parley-button
            class="back"
            variant="ghost"
            size="sm"
            label=${this.#t('inbox.back')}
            @click=${() => (this.settingsOpen = false)}
            >←</parley-button
          >
          <h2>${this.#t('inbox.channels')}</h2>
        </header>
        <parley-whatsapp-settings></parley-whatsapp-settings>
      </section>`
    }
    const conversation = this.conversations.find((c) => c.id === this.selected)
    if (!this.selected)
      return html`<section part="thread">
        <p class="placeholder">${this.#t('inbox.pick')}</p>
      </section>`
    let lastDay = ''
    const today = new Date().toDateString()
    const yesterday = new Date(Date.now() - 86_400_000).toDateString()
    const canWrite = this.me?.member.role !== 'viewer'
    const typing = this.typing && this.typing.until > Date.now() ? this.typing : undefined
    return html`<section
      part="thread"
      aria-label=${conversation ? this.#label(conversation) : this.#t('inbox.title')}
    >
      <header>
        <parley-button
          class="back"
          variant="ghost"
          size="sm"
          label=${this.#t('inbox.back')}
          @click=${() => (this.selected = undefined)}
          >←</parley-button
        >
        <h2>${conversation ? this.#label(conversation) : ''}</h2>
        <span class="actions">
          ${
            canWrite
              ? conversation?.status === 'resolved'
                ? html`<parley-button
                    variant="secondary"
                    size="sm"
                    @click=${() => this.#update({ status: 'open' })}
                    >${this.#t('inbox.reopen')}</parley-button
                  >`
                : html`<parley-button
                    variant="secondary"
                    size="sm"
                    @click=${() => this.#update({ status: 'resolved' })}
                    >${this.#t('inbox.resolve')}</parley-button
                  >`
              : nothing
          }
          <parley-button
            class="details-toggle"
            variant="ghost"
            size="sm"
            expanded=${this.panelOpen ? 'true' : 'false'}
            @click=${() => (this.panelOpen = !this.panelOpen)}
            >${this.#t('inbox.details')}</parley-button
          >
        </span>
      </header>
      <div part="messages" role="log" aria-live="polite">
        ${
          this.earlierCursor
            ? html`<parley-button
                class="earlier"
                variant="ghost"
                size="sm"
                @click=${() => this.#loadEarlier()}
                >${this.#t('inbox.earlier')}</parley-button
              >`
            : nothing
        }
        ${repeat(
          this.messages,
          (m) => m.id,
          (m) => {
            const day = dayOf(m.createdAt)
            const separator =
              day !== lastDay
                ? html`<div class="day" role="separator">
                    ${
                      day === today
                        ? this.#t('inbox.today')
                        : day === yesterday
                          ? this.#t('inbox.yesterday')
                          : new Date(m.createdAt).toLocaleDateString(this.locale)
                    }
                  </div>`
                : nothing
            lastDay = day
            const mine = m.authorMemberId === this.me?.member.id
            const classes = m.type === 'note' ? 'note' : mine ? 'mine' : ''
            return html`${separator}
              <div part="bubble ${classes}" class=${classes}>
                ${
                  m.deletedAt
                    ? html`<span class="body"><em>${this.#t('inbox.deleted')}</em></span>`
                    : html`${m.body ? html`<span class="body">${m.body}</span>` : nothing}
                      ${renderAttachments(m.attachments, this.locale)}`
                }<span class="status"
                  >${
                    m.localState === 'failed'
                      ? html`<button
                          class="failed"
                          @click=${() => this.#send(m.composed!, m.idempotencyKey)}
                        >
                          ${this.#t('inbox.retry')}
                        </button>`
                      : m.localState === 'sending'
                        ? this.#t('inbox.sending')
                        : `${new Date(m.createdAt).toLocaleTimeString(this.locale, { hour: '2-digit', minute: '2-digit' })}${mine ? ` · ${this.#t(`inbox.message.${m.status}` as InboxKey)}` : ''}`
                  }</span
                >
              </div>`
          }
        )}
      </div>
      <div class="typing" aria-live="polite">
        ${typing ? this.#t(typing.visitor ? 'inbox.visitorTyping' : 'inbox.typing') : ''}
      </div>
      ${
        canWrite
          ? html`<parley-composer
              notes
              canned
              .client=${api()}
              .members=${this.members.filter((m) => m.id !== this.me?.member.id)}
              @parley-compose=${(e: CustomEvent<Composed>) => this.#send(e.detail)}
              @parley-typing=${() => this.#announceTyping()}
            ></parley-composer>`
          : nothing
      }
    </section>`
  }

  #renderDetails() {
    const conversation = this.conversations.find((c) => c.id === this.selected)
    if (!conversation || !this.panelOpen) return nothing
    return html`<aside part="details" aria-label=${this.#t('inbox.details')}>
      <header>
        <h2>${this.#t('inbox.details')}</h2>
        <parley-button
          variant="ghost"
          size="sm"
          label=${this.#t('inbox.closePanel')}
          @click=${() => (this.panelOpen = false)}
          >×</parley-button
        >
      </header>
      <parley-conversation-panel
        .conversation=${conversation}
        .members=${this.members}
        .presence=${this.presence}
        .notes=${this.messages.filter((m) => m.type === 'note' && !m.deletedAt)}
        ?read-only=${this.me?.member.role === 'viewer'}
        @parley-conversation-change=${(e: CustomEvent<ConversationPatch>) => this.#update(e.detail)}
      ></parley-conversation-panel>
    </aside>`
  }
}
