import { html, nothing } from 'lit'
import { property, query } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { localeFor } from '../kit/localize.js'
import { define } from '../kit/define.js'
import { api } from '../kit/runtime.js'
import '../kit/primitives/button.js'
import '../kit/conversation/composer.component.js'
import '../kit/conversation/message.js'
import './inbox.locales.js'
import { contactLabel } from './row-text.js'
import type { ThreadController } from './thread-controller.js'
import type { ConversationPatch } from './panel.component.js'
import type { Composed, Conversation, Me, Member, Message } from './inbox.types.js'

/** Messages grouped under a day heading: "Today", "Yesterday" or the date. */
function dayOf(iso: string) {
  return new Date(iso).toDateString()
}

/**
 * The open conversation of the inbox: its header (back, resolve or reopen, details), the messages
 * under day headings with earlier ones on demand, who is typing, and the composer for members who
 * may write. Part of `<parley-inbox>`: it renders into the inbox's shadow root, so the inbox's
 * `thread`, `messages` and `bubble` parts and styles reach it.
 *
 * @event thread-closed - The back button was pressed.
 * @event details-toggled - The details button was pressed.
 * @event conversation-changed - Resolve or reopen; `detail` is a `ConversationPatch`.
 */
export class ParleyThread extends ParleyElement {
  /** The thread's data and what changes it (sending, earlier messages, typing). */
  @property({ attribute: false }) source!: ThreadController
  /** The messages shown (the source's, passed so that a change renders). */
  @property({ attribute: false }) messages: Message[] = []
  /** Someone else is typing (the source's). */
  @property({ attribute: false }) typing?: { until: number; visitor: boolean }
  /** Earlier messages can be loaded (the source's cursor). */
  @property({ attribute: false }) earlier: string | null = null
  @property({ attribute: false }) conversation?: Conversation
  @property({ attribute: false }) me?: Me
  /** Members who can be @mentioned. */
  @property({ attribute: false }) members: Member[] = []
  /** The details panel is open beside the thread. */
  @property({ type: Boolean, attribute: 'panel-open' }) panelOpen = false

  @query('[part="messages"]') private pane?: HTMLElement

  protected createRenderRoot() {
    return this
  }

  /** Whether the reader is at (or near) the end of the messages. */
  atEnd() {
    const pane = this.pane
    return !pane || pane.scrollHeight - pane.scrollTop - pane.clientHeight < 80
  }

  scrollToEnd() {
    if (this.pane) this.pane.scrollTop = this.pane.scrollHeight
  }

  /** Remembers the distance from the end; the returned function scrolls back to it. */
  keepPosition() {
    const pane = this.pane
    const fromBottom = pane ? pane.scrollHeight - pane.scrollTop : 0
    return () => {
      if (pane) pane.scrollTop = pane.scrollHeight - fromBottom
    }
  }

  /** Waits for the message bubbles too, so that scrolling measures them. */
  protected async getUpdateComplete() {
    const done = await super.getUpdateComplete()
    await Promise.all([...this.querySelectorAll('parley-message')].map((m) => m.updateComplete))
    return done
  }

  #change(patch: ConversationPatch) {
    this.dispatchEvent(new CustomEvent('conversation-changed', { detail: patch }))
  }

  /**
   * Replies and notes sit on the team's side; a teammate's carry their name, so that nobody
   * mistakes them for the reader's own (or, on the left, for the customer's).
   */
  #authorOf(m: Message) {
    if (!m.authorMemberId || m.authorMemberId === this.me?.member.id) return undefined
    return this.members.find((member) => member.id === m.authorMemberId)?.name ?? undefined
  }

  #dayHeading(m: Message, today: string, yesterday: string) {
    const day = dayOf(m.createdAt)
    if (day === today) return this.t('inbox.today')
    if (day === yesterday) return this.t('inbox.yesterday')
    return new Date(m.createdAt).toLocaleDateString(localeFor(this))
  }

  render() {
    const conversation = this.conversation
    // Named as its row in the list is (a visitor by place and browser).
    const label = conversation ? contactLabel(conversation, (key, p) => this.t(key, p)) : ''
    let lastDay = ''
    const today = new Date().toDateString()
    const yesterday = new Date(Date.now() - 86_400_000).toDateString()
    const canWrite = this.me?.member.role !== 'viewer'
    const typing = this.typing && this.typing.until > Date.now() ? this.typing : undefined
    return html`<section part="thread" aria-label=${conversation ? label : this.t('inbox.title')}>
      <header>
        <parley-button
          class="back"
          variant="ghost"
          size="sm"
          label=${this.t('inbox.back')}
          @click=${() => this.dispatchEvent(new Event('thread-closed'))}
          >←</parley-button
        >
        <h2>${label}</h2>
        <span class="actions">
          ${
            canWrite
              ? conversation?.status === 'resolved'
                ? html`<parley-button
                    variant="secondary"
                    size="sm"
                    @click=${() => this.#change({ status: 'open' })}
                    >${this.t('inbox.reopen')}</parley-button
                  >`
                : html`<parley-button
                    variant="secondary"
                    size="sm"
                    @click=${() => this.#change({ status: 'resolved' })}
                    >${this.t('inbox.resolve')}</parley-button
                  >`
              : nothing
          }
          <parley-button
            class="details-toggle"
            variant="ghost"
            size="sm"
            expanded=${this.panelOpen ? 'true' : 'false'}
            @click=${() => this.dispatchEvent(new Event('details-toggled'))}
            >${this.t('inbox.details')}</parley-button
          >
        </span>
      </header>
      <div part="messages" role="log" aria-live="polite">
        ${
          this.earlier
            ? html`<parley-button
                class="earlier"
                variant="ghost"
                size="sm"
                @click=${() => this.source.loadEarlier()}
                >${this.t('inbox.earlier')}</parley-button
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
                    ${this.#dayHeading(m, today, yesterday)}
                  </div>`
                : nothing
            lastDay = day
            return html`${separator}
              <parley-message
                .message=${m}
                ?mine=${m.direction === 'outbound' || m.authorMemberId === this.me?.member.id}
                .author=${this.#authorOf(m)}
                receipts
                .locale=${this.locale}
                @parley-retry-requested=${(e: Event) => (e.stopPropagation(), this.source.send(m.composed!, m.idempotencyKey))}
              ></parley-message>`
          }
        )}
      </div>
      <div class="typing" aria-live="polite">
        ${typing ? this.t(typing.visitor ? 'inbox.visitorTyping' : 'inbox.typing') : ''}
      </div>
      ${
        canWrite
          ? html`<parley-composer
              notes
              canned
              .client=${api()}
              .members=${this.members.filter((m) => m.id !== this.me?.member.id)}
              @parley-compose=${(e: CustomEvent<Composed>) => this.source.send(e.detail)}
              @parley-typing=${() => this.source.announceTyping()}
            ></parley-composer>`
          : nothing
      }
    </section>`
  }
}

define('parley-thread', ParleyThread)

declare global {
  interface HTMLElementTagNameMap {
    'parley-thread': ParleyThread
  }
}
