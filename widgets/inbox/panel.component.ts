import { css, html, nothing } from 'lit'
import { property } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import '../kit/primitives/avatar.js'
import './inbox.locales.js'
import type { Conversation, Member, Message, Presence } from './inbox.types.js'

/** A change the panel asks for: the fields of PATCH /v1/conversations/:id. */
export type ConversationPatch = Partial<
  Pick<Conversation, 'status' | 'priority' | 'assigneeId' | 'tags' | 'snoozedUntil'>
>

const STATUSES = ['open', 'pending', 'resolved', 'closed'] as const
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const

/** When "snooze for…" wakes the conversation up. */
export function snoozeUntil(choice: 'hour' | 'tomorrow' | 'week', now = new Date()) {
  const at = new Date(now)
  if (choice === 'hour') at.setHours(at.getHours() + 1)
  else if (choice === 'week') at.setDate(at.getDate() + 7)
  else {
    at.setDate(at.getDate() + 1)
    at.setHours(9, 0, 0, 0)
  }
  return at.toISOString()
}

/**
 * The conversation's side panel: who it is with, who has it (with their presence), its status,
 * priority, snooze and tags, and the internal notes written in it. Changes are asked for with
 * `parley-conversation-change`; the inbox sends them and passes the result back.
 *
 * @event parley-conversation-change - `detail` is a `ConversationPatch`.
 * @csspart base - The panel (also `panel`).
 * @csspart panel - The panel.
 * @cssproperty --parley-inbox-note - Background of the internal notes listed.
 */
