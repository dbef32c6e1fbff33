import { html, css, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles, stackedTableStyles, pageHead } from '../console-element.js'
import { pageStyles, tableStyles } from '../page-styles.js'
import { baseStyles } from '../../kit/styles.js'
import { localeFor } from '../../kit/localize.js'
import { consoleFetch } from '../api.js'
import type { MessageKey } from '../../kit/localize.js'

export interface AuditEvent {
  id: string
  action: string
  workspaceId: string | null
  actor: { type: string; id: string | null }
  target: { type: string; id: string | null } | null
  data: Record<string, unknown> | null
  requestId: string | null
  createdAt: string
}

/** Families of actions the server filters by (`?action=<kind>.*`). */
export const AUDIT_KINDS = [
  'key',
  'domain',
  'tenant',
  'theme',
  'provider',
  'console_user',
  'workspace',
  'member',
  'whatsapp',
  'session_policy',
] as const
type AuditKind = (typeof AUDIT_KINDS)[number]

/** The next UTC day of a `yyyy-mm-dd` date, so `to` takes in the whole day chosen. */
const dayAfter = (date: string) => {
  const next = new Date(`${date}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString()
}

/**
 * The audit log (GET /v1/audit-events), newest first, a page at a time. The kind of action and
 * the days (UTC) are filtered by the server, so older pages keep them; the text filter narrows
 * what is loaded, by action, actor or target.
 */
@customElement('console-audit')
export class ConsoleAudit extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    pageStyles,
    tableStyles,
    css`
      :host {
        max-width: 1100px;
      }
      .card {
        overflow-x: auto;
      }
      .field {
        max-width: 360px;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-3, 12px);
      }
      .filters .field {
        flex: 1 1 160px;
      }
      th,
      td {
        vertical-align: top;
      }
      th {
        font-size: var(--parley-font-size-sm, 13px);
        color: var(--parley-color-on-surface-muted);
      }
      code {
        font-size: var(--parley-font-size-sm, 13px);
      }
    `,
    stackedTableStyles,
  ]

  @state() private events: AuditEvent[] = []
  @state() private cursor: string | null = null
  @state() private loaded = false
  @state() private busy = false
  @state() private filter = ''
  @state() private kind: AuditKind | '' = ''
  @state() private from = ''
  @state() private to = ''
  @state() private error = ''

  connectedCallback() {
    super.connectedCallback()
    void this.more()
  }

  /** The next page (the first when nothing is loaded). */
  async more() {
    this.busy = true
    try {
      const search = this.#query()
      const { data, nextCursor } = await consoleFetch<{
        data: AuditEvent[]
        nextCursor: string | null
      }>(`/v1/audit-events${search}`)
      // A filter changed while this page was on its way: its answer is for the old one.
      if (search !== this.#query()) return
      this.events = [...this.events, ...data]
      this.cursor = nextCursor
      this.error = ''
    } catch (error) {
      this.error = this.loadFailedText(error)
    } finally {
      this.busy = false
      this.loaded = true
    }
  }

  /** The query the current filters and cursor ask for (to drop answers to older ones). */
  #query() {
    const query = new URLSearchParams()
    if (this.kind) query.set('action', `${this.kind}.*`)
    if (this.from) query.set('from', `${this.from}T00:00:00.000Z`)
    if (this.to) query.set('to', dayAfter(this.to))
    if (this.cursor) query.set('cursor', this.cursor)
    return query.size ? `?${query}` : ''
  }

  /** A server-side filter changed: start again from the newest entry. */
  #refilter(change: { kind?: AuditKind | ''; from?: string; to?: string }) {
    Object.assign(this, change)
    this.events = []
    this.cursor = null
    this.loaded = false
    void this.more()
  }

  get #shown() {
    const needle = this.filter.trim().toLowerCase()
    if (!needle) return this.events
    return this.events.filter((e) =>
      [e.action, e.actor.type, e.actor.id, e.target?.type, e.target?.id].some((v) =>
        v?.toLowerCase().includes(needle)
      )
    )
  }

  render() {
    const shown = this.#shown
    const time = new Intl.DateTimeFormat(localeFor(), { dateStyle: 'medium', timeStyle: 'medium' })
    return html`
      ${pageHead(this.t('console.audit.title'), this.t('console.audit.intro'))}
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      <section class="card" aria-labelledby="events-title">
        <h2 id="events-title" class="visually-hidden">${this.t('console.audit.title')}</h2>
        <div class="filters">
          <div class="field">
            <label for="kind">${this.t('console.audit.kind')}</label>
            <select
              id="kind"
              @change=${(e: Event) =>
                this.#refilter({ kind: (e.target as HTMLSelectElement).value as AuditKind | '' })}
            >
              <option value="" ?selected=${!this.kind}>${this.t('console.audit.kind.all')}</option>
              ${AUDIT_KINDS.map(
                (kind) =>
                  html`<option value=${kind} ?selected=${this.kind === kind}>
                    ${this.t(`console.audit.kind.${kind}` as MessageKey)}
                  </option>`
              )}
            </select>
          </div>
          <div class="field">
            <label for="from">${this.t('console.audit.from')}</label>
            <input
              id="from"
              type="date"
              .value=${this.from}
              max=${this.to || nothing}
              @change=${(e: Event) => this.#refilter({ from: (e.target as HTMLInputElement).value })}
            />
          </div>
          <div class="field">
            <label for="to">${this.t('console.audit.to')}</label>
            <input
              id="to"
              type="date"
              .value=${this.to}
              min=${this.from || nothing}
              @change=${(e: Event) => this.#refilter({ to: (e.target as HTMLInputElement).value })}
            />
          </div>
        </div>
        <p class="hint">${this.t('console.audit.utc')}</p>
        <div class="field">
          <label for="filter">${this.t('console.audit.filter')}</label>
          <input
            id="filter"
            type="search"
            autocomplete="off"
            .value=${this.filter}
            aria-describedby="filter-hint"
            @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
          />
          <p class="hint" id="filter-hint" aria-live="polite">
            ${this.t('console.audit.shown', { shown: shown.length, loaded: this.events.length })}
          </p>
        </div>
        ${
          !this.loaded
            ? this.loadingStatus()
            : shown.length
              ? html`<table>
                  <thead>
                    <tr>
                      <th scope="col">${this.t('console.audit.when')}</th>
                      <th scope="col">${this.t('console.audit.action')}</th>
                      <th scope="col">${this.t('console.audit.actor')}</th>
                      <th scope="col">${this.t('console.audit.target')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${shown.map(
                      (e) =>
                        html`<tr data-event=${e.id}>
                          <td>
                            <time datetime=${e.createdAt}
                              >${time.format(new Date(e.createdAt))}</time
                            >
                          </td>
                          <td><code>${e.action}</code></td>
                          <td>
                            ${e.actor.type}${e.actor.id ? html` <code>${e.actor.id}</code>` : nothing}
                          </td>
                          <td>
                            ${e.target ? html`${e.target.type} <code>${e.target.id}</code>` : '—'}
                          </td>
                        </tr>`
                    )}
                  </tbody>
                </table>`
              : html`<p class="hint">${this.t('console.audit.empty')}</p>`
        }
        ${
          this.cursor
            ? html`<div>
                <button class="button" id="more" ?disabled=${this.busy} @click=${() => this.more()}>
                  ${this.t('console.audit.more')}
                </button>
              </div>`
            : nothing
        }
      </section>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-audit': ConsoleAudit
  }
}
