import { html, nothing } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ifDefined } from 'lit/directives/if-defined.js'
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
import { inboxStyles } from './inbox.styles.js'
import type { Conversation, Me, Message, Page } from './inbox.types.js'

const TYPING_SHOWN_MS = 4000

/** Messages grouped under a day heading: "Today", "Yesterday" or the date. */
function dayOf(iso: string) {
  return new Date(iso).toDateString()
}

/**
 * The inbox: the workspace's conversations and their threads, live. Pin it to one conversation
 * with `conversation="<id>"` (a host page embedding a single thread), or use `compact` in the
 * launcher's panel. User content is always rendered as text.
 *
 * Keyboard: j / k move between conversations, e resolves the open one, / focuses the search.
 *
 * @event parley-error - Something could not be loaded or sent (`code` is the API's error code).
 * @csspart base - The whole inbox.
 * @csspart list - The conversation list.
 * @csspart thread - The open conversation.
 * @csspart messages - The scrolling list of messages.
 * @csspart bubble - One message (also `bubble mine`, `bubble note`).
 * @csspart composer - The reply box.
 * @cssproperty --parley-inbox-bubble-radius - Corner radius of message bubbles.
 * @cssproperty --parley-inbox-bubble - Background of others' messages.
 * @cssproperty --parley-inbox-own-bubble - Background of your messages.
 * @cssproperty --parley-inbox-own-bubble-color - Text colour of your messages.
 * @cssproperty --parley-inbox-note - Background of internal notes.
 */
export class ParleyInbox extends ParleyElement {
  static styles = [ParleyElement.styles, inboxStyles]

  /** Pins the inbox to one conversation (no list). */
  @property({ reflect: true }) conversation?: string
  /** Tighter layout for the launcher's panel. */
  @property({ type: Boolean, reflect: true }) compact = false

  @state() private me?: Me
  @state() private conversations: Conversation[] = []
  @state() private selected?: string
  @state() private messages: Message[] = []
  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading'
  @state() private error?: string
  @state() private query = ''
  @state() private typingUntil = 0
  @state() private asNote = false
  /** Canned responses matching the `/shortcut` being typed, and the highlighted one. */
  @state() private suggestions: { shortcut: string; body: string }[] = []
  @state() private suggestionIndex = 0

  @query('textarea') private composer?: HTMLTextAreaElement
  @query('.search input') private search?: HTMLInputElement

