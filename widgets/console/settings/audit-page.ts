import { html, css, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles, stackedTableStyles, pageHead } from '../console-element.js'
import { pageStyles, tableStyles } from '../page-styles.js'
import { baseStyles } from '../../kit/styles.js'
import { localeFor } from '../../kit/localize.js'
import { consoleFetch } from '../api.js'

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

/**
 * The audit log (GET /v1/audit-events?cursor=), newest first, a page at a time. The API has no
 * filters yet: the filter narrows the entries loaded so far, by action, actor or target.
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
  @state() private error = ''

  connectedCallback() {
    super.connectedCallback()
    void this.more()
  }

  /** The next page (the first when nothing is loaded). */
  async more() {
    this.busy = true
    try {
      const query = this.cursor ? `?cursor=${encodeURIComponent(this.cursor)}` : ''
      const { data, nextCursor } = await consoleFetch<{
        data: AuditEvent[]
        nextCursor: string | null
      }>(`/v1/audit-events${query}`)
      this.events = [...this.events, ...data]
      this.cursor = nextCursor
    } catch (error) {
      this.error = this.loadFailedText(error)
    } finally {
      this.busy = false
      this.loaded = true
    }
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
