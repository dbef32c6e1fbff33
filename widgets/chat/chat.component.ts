import { html, nothing, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { pageOptions, whenConfigured } from '../kit/runtime.js'
import { BrandController, brandLogoStyles } from '../kit/brand.js'
import type { ApiClient } from '../kit/api-client.js'
import type { ParleyEvent, RealtimeClient } from '../kit/realtime/realtime.js'
import '../kit/primitives/avatar.js'
import '../kit/primitives/button.js'
import '../kit/primitives/state.js'
import '../kit/conversation/composer.component.js'
import type { ParleyComposer } from '../kit/conversation/composer.component.js'
import { messageStyles } from '../kit/conversation/message.js'
import type { Composed, Message, Page } from '../kit/conversation/types.js'
import { AttentionController } from './attention.js'
import { EmailCaptureController } from './email-capture.js'
import { renderChatHeader } from './chat-header.js'
import './chat-forms.js'
import type { VisitorDetails } from './chat-forms.js'
import { systemClock, type Clock } from './clock.js'
import { chatStyles } from './chat.styles.js'
import './chat.locales.js'
import {
  loadProfile,
  visitorClaims,
  visitorClient,
  visitorContext,
  type ChatPerson,
  type ChatProfile,
} from './visitor-session.js'

const TYPING_SHOWN_MS = 4000

interface ChatConversation {
  id: string
  status: 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed'
  lastMessageAt: string
}

/** A message as visitors get it: a member's reply names its author, and nothing else of them. */
type ChatMessage = Message & { author?: ChatPerson | null }

/** What the visitor told about themself (GET/PATCH /v1/chat/contact). */
interface ChatContact {
  name: string | null
  email: string | null
}

/**
 * Whether `chat` sits in a launcher's panel, under Parley's name or the tenant's element prefix
 * (`<acme-launcher>`; the loader allows prefixes without a hyphen, so one suffix test fits both).
 */
function insideLauncher(chat: Element) {
  for (let node = chat.parentElement; node; node = node.parentElement)
    if (/^[a-z][a-z0-9]*-launcher$/.test(node.localName)) return true
  return false
}

const ended = (c?: ChatConversation) => c !== undefined && ['resolved', 'closed'].includes(c.status)

/**
 * Web chat: a person on the host's page writes to the workspace's inbox. Anonymous visitors need
 * only the publishable key (the workspace must have web chat on); the host's signed-in users
 * chat as themselves through `Parley.init({ chatSession })`.
 *
 * The header shows the tenant's logo (Branding), the team (its name for visitors, up to three of
 * its people, online first) and the reply time the workspace promises; the greeting and notices are lines in the flow;
 * replies name their author. As the workspace sets it up, a pre-chat form asks for an email
 * (and name) before the first message, and the chat asks for an email when nobody has answered
 * in time. Replies the visitor has not seen raise `parley-unread-changed` (a launcher's badge)
 * and the page title. User content is rendered as text.
 *
 * @event parley-error - Something could not be loaded or sent (`code` is the API's error code).
 * @event parley-unread-changed - The number of replies the visitor has not read changed (`count`).
 * @csspart base - The whole chat.
 * @csspart header - The logo and the team: its people, name and reply time.
 * @csspart logo - The tenant's logo on its light tile (none set, or broken: not there).
 * @csspart team - The team's avatars in the header.
 * @csspart messages - The scrolling flow of messages and notices.
 * @csspart notice - A line of the flow that nobody wrote: the greeting, a closed conversation.
 * @csspart author - The name and avatar above a reply.
 * @csspart bubble - One message (also `bubble mine`).
 * @csspart pre-chat - The form before the first message.
 * @csspart email-prompt - The request for an email when nobody has answered.
 * @cssproperty --parley-inbox-bubble-radius - Corner radius of message bubbles (shared with the inbox).
 * @cssproperty --parley-inbox-bubble - Background of the team's messages.
 * @cssproperty --parley-inbox-own-bubble - Background of the visitor's messages.
 * @cssproperty --parley-inbox-own-bubble-color - Text colour of the visitor's messages.
 * @cssproperty --parley-chat-header-background - Background of the header (default: primary).
 * @cssproperty --parley-chat-header-color - Text colour of the header (default: on-primary).
 * @cssproperty --parley-chat-logo-background - The tile behind the logo (default: white).
 */
export class ParleyChat extends ParleyElement {
  static styles = [ParleyElement.styles, brandLogoStyles, chatStyles, messageStyles]

  /** The workspace (the reseller's own id for it) whose inbox receives the chat. */
  @property({ reflect: true }) workspace = ''
  /** The first line of the flow; default: a friendly translated greeting. */
  @property() greeting?: string
  /** Inside a launcher, whose title bar names the chat: the header shows the team only. */
  @property({ type: Boolean, reflect: true }) compact = false
  /**
   * Where the chat reads the time (tests move a fake one forward).
   * @internal
   */
  @property({ attribute: false }) clock: Clock = systemClock

  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading'
  @state() private error?: string
  @state() private profile?: ChatProfile
  @state() private contact: ChatContact = { name: null, email: null }
  @state() private conversation?: ChatConversation
  @state() private messages: ChatMessage[] = []
  @state() private teamTypingUntil = 0
  @state() private preChatSkipped = false

  @query('[part="messages"]') private pane?: HTMLElement
  @query('parley-composer') private composer?: ParleyComposer

  #client?: ApiClient
  #live?: Promise<RealtimeClient>
  #unsubscribe?: () => Promise<void>
  #readTimer?: ReturnType<typeof setTimeout>
  #known = () => false
  #brand = new BrandController(this)
  #attention = new AttentionController(this, () => this.#markRead())
  /** When this page saw each message arrive (its own clock, not the server's). */
  #arrivedAt = new Map<string, number>()
  #emailPrompt = new EmailCaptureController(this, () => ({
    delaySeconds: this.profile?.emailCaptureSeconds,
    emailKnown: Boolean(this.contact.email),
    conversationId: this.conversation?.id ?? null,
    ended: ended(this.conversation),
    messages: this.messages,
    arrivedAt: (id) => this.#arrivedAt.get(id),
    clock: this.clock,
  }))

  connectedCallback() {
    super.connectedCallback()
    this.compact ||= insideLauncher(this)
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
      // A first-time visitor is not created until they write (or fill the pre-chat form).
      const [profile] = await Promise.all([
        loadProfile(options, this.workspace, client),
        known() ? this.#resume() : null,
      ])
      this.profile = profile
      this.loadState = 'ready'
      await this.updateComplete
      this.#scrollToEnd()
    } catch (error) {
      this.#fail(error)
      this.loadState = 'error'
    }
  }

  /** The visitor's latest conversation and its messages, then live updates. */
  async #resume() {
    const [page, contact] = await Promise.all([
      this.#client!.request<Page<ChatConversation>>('/v1/chat/conversations', {
        query: { limit: 1 },
      }),
      this.#client!.request<ChatContact>('/v1/chat/contact'),
    ])
    this.contact = contact
    // Live updates start beside the first load (the realtime client keeps trying and catches up).
    void this.#listen().catch((error) => this.#fail(error))
    this.conversation = page.data[0]
    if (!this.conversation) return
    const messages = await this.#client!.request<Page<ChatMessage>>(
      `/v1/chat/conversations/${this.conversation.id}/messages`,
      { query: { limit: 50 } }
    )
    this.messages = messages.data.reverse()
    this.#markRead()
  }

  async #listen() {
    if (this.#live) return
    const { tenantId, workspaceId, contactId } = visitorClaims(await this.#client!.token())
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
    const data = event.data as ChatMessage & { conversationId: string; at?: string }
    if (data.conversationId !== this.conversation?.id) return
    if (event.type === 'message.created') {
      if (this.messages.some((m) => m.id === data.id)) return
      this.#arrivedAt.set(data.id, this.clock.now())
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

  /** Replies count as read only once the visitor can see them (tab visible, panel open). */
  #markRead() {
    clearTimeout(this.#readTimer)
    this.#readTimer = setTimeout(() => {
      if (!this.#attention.seen || !this.conversation) return
      const last = this.messages.findLast((m) => m.direction === 'outbound' && !m.localState)
      if (!last || last.status === 'read') return
      this.messages = this.messages.map((m) =>
        m.direction === 'outbound' && m.id <= last.id ? { ...m, status: 'read' } : m
      )
      void this.#client!.request(`/v1/chat/conversations/${this.conversation.id}/read`, {
        method: 'POST',
        body: { upTo: last.id },
      }).catch(() => {})
    }, 300)
  }

  /** To the latest message, once the bubbles (elements of their own) have rendered too. */
  #scrollToEnd() {
    const scroll = () => {
      if (this.pane) this.pane.scrollTop = this.pane.scrollHeight
    }
    scroll()
    requestAnimationFrame(scroll)
  }

  #fail(error: unknown) {
    this.error = this.reportError(error)
  }

  async #send(composed: Composed, idempotencyKey: string = crypto.randomUUID()) {
    const local: ChatMessage = {
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
      let sent: ChatMessage
      if (this.conversation && !ended(this.conversation)) {
        sent = await this.#client!.request<ChatMessage>(
          `/v1/chat/conversations/${this.conversation.id}/messages`,
          { method: 'POST', body: { ...payload, idempotencyKey }, idempotencyKey }
        )
      } else {
        const started = await this.#client!.request<ChatConversation & { message: ChatMessage }>(
          '/v1/chat/conversations',
          { method: 'POST', body: { ...payload, visitor: visitorContext() } }
        )
        this.conversation = started
        this.#emailPrompt.reset()
        sent = started.message
        void this.#listen().catch((error) => this.#fail(error))
      }
      this.#arrivedAt.set(sent.id, this.clock.now())
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

  /** The pre-chat form or the email prompt: what the visitor tells is kept on their contact. */
  async #tell(details: VisitorDetails) {
    this.contact = await this.#client!.request<ChatContact>('/v1/chat/contact', {
      method: 'PATCH',
      body: details,
    })
  }

  // --- pre-chat form ---------------------------------------------------------------------------

  #needsPreChat() {
    const ask = this.profile?.preChat.ask ?? 'off'
    if (ask === 'off' || this.conversation || this.preChatSkipped) return false
    return ask === 'email' ? !this.contact.email : !this.contact.email || !this.contact.name
  }

  async #preChatDone() {
    this.preChatSkipped = true
    await this.updateComplete
    this.composer?.focus()
  }

  protected updated(changed: PropertyValues<this>) {
    super.updated(changed)
    this.#attention.unread = this.messages.filter(
      (m) => m.direction === 'outbound' && m.status !== 'read' && !m.localState
    ).length
  }

  // --- rendering -------------------------------------------------------------------------------

  /** The workspace's name for visitors; the tenant's display name only where it has none. */
  #teamName() {
    return this.profile?.name || this.#brand.name || this.t('chat.team')
  }

  #message(m: ChatMessage, index: number) {
    const previous = this.messages[index - 1]
    const fromTeam = m.direction === 'outbound'
    // A run of replies by one person is introduced once.
    const introduce =
      fromTeam && (previous?.direction !== 'outbound' || previous.author?.name !== m.author?.name)
    const name = m.author?.name || this.#teamName()
    return html`${
        introduce
          ? html`<div part="author">
              <parley-avatar
                size="sm"
                name=${name}
                src=${ifDefined(m.author?.avatarUrl ?? undefined)}
              ></parley-avatar>
              <span>${name}</span>
            </div>`
          : nothing
      }
      <parley-message
        .message=${m}
        ?mine=${m.direction === 'inbound'}
        .locale=${this.locale}
        @parley-retry-requested=${(e: Event) => (e.stopPropagation(), this.#send(m.composed!, m.idempotencyKey))}
      ></parley-message>`
  }

  #flow() {
    return html`<div part="messages" role="log" aria-live="polite" tabindex="0">
      <p part="notice">${this.greeting ?? this.t('chat.greeting')}</p>
      ${repeat(
        this.messages,
        (m) => m.id,
        (m, i) => this.#message(m, i)
      )}
      ${
        this.#emailPrompt.state === 'shown'
          ? html`<parley-chat-email-prompt
              .submit=${async (details: VisitorDetails) => {
                await this.#tell(details)
                this.#emailPrompt.finish('saved')
              }}
              .dismiss=${() => {
                this.#emailPrompt.finish('none')
                this.composer?.focus()
              }}
            ></parley-chat-email-prompt>`
          : nothing
      }
      ${
        this.#emailPrompt.state === 'saved' && this.contact.email
          ? html`<p part="notice">${this.t('chat.email.saved', { email: this.contact.email })}</p>`
          : nothing
      }
      ${ended(this.conversation) ? html`<p part="notice">${this.t('chat.ended')}</p>` : nothing}
    </div>`
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
    const profile = this.profile!
    return html`<section part="base" aria-label=${this.t('chat.title', { name: this.#teamName() })}>
      ${renderChatHeader(this.profile, {
        name: this.#teamName(),
        compact: this.compact,
        // Inside a launcher, its title bar carries the logo.
        logo: this.compact ? nothing : this.#brand.logo(this.#teamName()),
        t: (key, params) => this.t(key, params),
      })}
      ${this.#flow()}
      ${
        this.#needsPreChat()
          ? html`<parley-chat-form
              ask=${profile.preChat.ask}
              ?required=${profile.preChat.required}
              .submit=${async (details: VisitorDetails) => {
                await this.#tell(details)
                await this.#preChatDone()
              }}
              .skip=${() => this.#preChatDone()}
            ></parley-chat-form>`
          : html`<div class="typing" aria-live="polite">
                ${
                  this.teamTypingUntil > Date.now()
                    ? this.t('chat.typing', { name: this.#teamName() })
                    : ''
                }
              </div>
              <parley-composer
                upload-path="/v1/chat/attachments"
                placeholder=${this.t('chat.placeholder')}
                .client=${this.#client}
                @parley-compose=${(e: CustomEvent<Composed>) => this.#send(e.detail)}
                @parley-typing=${() => this.#announceTyping()}
              ></parley-composer>`
      }
    </section>`
  }

  /** For the host: whether this browser has chatted here before. */
  get returningVisitor() {
    return this.#known()
  }
}
