import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { localStore } from '../kit/shared/local-store.js'
import type { Message } from '../kit/conversation/types.js'
import type { Clock } from './clock.js'

/** What the controller reads of the chat each time it renders. */
export interface EmailCaptureInput {
  /** The workspace's delay; null: never ask. */
  delaySeconds: number | null | undefined
  emailKnown: boolean
  conversationId: string | null
  ended: boolean
  messages: Message[]
  /** When this page saw a message arrive (its own clock); undefined for older ones. */
  arrivedAt: (id: string) => number | undefined
  clock: Clock
}

/**
 * "Leave your email and we'll reply there": shown in the flow once the workspace's delay has
 * passed since the visitor's first message that the team has not answered. Never when the email
 * is known or the conversation ended; once per conversation, even across visits.
 */
export class EmailCaptureController implements ReactiveController {
  state: 'none' | 'shown' | 'saved' = 'none'
  #timer?: { at: number; handle: unknown }
  #clock?: Clock

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly input: () => EmailCaptureInput
  ) {
    host.addController(this)
  }

  hostUpdate() {
    // The team answered while the prompt showed: it has done its work.
    const { messages } = this.input()
    if (this.state === 'shown' && messages.at(-1)?.direction === 'outbound') this.state = 'none'
  }

  hostUpdated() {
    this.#schedule()
  }

  hostDisconnected() {
    this.#clear()
  }

  /** The visitor left their email (or said no): the prompt's work is done. */
  finish(state: 'none' | 'saved') {
    this.state = state
    this.host.requestUpdate()
  }

  /** A new conversation starts with nothing asked yet. */
  reset() {
    this.state = 'none'
  }

  #key(conversationId: string) {
    return `parley:chat-email-asked:${conversationId}`
  }

  #dueAt(): number | null {
    const input = this.input()
    const { delaySeconds, conversationId } = input
    if (delaySeconds === null || delaySeconds === undefined) return null
    if (input.emailKnown || !conversationId || input.ended || this.state !== 'none') return null
    if (localStore.get(this.#key(conversationId)) !== null) return null
    let waiting: Message | undefined
    for (const m of input.messages) {
      if (m.direction === 'outbound') waiting = undefined
      else if (m.direction === 'inbound' && !m.localState) waiting ??= m
    }
    if (!waiting) return null
    return (input.arrivedAt(waiting.id) ?? Date.parse(waiting.createdAt)) + delaySeconds * 1000
  }

  #schedule() {
    const { clock, conversationId } = this.input()
    const at = this.#dueAt()
    if (this.#timer?.at === at && this.#clock === clock) return
    this.#clear()
    if (at === null) return
    if (clock.now() >= at) {
      this.state = 'shown'
      localStore.set(this.#key(conversationId!), '1')
      this.host.requestUpdate()
      return
    }
    this.#clock = clock
    this.#timer = {
      at,
      handle: clock.setTimeout(() => {
        this.#timer = undefined
        this.#schedule()
      }, at - clock.now()),
    }
  }

  #clear() {
    if (this.#timer) this.#clock?.clearTimeout(this.#timer.handle)
    this.#timer = undefined
  }
}
