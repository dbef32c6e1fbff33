import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api, realtime } from '../kit/runtime.js'
import type { ParleyEvent } from '../kit/realtime/realtime.js'
import type { Composed, Me, Message, Page } from './inbox.types.js'

const TYPING_SHOWN_MS = 4000

/** What the controller needs of the inbox it serves. */
export interface ThreadHost extends ReactiveControllerHost {
  me?: Me
  fail(error: unknown): void
  /** Whether the reader is at the end of the thread (so a new message scrolls into view). */
  atEnd(): boolean
  scrollToEnd(): void
  /** Keeps what the reader is looking at in place while earlier messages are added above. */
  keepPosition(): () => void
}

/**
 * The open conversation's messages: the latest page and earlier ones on demand, its channel's
 * live events (messages, edits, typing, read receipts), read marks, typing notices, and sending
 * with a local copy that shows at once and a retry under the same idempotency key.
 */
export class ThreadController implements ReactiveController {
  selected?: string
  messages: Message[] = []
  earlierCursor: string | null = null
  typing?: { until: number; visitor: boolean }
  #unsubscribe?: () => Promise<void>
  #readTimer?: ReturnType<typeof setTimeout>

  constructor(private host: ThreadHost) {
    host.addController(this)
  }

  hostDisconnected() {
    void this.#unsubscribe?.()
  }

  #update(patch: Partial<Pick<ThreadController, 'messages' | 'earlierCursor' | 'typing'>>) {
    Object.assign(this, patch)
    this.host.requestUpdate()
  }

  /** Shows no conversation. */
  close() {
    this.selected = undefined
    this.host.requestUpdate()
  }

  /** Opens conversation `id`; `before` runs once it is selected (the list makes sure it is there). */
  async open(id: string, before: () => Promise<void>, read: () => void) {
    if (this.selected === id) return
    await this.#unsubscribe?.()
    this.selected = id
    this.#update({ messages: [], earlierCursor: null, typing: undefined })
    try {
      await before()
      const page = await api().request<Page<Message>>(`/v1/conversations/${id}/messages`, {
        query: { limit: 50 },
      })
      if (this.selected !== id) return
      this.#update({ messages: page.data.reverse(), earlierCursor: page.nextCursor })
      const me = this.host.me!
      void realtime()
        .then((client) =>
          client.subscribe(
            `tenants/${me.tenant.id}/workspaces/${me.workspaceId}/conversations/${id}`,
            (event) => this.#onEvent(id, event)
          )
        )
        .then((unsubscribe) => {
          // Another conversation opened, or the inbox removed, while subscribing: let go.
          if (this.selected !== id || !(this.host as unknown as Element).isConnected)
            return void unsubscribe()
          this.#unsubscribe = unsubscribe
        })
        .catch((error) => this.host.fail(error))
      this.#markRead()
      read()
      await this.host.updateComplete
      this.host.scrollToEnd()
    } catch (error) {
      this.host.fail(error)
    }
  }

  async loadEarlier() {
    const id = this.selected
    if (!id || !this.earlierCursor) return
    const restore = this.host.keepPosition()
    try {
      const page = await api().request<Page<Message>>(`/v1/conversations/${id}/messages`, {
        query: { limit: 50, cursor: this.earlierCursor },
      })
      if (this.selected !== id) return
      this.#update({
        messages: [...page.data.reverse(), ...this.messages],
        earlierCursor: page.nextCursor,
      })
      await this.host.updateComplete
      restore()
    } catch (error) {
      this.host.fail(error)
    }
  }

  #onEvent(id: string, event: ParleyEvent) {
    if (id !== this.selected) return
    const me = this.host.me
    if (event.type === 'message.created') {
      const message = event.data as Message
      if (this.messages.some((m) => m.id === message.id)) return
      const atEnd = this.host.atEnd()
      this.#update({ messages: [...this.messages, message], typing: undefined })
      if (message.authorMemberId !== me?.member.id) this.#markRead()
      if (atEnd) void this.host.updateComplete.then(() => this.host.scrollToEnd())
    } else if (event.type === 'message.updated') {
      const message = event.data as Message
      this.#update({ messages: this.messages.map((m) => (m.id === message.id ? message : m)) })
    } else if (event.type === 'typing') {
      const data = event.data as { memberId?: string; contactId?: string; at: string }
      const fresh = Date.now() - Date.parse(data.at) < TYPING_SHOWN_MS
      if (data.memberId !== me?.member.id && fresh) {
        this.#update({
          typing: { until: Date.now() + TYPING_SHOWN_MS, visitor: Boolean(data.contactId) },
        })
        setTimeout(() => {
          if (this.typing && this.typing.until <= Date.now()) this.#update({ typing: undefined })
        }, TYPING_SHOWN_MS + 50)
      }
    } else if (event.type === 'read') {
      // The contact read our replies (web chat read receipts).
      const data = event.data as { contactId?: string; upTo: string }
      if (!data.contactId) return
      this.#update({
        messages: this.messages.map((m) =>
          m.direction === 'outbound' &&
          m.id <= data.upTo &&
          (m.status === 'sent' || m.status === 'delivered')
            ? { ...m, status: 'read' }
            : m
        ),
      })
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

  async send(composed: Composed, idempotencyKey: string = crypto.randomUUID()) {
    const id = this.selected
    if (!id) return
    const local: Message = {
      id: `local-${idempotencyKey}`,
      conversationId: id,
      body: composed.body,
      type: composed.type,
      direction: composed.type === 'note' ? 'internal' : 'outbound',
      authorMemberId: this.host.me!.member.id,
      status: 'pending',
      createdAt: new Date().toISOString(),
      attachments: composed.attachments,
      localState: 'sending',
      idempotencyKey,
      composed,
    }
    this.#update({ messages: [...this.messages.filter((m) => m.id !== local.id), local] })
    void this.host.updateComplete.then(() => this.host.scrollToEnd())
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
      this.#update({
        messages: withoutLocal.some((m) => m.id === sent.id)
          ? withoutLocal
          : [...withoutLocal, sent],
      })
    } catch (error) {
      this.#update({
        messages: this.messages.map((m) =>
          m.id === local.id ? { ...m, localState: 'failed' } : m
        ),
      })
      this.host.fail(error)
    }
  }

  /** Tells the others in the conversation that this member is typing. */
  announceTyping() {
    if (!this.selected) return
    void api()
      .request(`/v1/conversations/${this.selected}/typing`, { method: 'POST' })
      .catch(() => {})
  }
}