export class ParleyConversationPanel extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
        min-height: 0;
        overflow-y: auto;
        --_border: var(--parley-color-border, #d5dae3);
        --_muted: var(--parley-color-on-surface-muted, #586174);
      }
      [part~='panel'] {
        display: grid;
        gap: var(--parley-space-3, 12px);
        padding: var(--parley-space-3, 12px);
      }
      /* Written as the fields' labels are: sentence case, not capitals. */
      h3 {
        margin: 0 0 var(--parley-space-1, 4px);
        font-size: var(--parley-font-size-sm, 13px);
        font-weight: inherit;
        color: var(--_muted);
      }
      .contact {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: var(--parley-space-2, 8px);
        align-items: center;
        overflow-wrap: anywhere;
      }
      .contact small {
        display: block;
        color: var(--_muted);
      }
      label {
        display: grid;
        gap: var(--parley-space-1, 4px);
        font-size: var(--parley-font-size-sm, 13px);
        color: var(--_muted);
      }
      select,
      input {
        font: inherit;
        color: var(--parley-color-on-surface, #18202f);
        background: var(--parley-color-surface, #ffffff);
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-md, 8px);
        padding: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
      }
      .tags {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-1, 4px);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .tags li {
        display: inline-flex;
        align-items: center;
        gap: 2px;
        padding: 2px var(--parley-space-2, 8px);
        border-radius: 999px;
        background: var(--parley-color-surface-muted, #f2f4f8);
        font-size: var(--parley-font-size-sm, 13px);
      }
      .tags button {
        border: 0;
        background: none;
        color: inherit;
        cursor: pointer;
        padding: 0 2px;
      }
      .notes {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--parley-space-2, 8px);
      }
      .notes li {
        padding: var(--parley-space-2, 8px);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-inbox-note, var(--parley-color-warning, #f2b233));
        color: var(--parley-color-on-warning, #2a1e00);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: var(--parley-font-size-sm, 13px);
      }
      .muted {
        color: var(--_muted);
        font-size: var(--parley-font-size-sm, 13px);
      }
    `,
  ]

  @property({ attribute: false }) conversation?: Conversation
  @property({ attribute: false }) members: Member[] = []
  @property({ attribute: false }) presence: Presence[] = []
  /** The thread's notes, newest last. */
  @property({ attribute: false }) notes: Message[] = []
  /** Viewers see the panel but cannot change anything. */
  @property({ type: Boolean, attribute: 'read-only' }) readOnly = false

  #change(patch: ConversationPatch) {
    this.emit(
      new CustomEvent<ConversationPatch>('parley-conversation-change', {
        bubbles: true,
        composed: true,
        detail: patch,
      })
    )
  }

  #presenceOf(memberId: string) {
    return this.presence.find((p) => p.memberId === memberId)?.status ?? 'offline'
  }

  #addTag(input: HTMLInputElement) {
    const tag = input.value.trim().slice(0, 40)
    const tags = this.conversation?.tags ?? []
    input.value = ''
    if (!tag || tags.includes(tag)) return
    this.#change({ tags: [...tags, tag] })
  }

  render() {
    const c = this.conversation
    if (!c) return nothing
    const contact = c.contact
    const tags = c.tags ?? []
    const assignable = this.members.filter((m) => m.role !== 'viewer')
    return html`<div part="base panel">
      ${
        contact
          ? html`<section aria-label=${this.t('inbox.contact')}>
              <div class="contact">
                <parley-avatar
                  name=${contact.name ?? contact.email ?? contact.phone ?? '?'}
                ></parley-avatar>
                <div>
                  <strong
                    >${
                      contact.name ??
                      this.t(c.channel === 'web' ? 'inbox.webVisitor' : 'inbox.unknownContact')
                    }</strong
                  >
                  ${contact.email ? html`<small>${contact.email}</small>` : nothing}
                  ${contact.phone ? html`<small>${contact.phone}</small>` : nothing}
                </div>
              </div>
            </section>`
          : nothing
      }
      <label
        >${this.t('inbox.assignee')}
        <select
          ?disabled=${this.readOnly}
          @change=${(e: Event) =>
            this.#change({ assigneeId: (e.target as HTMLSelectElement).value || null })}
        >
          <option value="" ?selected=${!c.assigneeId}>${this.t('inbox.unassigned')}</option>
          ${assignable.map(
            (m) =>
              html`<option value=${m.id} ?selected=${m.id === c.assigneeId}>
                ${m.name ?? m.id} · ${this.t(`inbox.presence.${this.#presenceOf(m.id)}`)}
              </option>`
          )}
        </select>
      </label>
      <label
        >${this.t('inbox.statusLabel')}
        <select
          ?disabled=${this.readOnly}
          @change=${(e: Event) =>
            this.#change({
              status: (e.target as HTMLSelectElement).value as Conversation['status'],
            })}
        >
          ${[...STATUSES, ...(c.status === 'snoozed' ? (['snoozed'] as const) : [])].map(
            (s) =>
              html`<option value=${s} ?selected=${s === c.status}>
                ${this.t(`inbox.status.${s}`)}
              </option>`
          )}
        </select>
      </label>
      ${
        c.status === 'snoozed' && c.snoozedUntil
          ? html`<p class="muted">
              ${this.t('inbox.snoozedUntil', {
                time: new Date(c.snoozedUntil).toLocaleString(this.locale, {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })}
            </p>`
          : nothing
      }
      <label
        >${this.t('inbox.snooze')}
        <select
          ?disabled=${this.readOnly}
          @change=${(e: Event) => {
            const select = e.target as HTMLSelectElement
            const choice = select.value as 'hour' | 'tomorrow' | 'week'
            select.value = ''
            if (choice) this.#change({ snoozedUntil: snoozeUntil(choice) })
          }}
        >
          <option value="">—</option>
          <option value="hour">${this.t('inbox.snooze.hour')}</option>
          <option value="tomorrow">${this.t('inbox.snooze.tomorrow')}</option>
          <option value="week">${this.t('inbox.snooze.week')}</option>
        </select>
      </label>
      <label
        >${this.t('inbox.priorityLabel')}
        <select
          ?disabled=${this.readOnly}
          @change=${(e: Event) =>
            this.#change({
              priority: (e.target as HTMLSelectElement).value as Conversation['priority'],
            })}
        >
          ${PRIORITIES.map(
            (p) =>
              html`<option value=${p} ?selected=${p === c.priority}>
                ${this.t(`inbox.priority.${p}`)}
              </option>`
          )}
        </select>
      </label>
      <section aria-label=${this.t('inbox.tags')}>
        <h3>${this.t('inbox.tags')}</h3>
        <ul class="tags">
          ${tags.map(
            (tag) =>
              html`<li>
                ${tag}
                ${
                  this.readOnly
                    ? nothing
                    : html`<button
                        type="button"
                        aria-label=${this.t('inbox.removeTag', { tag })}
                        @click=${() => this.#change({ tags: tags.filter((t) => t !== tag) })}
                      >
                        ×
                      </button>`
                }
              </li>`
          )}
        </ul>
        ${
          this.readOnly
            ? nothing
            : html`<input
                aria-label=${this.t('inbox.addTag')}
                placeholder=${this.t('inbox.addTag')}
                maxlength="40"
                @keydown=${(e: KeyboardEvent) => {
                  if (e.key !== 'Enter') return
                  e.preventDefault()
                  this.#addTag(e.target as HTMLInputElement)
                }}
              />`
        }
      </section>
      <section aria-label=${this.t('inbox.notes')}>
        <h3>${this.t('inbox.notes')}</h3>
        ${
          this.notes.length
            ? html`<ul class="notes">
                ${this.notes.map((n) => html`<li>${n.body}</li>`)}
              </ul>`
            : html`<p class="muted">${this.t('inbox.noNotes')}</p>`
        }
      </section>
    </div>`
  }
}

define('parley-conversation-panel', ParleyConversationPanel)

declare global {
  interface HTMLElementTagNameMap {
    'parley-conversation-panel': ParleyConversationPanel
  }
}
