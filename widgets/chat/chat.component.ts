import { html, nothing } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { embedConfig, pageOptions, whenConfigured } from '../kit/runtime.js'
import type { ApiClient } from '../kit/api-client.js'
import type { ParleyEvent, RealtimeClient } from '../kit/realtime/realtime.js'
import '../kit/primitives/button.js'
import '../kit/primitives/state.js'
import '../kit/conversation/composer.component.js'
import { messageStyles } from '../kit/conversation/message.js'
import type { Composed, Message, Page } from '../kit/conversation/types.js'
import { chatStyles } from './chat.styles.js'
import './chat.locales.js'
import { visitorClaims, visitorClient, type VisitorClaims } from './visitor-session.js'

const TYPING_SHOWN_MS = 4000

interface ChatConversation {
  id: string
  status: 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed'
  lastMessageAt: string
}

/**
 * Web chat: a person on the host's page writes to the workspace's inbox. Anonymous visitors need
 * only the publishable key (the workspace must have web chat on); the host's signed-in users
 * chat as themselves through `Parley.init({ chatSession })`. Shows the latest conversation live
 * (replies, agents typing, read marks), with files and emoji. User content is rendered as text.
 *
 * @event parley-error - Something could not be loaded or sent (`code` is the API's error code).
 * @csspart base - The whole chat.
 * @csspart header - The tenant's name and the greeting.
 * @csspart messages - The scrolling list of messages.
 * @csspart bubble - One message (also `bubble mine`).
 * @cssproperty --parley-inbox-bubble-radius - Corner radius of message bubbles (shared with the inbox).
 * @cssproperty --parley-inbox-bubble - Background of the team's messages.
 * @cssproperty --parley-inbox-own-bubble - Background of the visitor's messages.
 * @cssproperty --parley-inbox-own-bubble-color - Text colour of the visitor's messages.
 */
export class ParleyChat extends ParleyElement {
  static styles = [ParleyElement.styles, chatStyles, messageStyles]

  /** The workspace (the reseller's own id for it) whose inbox receives the chat. */
  @property({ reflect: true }) workspace = ''
  /** A line under the header; default: a friendly translated greeting. */
  @property() greeting?: string
  /** Inside a launcher, whose header already names the team: the greeting only. */
  @property({ type: Boolean, reflect: true }) compact = false

  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading'
  @state() private error?: string
  @state() private teamName = ''
  @state() private conversation?: ChatConversation
  @state() private messages: Message[] = []
  @state() private teamTypingUntil = 0

  @query('[part="messages"]') private pane?: HTMLElement

  #client?: ApiClient
  #claims?: VisitorClaims
  #live?: Promise<RealtimeClient>
  #unsubscribe?: () => Promise<void>
  #readTimer?: ReturnType<typeof setTimeout>
  #known = () => false

  connectedCallback() {
    super.connectedCallback()
    this.compact ||= this.closest('parley-launcher') !== null
    void this.#load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    void this.#unsubscribe?.()
    void this.#live?.then((live) => live.close())
  }

