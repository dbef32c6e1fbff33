import { css, html, nothing, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { live } from 'lit/directives/live.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { localeFor } from '../kit/localize.js'
import '../kit/primitives/avatar.js'
import '../kit/controls/select.js'
import '../kit/controls/combobox.js'
import '../kit/controls/menu.js'
import '../kit/controls/date-time-picker.js'
import '../kit/controls/tag-input.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import type { ComboboxChangeEvent } from '../kit/controls/combobox.js'
import type { ParleyDateTimePicker, DateTimeChangeEvent } from '../kit/controls/date-time-picker.js'
import type { TagInputChangeEvent } from '../kit/controls/tag-input.js'
import type { ParleyItemSelectedEvent } from '../kit/events/index.js'
import './inbox.locales.js'
import type { Conversation, Member, Message, Presence } from './inbox.types.js'

/** A change the panel asks for: the fields of PATCH /v1/conversations/:id. */
export type ConversationPatch = Partial<
  Pick<Conversation, 'status' | 'priority' | 'assigneeId' | 'tags' | 'snoozedUntil'>
>

const STATUSES = ['open', 'pending', 'resolved', 'closed'] as const
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
const SNOOZES = ['hour', 'tomorrow', 'week'] as const
type SnoozeChoice = (typeof SNOOZES)[number]

/** A local time as the date-time picker writes it (`YYYY-MM-DDTHH:mm`). */
function localDateTime(at: Date) {
  const two = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`
}

/** When "snooze for…" wakes the conversation up. */
export function snoozeUntil(choice: SnoozeChoice, now = new Date()) {
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
 * @csspart opted-out - The "Opted out" chip of a contact campaigns skip.
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
        font-weight: var(--parley-font-weight-strong, 600);
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
      /* As the list's chips: campaigns skip this contact. */
      .chip {
        display: inline-block;
        margin-top: var(--parley-space-1, 4px);
        padding: 0 6px;
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-pill, 999px);
        font-size: var(--parley-font-size-xs, 11px);
        line-height: 16px;
        color: var(--_muted);
      }
      .snooze {
        display: grid;
        gap: var(--parley-space-2, 8px);
      }
      /* Status, and beside it the way to snooze (a status of its own, with a time). */
      .status-row {
        display: flex;
        gap: var(--parley-space-2, 8px);
        align-items: flex-end;
      }
      .status-row parley-select {
        flex: 1;
        min-width: 0;
      }
      .snooze .muted {
        margin: 0;
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
  /** The signed-in member's id: listed first among the assignees, marked "(you)". */
  @property({ attribute: false }) me?: string
  /** Tags used in the workspace, suggested while tagging. */
  @property({ attribute: false }) knownTags: string[] = []
  /** The thread's notes, newest last. */
  @property({ attribute: false }) notes: Message[] = []
  /** Viewers see the panel but cannot change anything. */
  @property({ type: Boolean, attribute: 'read-only' }) readOnly = false
  /** "Pick a date and time…" was chosen: the snooze picker shows. */
  @state() private picking = false
  @query('.snooze parley-date-time-picker') private picker?: ParleyDateTimePicker

  protected willUpdate(changed: PropertyValues<this>) {
    const before = changed.get('conversation')
    if (changed.has('conversation') && before?.id !== this.conversation?.id) this.picking = false
  }

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

  /** Unassigned, then the member themself, then the team by name. */
  #assignees() {
    const people = this.members
      .filter((m) => m.role !== 'viewer')
      .sort((a, b) =>
        a.id === this.me
          ? -1
          : b.id === this.me
            ? 1
            : (a.name ?? a.id).localeCompare(b.name ?? b.id, localeFor(this))
      )
    return [
      { value: '', label: this.t('inbox.unassigned') },
      ...people.map((m) => ({
        value: m.id,
        label: m.id === this.me ? this.t('inbox.you', { name: m.name ?? m.id }) : (m.name ?? m.id),
        avatar: m.avatarUrl ?? '',
        presence: this.#presenceOf(m.id),
      })),
    ]
  }

  async #snooze(event: ParleyItemSelectedEvent) {
    const choice = event.value
    if (choice && (SNOOZES as readonly string[]).includes(choice)) {
      this.#change({ snoozedUntil: snoozeUntil(choice as SnoozeChoice) })
      return
    }
    if (choice !== 'pick') return
    this.picking = true
    await this.updateComplete
    await this.picker?.show()
  }

  #snoozeAt(value: string) {
    const at = new Date(value)
    // An earlier time is refused by the picker (min) and would be by the server.
    if (!value || Number.isNaN(at.getTime()) || at <= new Date()) return
    this.picking = false
    this.#change({ snoozedUntil: at.toISOString() })
    // The picker goes: focus back on the menu that opened it, not the page.
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('parley-menu')?.focus()
    )
  }

  /** When a snooze choice wakes the conversation, shown beside it ("Tue 9:00"). */
  #when(choice: SnoozeChoice) {
    const at = new Date(snoozeUntil(choice))
    const options: Intl.DateTimeFormatOptions =
      choice === 'hour'
        ? { timeStyle: 'short' }
        : choice === 'tomorrow'
          ? { weekday: 'short', hour: 'numeric', minute: '2-digit' }
          : { weekday: 'short', day: 'numeric', month: 'short' }
    return at.toLocaleString(localeFor(this), options)
  }

  #tags(event: TagInputChangeEvent) {
    // The server takes up to 40 characters a tag, each once.
    const tags = [...new Set(event.detail.value.map((t) => t.trim().slice(0, 40)).filter(Boolean))]
    this.#change({ tags })
  }

  render() {
    const c = this.conversation
    if (!c) return nothing
    const contact = c.contact
    const tags = c.tags ?? []
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
                  ${
                    contact.optedOut
                      ? html`<span
                          part="opted-out"
                          class="chip"
                          title=${
                            contact.optedOutAt
                              ? this.t('inbox.optedOutSince', {
                                  date: new Date(contact.optedOutAt).toLocaleDateString(
                                    localeFor(this)
                                  ),
                                })
                              : nothing
                          }
                          >${this.t('inbox.optedOut')}</span
                        >`
                      : nothing
                  }
                </div>
              </div>
            </section>`
          : nothing
      }
      <parley-combobox
        class="assignee"
        label=${this.t('inbox.assignee')}
        ?disabled=${this.readOnly}
        .options=${this.#assignees()}
        .value=${live(c.assigneeId ?? '')}
        @change=${(e: ComboboxChangeEvent) => this.#change({ assigneeId: e.detail.value || null })}
      ></parley-combobox>
      <div class="snooze">
        <div class="status-row">
          <parley-select
            class="status"
            label=${this.t('inbox.statusLabel')}
            ?disabled=${this.readOnly}
            .options=${[...STATUSES, ...(c.status === 'snoozed' ? (['snoozed'] as const) : [])].map(
              (s) => ({ value: s, label: this.t(`inbox.status.${s}`) })
            )}
            .value=${live(c.status)}
            @change=${(e: SelectChangeEvent) =>
              this.#change({ status: e.detail.value as Conversation['status'] })}
          ></parley-select>
          ${
            this.readOnly
              ? nothing
              : html`<parley-menu
                  align="end"
                  label=${this.t('inbox.snooze')}
                  @parley-item-selected=${(e: ParleyItemSelectedEvent) => void this.#snooze(e)}
                >
                  ${SNOOZES.map(
                    (choice) =>
                      html`<parley-menu-item value=${choice}
                        >${this.t(`inbox.snooze.${choice}`)}<span slot="suffix"
                          >${this.#when(choice)}</span
                        ></parley-menu-item
                      >`
                  )}
                  <hr />
                  <parley-menu-item value="pick">${this.t('inbox.snooze.pick')}</parley-menu-item>
                </parley-menu>`
          }
        </div>
        ${
          c.status === 'snoozed' && c.snoozedUntil
            ? html`<p class="muted">
                ${this.t('inbox.snoozedUntil', {
                  time: new Date(c.snoozedUntil).toLocaleString(localeFor(this), {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  }),
                })}
              </p>`
            : nothing
        }
        ${
          this.picking && !this.readOnly
            ? html`<parley-date-time-picker
                label=${this.t('inbox.snoozeUntil')}
                type="datetime"
                minute-step="15"
                min=${localDateTime(new Date())}
                @change=${(e: DateTimeChangeEvent) => this.#snoozeAt(e.detail.value)}
              ></parley-date-time-picker>`
            : nothing
        }
      </div>
      <parley-select
        class="priority"
        label=${this.t('inbox.priorityLabel')}
        ?disabled=${this.readOnly}
        .options=${PRIORITIES.map((p) => ({ value: p, label: this.t(`inbox.priority.${p}`) }))}
        .value=${live(c.priority)}
        @change=${(e: SelectChangeEvent) =>
          this.#change({ priority: e.detail.value as Conversation['priority'] })}
      ></parley-select>
      <parley-tag-input
        class="tags"
        label=${this.t('inbox.tags')}
        placeholder=${this.t('inbox.addTag')}
        max="20"
        ?disabled=${this.readOnly}
        .value=${live(tags)}
        .suggestions=${this.knownTags}
        @change=${(e: TagInputChangeEvent) => this.#tags(e)}
      ></parley-tag-input>
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
