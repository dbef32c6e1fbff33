import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import {
  ConsoleElement,
  consoleStyles,
  stackedTableStyles,
  pageMessage,
  pageHead,
  type PageMessage,
} from '../console-element.js'
import { pageStyles, tableStyles } from '../page-styles.js'
import { baseStyles } from '../../kit/styles.js'
import { localeFor } from '../../kit/localize.js'
import { consoleFetch } from '../api.js'
import './settings-more.locales.js'

/** A workspace of GET /v1/workspaces (the fields this page reads). */
export interface Workspace {
  id: string
  externalId: string
  name: string | null
  status: 'active' | 'suspended'
  suspendedAt: string | null
  membersCount?: number
  createdAt: string
}

/** Roles that change workspaces. */
const MANAGERS = new Set(['owner', 'admin'])

/**
 * The tenant's workspaces (GET /v1/workspaces?q=&cursor=): search by name or the reseller's own
 * id, status in words, members, and suspend or resume (PATCH /v1/workspaces/:id { suspended })
 * after a confirmation in the row that says what it does. Older pages by cursor. Only owners and
 * admins see the actions.
 */
@customElement('console-workspaces')
export class ConsoleWorkspaces extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    pageStyles,
    tableStyles,
    css`
      :host {
        max-width: 1100px;
      }
      form {
        display: grid;
        gap: var(--parley-space-1, 4px);
        max-width: 420px;
      }
      th,
      td {
        vertical-align: middle;
      }
      td.number {
        font-variant-numeric: tabular-nums;
      }
      .badge {
        display: inline-block;
        padding: 2px var(--parley-space-2, 8px);
        border-radius: var(--parley-radius-pill, 999px);
        border: 1px solid var(--parley-color-border);
        font-size: var(--parley-font-size-sm, 13px);
      }
      .badge.suspended {
        border-color: var(--parley-color-danger);
        color: var(--parley-color-danger);
      }
      .confirm {
        display: grid;
        gap: var(--parley-space-2, 8px);
        max-width: 360px;
      }
      .row-actions {
        display: flex;
        gap: var(--parley-space-1, 4px);
        flex-wrap: wrap;
      }
    `,
    stackedTableStyles,
  ]

  /** The signed-in user's role: owners and admins suspend and resume; others read. */
  @property({ attribute: false }) userRole?: string
  @state() private workspaces: Workspace[] = []
  @state() private cursor: string | null = null
  @state() private query = ''
  @state() private loaded = false
  @state() private busy = false
  @state() private confirming?: string
  @state() private message?: PageMessage
  #searchTimer?: ReturnType<typeof setTimeout>
  #generation = 0

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.#searchTimer)
  }

  /** The first page for the current search, or (`more`) the next one. */
  async load(more = false) {
    // A newer search wins over an answer still on its way for an older one.
    const generation = more ? this.#generation : ++this.#generation
    const params = new URLSearchParams()
    if (this.query.trim()) params.set('q', this.query.trim())
    if (more && this.cursor) params.set('cursor', this.cursor)
    const qs = params.toString()
    this.busy = true
    try {
      const { data, nextCursor } = await consoleFetch<{
        data: Workspace[]
        nextCursor: string | null
      }>(`/v1/workspaces${qs ? `?${qs}` : ''}`)
      if (generation !== this.#generation) return
      this.workspaces = more ? [...this.workspaces, ...data] : data
      this.cursor = nextCursor
      if (!more) this.message = undefined
    } catch (error) {
      if (generation === this.#generation)
        this.message = { kind: 'error', text: this.loadFailedText(error) }
    } finally {
      if (generation === this.#generation) {
        this.busy = false
        this.loaded = true
      }
    }
  }

  get #canManage() {
    return MANAGERS.has(this.userRole ?? '')
  }

  #name(w: Workspace) {
    return w.name || w.externalId
  }

  #date(iso: string) {
    return new Intl.DateTimeFormat(localeFor(), { dateStyle: 'medium' }).format(new Date(iso))
  }

  render() {
    return html`
      ${pageHead(this.t('console.workspaces.title'), this.t('console.workspaces.intro'))}
      ${pageMessage(this.message)}
      ${
        this.#canManage || !this.userRole
          ? nothing
          : html`<p class="hint" id="read-only">${this.t('console.workspaces.readOnly')}</p>`
      }
      <section class="card" aria-labelledby="list-title">
        <h2 id="list-title" class="visually-hidden">${this.t('console.workspaces.title')}</h2>
        <form role="search" @submit=${this.#submit}>
          <label for="q">${this.t('console.workspaces.search')}</label>
          <input
            id="q"
            type="search"
            autocomplete="off"
            maxlength="200"
            .value=${this.query}
            aria-describedby="q-hint"
            @input=${this.#typed}
          />
          <p class="hint" id="q-hint" aria-live="polite">
            ${this.t('console.workspaces.searchHint')}
            ${
              this.loaded
                ? this.t('console.workspaces.shown', { count: this.workspaces.length })
                : nothing
            }
          </p>
        </form>
        ${this.#list()}
        ${
          this.cursor
            ? html`<div>
                <button
                  class="button"
                  id="more"
                  ?disabled=${this.busy}
                  @click=${() => this.load(true)}
                >
                  ${this.t('console.workspaces.more')}
                </button>
              </div>`
            : nothing
        }
      </section>
    `
  }

  #list() {
    if (!this.loaded) return this.loadingStatus()
    if (!this.workspaces.length)
      return html`<p class="hint" id="empty">
        ${
          this.query.trim()
            ? this.t('console.workspaces.noMatch', { q: this.query.trim() })
            : this.t('console.workspaces.empty')
        }
      </p>`
    const manage = this.#canManage
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${this.t('console.workspaces.name')}</th>
          <th scope="col">${this.t('console.workspaces.externalId')}</th>
          <th scope="col">${this.t('console.workspaces.status')}</th>
          <th scope="col">${this.t('console.workspaces.members')}</th>
          <th scope="col">${this.t('console.workspaces.created')}</th>
          ${
            manage
              ? html`<th scope="col">
                  <span class="visually-hidden">${this.t('console.workspaces.actions')}</span>
                </th>`
              : nothing
          }
        </tr>
      </thead>
      <tbody>
        ${this.workspaces.map((w) => this.#row(w, manage))}
      </tbody>
    </table>`
  }

  #row(w: Workspace, manage: boolean) {
    const suspended = w.status === 'suspended'
    return html`<tr data-workspace=${w.id}>
      <td data-label=${this.t('console.workspaces.name')}>${this.#name(w)}</td>
      <td data-label=${this.t('console.workspaces.externalId')}><code>${w.externalId}</code></td>
      <td data-label=${this.t('console.workspaces.status')}>
        <span class="badge ${w.status}">
          ${
            suspended
              ? w.suspendedAt
                ? this.t('console.workspaces.suspendedSince', { date: this.#date(w.suspendedAt) })
                : this.t('console.workspaces.suspended')
              : this.t('console.workspaces.active')
          }
        </span>
      </td>
      <td class="number" data-label=${this.t('console.workspaces.members')}>
        ${w.membersCount === undefined ? '—' : new Intl.NumberFormat(localeFor()).format(w.membersCount)}
      </td>
      <td data-label=${this.t('console.workspaces.created')}>${this.#date(w.createdAt)}</td>
      ${manage ? html`<td>${this.#action(w)}</td>` : nothing}
    </tr>`
  }

  #action(w: Workspace) {
    const name = this.#name(w)
    const suspend = w.status === 'active'
    if (this.confirming === w.id)
      return html`<div class="confirm" role="group" aria-labelledby="confirm-${w.id}">
        <p id="confirm-${w.id}">
          ${this.t(
            suspend ? 'console.workspaces.confirmSuspend' : 'console.workspaces.confirmResume',
            { name }
          )}
        </p>
        <span class="row-actions">
          <button
            class="button primary"
            type="button"
            data-confirm=${w.id}
            ?disabled=${this.busy}
            @click=${() => this.#setSuspended(w, suspend)}
          >
            ${this.t(suspend ? 'console.workspaces.suspend' : 'console.workspaces.resume')}
          </button>
          <button class="button" type="button" @click=${() => this.#cancel(w.id)}>
            ${this.t('console.workspaces.cancel')}
          </button>
        </span>
      </div>`
    return html`<button
      class="button"
      type="button"
      data-toggle=${w.id}
      aria-label=${this.t(
        suspend ? 'console.workspaces.suspendLabel' : 'console.workspaces.resumeLabel',
        { name }
      )}
      @click=${() => this.#ask(w.id)}
    >
      ${this.t(suspend ? 'console.workspaces.suspend' : 'console.workspaces.resume')}
    </button>`
  }

  #typed = (event: Event) => {
    this.query = (event.target as HTMLInputElement).value
    clearTimeout(this.#searchTimer)
    this.#searchTimer = setTimeout(() => void this.load(), 300)
  }

  #submit = (event: SubmitEvent) => {
    event.preventDefault()
    clearTimeout(this.#searchTimer)
    void this.load()
  }

  async #ask(id: string) {
    this.confirming = id
    await this.focusWhenDrawn(`[data-confirm="${id}"]`)
  }

  async #cancel(id: string) {
    this.confirming = undefined
    await this.focusWhenDrawn(`[data-toggle="${id}"]`)
  }

  async #setSuspended(w: Workspace, suspended: boolean) {
    this.busy = true
    try {
      const updated = await consoleFetch<Workspace>(`/v1/workspaces/${encodeURIComponent(w.id)}`, {
        method: 'PATCH',
        body: { suspended },
      })
      this.workspaces = this.workspaces.map((x) =>
        x.id === w.id ? { ...x, status: updated.status, suspendedAt: updated.suspendedAt } : x
      )
      this.message = {
        kind: 'ok',
        text: this.t(
          suspended ? 'console.workspaces.suspendedDone' : 'console.workspaces.resumedDone',
          { name: this.#name(w) }
        ),
      }
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = false
      await this.#cancel(w.id)
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-workspaces': ConsoleWorkspaces
  }
}
