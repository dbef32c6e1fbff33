import { css, html, nothing } from 'lit'
import { property } from 'lit/decorators.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import { ParleyRetryRequestedEvent } from '../events/index.js'
import { localeFor } from '../localize.js'
import './conversation.locales.js'
import { attachmentStyles, renderAttachments } from './attachments.js'
import type { Message } from './types.js'

/**
 * One message bubble of a conversation (the inbox's thread, the web chat): its text, attachments
 * and a status line (time, delivery, sending, or a retry after a failure). It renders into the
 * widget's shadow root, not a root of its own, so the widget's `bubble` part and styles reach it.
 * User content is rendered as text.
 *
 * @event parley-retry-requested - The user asked to send a failed message again.
 */
export class ParleyMessage extends ParleyElement {
  /** The message shown. */
  @property({ attribute: false }) message?: Message
  /** Written by the reader (styled as `bubble mine`). */
  @property({ type: Boolean }) mine = false
  /** Show the delivery status of the reader's own messages beside the time. */
  @property({ type: Boolean }) receipts = false
  /** Who wrote it, when the reader should be told (a teammate's reply or note). */
  @property() author?: string

  protected createRenderRoot() {
    return this
  }

  render() {
    const m = this.message
    if (!m) return nothing
    const kind = m.type === 'note' ? 'note' : this.mine ? 'mine' : ''
    const time = new Date(m.createdAt).toLocaleTimeString(localeFor(this), {
      hour: '2-digit',
      minute: '2-digit',
    })
    const receipt =
      this.mine && this.receipts ? ` · ${this.t(`conversation.message.${m.status}`)}` : ''
    return html`<div part="bubble ${kind}" class=${kind}>
      ${this.author ? html`<span part="author" class="author">${this.author}</span>` : nothing}${
        m.deletedAt
          ? html`<span class="body"><em>${this.t('conversation.deleted')}</em></span>`
          : html`${m.body ? html`<span class="body">${m.body}</span>` : nothing}
            ${renderAttachments(m.attachments, localeFor(this))}`
      }<span class="status"
        >${
          m.localState === 'failed'
            ? html`<button
                class="failed"
                @click=${() => this.emit(new ParleyRetryRequestedEvent())}
              >
                ${this.t('conversation.retry')}
              </button>`
            : m.localState === 'sending'
              ? this.t('conversation.sending')
              : `${time}${receipt}`
        }</span
      >
    </div>`
  }
}

/** What a widget showing `<parley-message>` adds to its styles: attachments, and no box of its own. */
export const messageStyles = [
  attachmentStyles,
  css`
    parley-message {
      display: contents;
    }
  `,
]

define('parley-message', ParleyMessage)

declare global {
  interface HTMLElementTagNameMap {
    'parley-message': ParleyMessage
  }
}