  /** The inbox's own strings (registered by inbox.locales.ts). */
  #t(key: InboxKey, params?: Record<string, string | number>) {
    return translate(localeFor(this), key as unknown as MessageKey, params)
  }

  #unsubscribeInbox?: () => Promise<void>
  #unsubscribeThread?: () => Promise<void>
  #readTimer?: ReturnType<typeof setTimeout>
  #searchTimer?: ReturnType<typeof setTimeout>

  connectedCallback() {
    super.connectedCallback()
    this.addEventListener('keydown', this.#onKeydown)
    void this.#load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.removeEventListener('keydown', this.#onKeydown)
    void this.#unsubscribeInbox?.()
    void this.#unsubscribeThread?.()
  }

  async #load() {
    this.loadState = 'loading'
    try {
      await whenConfigured()
      this.me ??= await api().request<Me>('/v1/me')
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

  #fail(error: unknown) {
    const e = error as ParleyApiError
    const key = `error.${e.code ?? 'UNKNOWN'}` as MessageKey
    this.error = this.t(key) === key ? this.t('error.UNKNOWN') : this.t(key)
    this.emit(new ParleyErrorEvent(e.code ?? 'UNKNOWN', e.message, e.requestId))
  }

  #channel(suffix: string) {
    return `tenants/${this.me!.tenant.id}/workspaces/${this.me!.workspaceId}/${suffix}`
  }

  async #loadConversations() {
    const page = await api().request<Page<Conversation>>('/v1/conversations', {
      query: { limit: 100, q: this.query || undefined },
    })
    this.conversations = page.data
  }

  async #subscribeInbox() {
    const client = await realtime()
    this.#unsubscribeInbox = await client.subscribe(this.#channel('inbox'), (event) =>
      this.#onInboxEvent(event)
    )
  }

  #onInboxEvent(event: ParleyEvent) {
    const changed = event.data as Conversation
    if (event.type !== 'conversation.created' && event.type !== 'conversation.updated') return
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

  async #open(id: string) {
    if (this.selected === id) return
    await this.#unsubscribeThread?.()
    this.selected = id
    this.messages = []
    try {
      const page = await api().request<Page<Message>>(`/v1/conversations/${id}/messages`, {
        query: { limit: 100 },
      })
      if (this.selected !== id) return
      this.messages = page.data.reverse()
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
    } catch (error) {
      this.#fail(error)
    }
  }

  #onThreadEvent(id: string, event: ParleyEvent) {
    if (id !== this.selected) return
    if (event.type === 'message.created') {
      const message = event.data as Message
      if (this.messages.some((m) => m.id === message.id)) return
      this.messages = [...this.messages, message]
      if (message.authorMemberId !== this.me?.member.id) this.#markRead()
      this.typingUntil = 0
    } else if (event.type === 'message.updated') {
      const message = event.data as Message
      this.messages = this.messages.map((m) => (m.id === message.id ? message : m))
    } else if (event.type === 'typing') {
      const data = event.data as { memberId: string; at: string }
      const fresh = Date.now() - Date.parse(data.at) < TYPING_SHOWN_MS
      if (data.memberId !== this.me?.member.id && fresh) {
        this.typingUntil = Date.now() + TYPING_SHOWN_MS
        setTimeout(() => this.requestUpdate(), TYPING_SHOWN_MS + 50)
      }
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

  async #send(
    body: string,
    idempotencyKey: string = crypto.randomUUID(),
    type: 'text' | 'note' = this.asNote ? 'note' : 'text'
  ) {
    const id = this.selected
    if (!id || !body.trim()) return
    const local: Message = {
      id: `local-${idempotencyKey}`,
      conversationId: id,
      body,
      type,
      direction: type === 'note' ? 'internal' : 'outbound',
      authorMemberId: this.me!.member.id,
      status: 'pending',
      createdAt: new Date().toISOString(),
      localState: 'sending',
      idempotencyKey,
    }
    this.messages = [...this.messages.filter((m) => m.id !== local.id), local]
    try {
      const sent = await api().request<Message>(`/v1/conversations/${id}/messages`, {
        method: 'POST',
        body: { body, type, idempotencyKey },
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

  /** Typing `/short` suggests the workspace's canned responses whose shortcut starts so. */
  #cannedTimer?: ReturnType<typeof setTimeout>
  #onComposerInput() {
    const match = /^\/([a-z0-9_-]*)$/i.exec(this.composer!.value)
    clearTimeout(this.#cannedTimer)
    if (!match) {
      this.suggestions = []
      return
    }
    this.#cannedTimer = setTimeout(async () => {
      const page = await api()
        .request<Page<{ shortcut: string; body: string }>>('/v1/canned-responses', {
          query: { prefix: match[1] },
        })
        .catch(() => ({ data: [] }))
      this.suggestions = page.data.slice(0, 8)
      this.suggestionIndex = 0
    }, 120)
  }

  #applySuggestion(index = this.suggestionIndex) {
    const chosen = this.suggestions[index]
    if (!chosen || !this.composer) return
    this.composer.value = chosen.body
    this.suggestions = []
    this.composer.focus()
  }

  #onComposerKeydown(event: KeyboardEvent) {
    if (this.suggestions.length) {
      const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 }
      if (event.key in moves) {
        event.preventDefault()
        const count = this.suggestions.length
        this.suggestionIndex = (this.suggestionIndex + moves[event.key] + count) % count
        return
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault()
        this.#applySuggestion()
        return
      }
      if (event.key === 'Escape') {
        event.stopPropagation()
        this.suggestions = []
        return
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      const body = this.composer!.value
      this.composer!.value = ''
      void this.#send(body)
    } else if (this.selected && event.key.length === 1) {
      this.#announceTyping()
    }
  }

  #typingSentAt = 0
  #announceTyping() {
    if (Date.now() - this.#typingSentAt < 2500) return
    this.#typingSentAt = Date.now()
    void api()
      .request(`/v1/conversations/${this.selected}/typing`, { method: 'POST' })
      .catch(() => {})
  }

  async #setStatus(status: 'open' | 'resolved') {
    if (!this.selected) return
    try {
      const updated = await api().request<Conversation>(`/v1/conversations/${this.selected}`, {
        method: 'PATCH',
        body: { status },
      })
      this.#onInboxEvent({ type: 'conversation.updated', id: '', data: updated })
    } catch (error) {
      this.#fail(error)
    }
  }

  #onKeydown = (event: KeyboardEvent) => {
    const target = event.composedPath()[0] as HTMLElement
    if (target.localName === 'textarea' || target.localName === 'input') return
    const index = this.conversations.findIndex((c) => c.id === this.selected)
    if (event.key === 'j' || event.key === 'k') {
      const next =
        this.conversations[
          Math.max(0, Math.min(this.conversations.length - 1, index + (event.key === 'j' ? 1 : -1)))
        ]
      if (next) void this.#open(next.id)
    } else if (event.key === 'e') {
      void this.#setStatus('resolved')
    } else if (event.key === '/') {
      event.preventDefault()
      this.search?.focus()
    }
  }

  #onSearch(event: InputEvent) {
    this.query = (event.target as HTMLInputElement).value
    clearTimeout(this.#searchTimer)
    this.#searchTimer = setTimeout(
      () => void this.#loadConversations().catch((e) => this.#fail(e)),
      250
    )
  }

  render() {
    if (this.loadState === 'loading') return html`<parley-state kind="loading"></parley-state>`
    if (this.loadState === 'error') {
      return html`<parley-state
        kind="error"
        message=${this.error ?? ''}
        @parley-retry-requested=${() => this.#load()}
      ></parley-state>`
    }
    return html`<div part="base" class=${this.selected ? 'showing-thread' : ''}>
      ${this.#renderList()} ${this.#renderThread()}
    </div>`
  }

  #label(c: Conversation) {
    return (
      c.contact?.name ??
      c.contact?.phone ??
      c.contact?.email ??
      c.subject ??
      this.#t('inbox.unknownContact')
    )
  }

  #renderList() {
    return html`<nav part="list" aria-label=${this.#t('inbox.conversations')}>
      <div class="search">
        <input type="search" aria-label="Search" .value=${this.query} @input=${this.#onSearch} />
      </div>
      ${
        this.conversations.length === 0
          ? html`<parley-state kind="empty" heading=${this.#t('inbox.empty')}></parley-state>`
          : html`<ul>
              ${repeat(
                this.conversations,
                (c) => c.id,
                (c) =>
                  html`<li>
                    <button
                      class="item"
                      aria-current=${String(c.id === this.selected)}
                      @click=${() => this.#open(c.id)}
                    >
                      <parley-avatar size="sm" name=${this.#label(c)}></parley-avatar>
                      <span class="who">
                        <span class="name">${this.#label(c)}</span>
                        <span class="preview"
                          >${this.#t(`inbox.status.${c.status}` as InboxKey)}${c.subject ? ` · ${c.subject}` : ''}</span
                        >
                      </span>
                      <parley-badge .count=${c.unread ?? 0}></parley-badge>
                    </button>
                  </li>`
              )}
            </ul>`
      }
    </nav>`
  }

  #renderThread() {
    const conversation = this.conversations.find((c) => c.id === this.selected)
    if (!this.selected)
      return html`<section part="thread">
        <p class="placeholder">${this.#t('inbox.pick')}</p>
      </section>`
    let lastDay = ''
    const today = new Date().toDateString()
    const yesterday = new Date(Date.now() - 86_400_000).toDateString()
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
        ${
          conversation?.status === 'resolved'
            ? html`<parley-button
                variant="secondary"
                size="sm"
                @click=${() => this.#setStatus('open')}
                >${this.#t('inbox.reopen')}</parley-button
              >`
            : html`<parley-button
                variant="secondary"
                size="sm"
                @click=${() => this.#setStatus('resolved')}
                >${this.#t('inbox.resolve')}</parley-button
              >`
        }
      </header>
      <div part="messages" role="log" aria-live="polite">
        ${repeat(
          this.messages,
          (m) => m.id,
          (m) => {
            const day = dayOf(m.createdAt)
            const separator =
              day !== lastDay
                ? html`<div class="day" role="separator">
                    ${day === today ? this.#t('inbox.today') : day === yesterday ? this.#t('inbox.yesterday') : new Date(m.createdAt).toLocaleDateString(this.locale)}
                  </div>`
                : nothing
            lastDay = day
            const mine = m.authorMemberId === this.me?.member.id
            const classes = m.type === 'note' ? 'note' : mine ? 'mine' : ''
            return html`${separator}
              <div part="bubble ${classes}" class=${classes}>
                <span class="body"
                  >${m.deletedAt ? html`<em>${this.#t('inbox.deleted')}</em>` : m.body}</span
                ><span class="status"
                  >${
                    m.localState === 'failed'
                      ? html`<button
                          class="failed"
                          @click=${() => this.#send(m.body, m.idempotencyKey, m.type)}
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
        ${this.typingUntil > Date.now() ? this.#t('inbox.typing') : ''}
      </div>
      <div part="composer">
        ${
          this.suggestions.length
            ? html`<ul
                id="canned"
                class="canned"
                role="listbox"
                aria-label=${this.#t('inbox.canned')}
              >
                ${this.suggestions.map(
                  (s, i) =>
                    html`<li
                      id="canned-${i}"
                      role="option"
                      aria-selected=${String(i === this.suggestionIndex)}
                      @mousedown=${(e: Event) => (e.preventDefault(), this.#applySuggestion(i))}
                    >
                      <strong>/${s.shortcut}</strong> <span>${s.body}</span>
                    </li>`
                )}
              </ul>`
            : nothing
        }
        <textarea
          aria-label=${this.#t('inbox.composer')}
          placeholder=${this.#t('inbox.composerHint')}
          rows="2"
          aria-autocomplete="list"
          aria-controls=${ifDefined(this.suggestions.length ? 'canned' : undefined)}
          aria-activedescendant=${ifDefined(this.suggestions.length ? `canned-${this.suggestionIndex}` : undefined)}
          @keydown=${this.#onComposerKeydown}
          @input=${this.#onComposerInput}
        ></textarea>
        <parley-button
          @click=${() => {
            const body = this.composer!.value
            this.composer!.value = ''
            void this.#send(body)
          }}
          >${this.#t('inbox.send')}</parley-button
        >
        <label class="note-toggle"
          ><input
            type="checkbox"
            .checked=${this.asNote}
            @change=${(e: Event) => (this.asNote = (e.target as HTMLInputElement).checked)}
          />
          ${this.#t('inbox.note')}</label
        >
      </div>
    </section>`
  }
}