  async #load() {
    this.loadState = 'loading'
    try {
      await whenConfigured()
      const options = pageOptions()!
      if (!this.workspace && !options.chatSession) {
        throw new Error('<parley-chat> needs a workspace attribute')
      }
      const { client, known } = visitorClient(options, this.workspace)
      this.#client = client
      this.#known = known
      const config = await embedConfig().catch(() => null)
      this.teamName = config?.tenant.name ?? ''
      // A first-time visitor is not created until they write.
      if (known()) await this.#resume()
      this.loadState = 'ready'
    } catch (error) {
      this.#fail(error)
      this.loadState = 'error'
    }
  }

  /** The visitor's latest conversation and its messages, then live updates. */
  async #resume() {
    const page = await this.#client!.request<Page<ChatConversation>>('/v1/chat/conversations', {
      query: { limit: 1 },
    })
    // Live updates start beside the first load (the realtime client keeps trying and catches up).
    void this.#listen().catch((error) => this.#fail(error))
    this.conversation = page.data[0]
    if (!this.conversation) return
    const messages = await this.#client!.request<Page<Message>>(
      `/v1/chat/conversations/${this.conversation.id}/messages`,
      { query: { limit: 50 } }
    )
    this.messages = messages.data.reverse()
    this.#markRead()
    await this.updateComplete
    this.#scrollToEnd()
  }

  async #listen() {
    if (this.#live) return
    this.#claims = visitorClaims(await this.#client!.token())
    const { tenantId, workspaceId, contactId } = this.#claims
    const client = this.#client!
    this.#live = import('../kit/realtime/realtime.js').then(
      ({ RealtimeClient }) => new RealtimeClient({ api: client })
    )
    const live = await this.#live
    this.#unsubscribe = await live.subscribe(
      `tenants/${tenantId}/workspaces/${workspaceId}/contacts/${contactId}`,
      (event) => this.#onEvent(event)
    )
  }

  #onEvent(event: ParleyEvent) {
    const data = event.data as Message & { conversationId: string; at?: string }
    if (data.conversationId !== this.conversation?.id) return
    if (event.type === 'message.created') {
      if (this.messages.some((m) => m.id === data.id)) return
      this.messages = [...this.messages, data]
      if (data.direction === 'outbound') {
        this.teamTypingUntil = 0
        this.#markRead()
      }
      void this.updateComplete.then(() => this.#scrollToEnd())
    } else if (event.type === 'message.updated') {
      this.messages = this.messages.map((m) => (m.id === data.id ? data : m))
    } else if (event.type === 'typing' && Date.now() - Date.parse(data.at!) < TYPING_SHOWN_MS) {
      this.teamTypingUntil = Date.now() + TYPING_SHOWN_MS
      setTimeout(() => this.requestUpdate(), TYPING_SHOWN_MS + 50)
    }
  }

  #markRead() {
    clearTimeout(this.#readTimer)
    this.#readTimer = setTimeout(() => {
      const last = [...this.messages]
        .reverse()
        .find((m) => m.direction === 'outbound' && !m.localState)
      if (!last || !this.conversation) return
      void this.#client!.request(`/v1/chat/conversations/${this.conversation.id}/read`, {
        method: 'POST',
        body: { upTo: last.id },
      }).catch(() => {})
    }, 300)
  }

  #scrollToEnd() {
    if (this.pane) this.pane.scrollTop = this.pane.scrollHeight
  }

  #fail(error: unknown) {
    this.error = this.reportError(error)
  }

  async #send(composed: Composed, idempotencyKey: string = crypto.randomUUID()) {
    const local: Message = {
      id: `local-${idempotencyKey}`,
      conversationId: this.conversation?.id ?? '',
      body: composed.body,
      type: 'text',
      direction: 'inbound',
      authorMemberId: null,
      status: 'pending',
      createdAt: new Date().toISOString(),
      attachments: composed.attachments,
      localState: 'sending',
      idempotencyKey,
      composed,
    }
    this.messages = [...this.messages.filter((m) => m.id !== local.id), local]
    void this.updateComplete.then(() => this.#scrollToEnd())
    const payload = {
      body: composed.body,
      ...(composed.attachments.length
        ? { attachmentIds: composed.attachments.map((a) => a.id) }
        : {}),
    }
    try {
      // The first message of a visitor creates them (the client arrives on first use).
      const open = this.conversation && !['resolved', 'closed'].includes(this.conversation.status)
      let sent: Message
      if (open) {
        sent = await this.#client!.request<Message>(
          `/v1/chat/conversations/${this.conversation!.id}/messages`,
          {
            method: 'POST',
            body: { ...payload, idempotencyKey },
            idempotencyKey,
          }
        )
      } else {
        const started = await this.#client!.request<ChatConversation & { message: Message }>(
          '/v1/chat/conversations',
          { method: 'POST', body: payload }
        )
        this.conversation = started
        sent = started.message
        void this.#listen().catch((error) => this.#fail(error))
      }
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

  #typingSentAt = 0
  #announceTyping() {
    if (!this.conversation || Date.now() - this.#typingSentAt < 2500) return
    this.#typingSentAt = Date.now()
    void this.#client!.request(`/v1/chat/conversations/${this.conversation.id}/typing`, {
      method: 'POST',
    }).catch(() => {})
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
    const ended = this.conversation && ['resolved', 'closed'].includes(this.conversation.status)
    return html`<section part="base" aria-label=${this.t('chat.title', { name: this.teamName })}>
      <header part="header">
        ${this.compact ? nothing : html`<h2>${this.teamName || this.t('chat.team')}</h2>`}
        <p>${this.greeting ?? this.t('chat.greeting')}</p>
      </header>
      <div part="messages" role="log" aria-live="polite">
        ${this.messages.length === 0 ? html`<p class="empty">${this.t('chat.start')}</p>` : nothing}
        ${repeat(
          this.messages,
          (m) => m.id,
          (m) =>
            html`<parley-message
              .message=${m}
              ?mine=${m.direction === 'inbound'}
              .locale=${this.locale}
              @parley-retry-requested=${(e: Event) => (e.stopPropagation(), this.#send(m.composed!, m.idempotencyKey))}
            ></parley-message>`
        )}
        ${ended ? html`<p class="empty">${this.t('chat.ended')}</p>` : nothing}
      </div>
      <div class="typing" aria-live="polite">
        ${this.teamTypingUntil > Date.now() ? this.t('chat.typing') : ''}
      </div>
      <parley-composer
        upload-path="/v1/chat/attachments"
        placeholder=${this.t('chat.placeholder')}
        .client=${this.#client}
        @parley-compose=${(e: CustomEvent<Composed>) => this.#send(e.detail)}
        @parley-typing=${() => this.#announceTyping()}
      ></parley-composer>
    </section>`
  }

  /** For the host: whether this browser has chatted here before. */
  get returningVisitor() {
    return this.#known()
  }
}
