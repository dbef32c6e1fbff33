import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console/console-element.js'
import { baseStyles } from '../kit/styles.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import '../kit/controls/select.js'
import { adminApi, FEATURES, TENANT_STATUSES, type TenantSummary } from './api.js'
import './admin.locales.js'
import { adminPageStyles, stackedListStyles } from './admin-styles.js'
import { formats } from './format.js'
import { tenantStatus, usageLines } from './tenant-bits.js'

/** How long typing rests before the list is asked again. */
const SEARCH_DELAY_MS = 300

/**
 * Tenants (GET /v1/admin/tenants): search by name or id, filter by status, newest first, more
 * pages by cursor. A table at desktop width, a stacked list on phones.
 */
@customElement('admin-tenants')
export class AdminTenants extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    adminPageStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-3, 12px);
        align-items: end;
      }
      .filters .field {
        flex: 1 1 240px;
      }
      parley-select {
        flex: 0 1 200px;
        --parley-control-height: 40px;
      }
      td.name a {
        font-weight: var(--parley-font-weight-strong, 600);
      }
      .usage {
        margin: 0;
        padding: 0;
        list-style: none;
        font-size: var(--parley-font-size-sm, 13px);
      }
      .more {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-3, 12px);
        align-items: center;
      }
      @media (max-width: 700px) {
        .usage {
          display: inline;
        }
        .usage li {
          display: inline;
        }
        .usage li + li::before {
          content: ' · ';
        }
        td.name {
          font-size: var(--parley-font-size-lg, 16px);
        }
      }
    `,
    stackedListStyles,
  ]

  /** Where the admin lives (links to a tenant are under it). */
  @property() base = '/admin'
  @state() tenants: TenantSummary[] = []
  @state() private nextCursor: string | null = null
  @state() private loaded = false
  @state() private loading = false
  @state() private error = ''
  @state() private q = ''
  @state() private status = ''

  #timer?: ReturnType<typeof setTimeout>
  #request?: AbortController

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.#timer)
    this.#request?.abort()
  }

  /** Loads the first page for the current search (or the next page, `more`). */
  async load(more = false) {
    this.#request?.abort()
    const request = (this.#request = new AbortController())
    this.loading = true
    this.error = ''
    try {
      const page = await adminApi.tenants(
        {
          q: this.q.trim() || undefined,
          status: this.status || undefined,
          cursor: more ? (this.nextCursor ?? undefined) : undefined,
        },
        request.signal
      )
      this.tenants = more ? [...this.tenants, ...page.data] : page.data
      this.nextCursor = page.nextCursor
      this.loaded = true
    } catch (error) {
      if ((error as Error).name === 'AbortError') return
      this.error = this.loadFailedText(error)
    } finally {
      if (this.#request === request) this.loading = false
    }
  }

  render() {
    const filtered = Boolean(this.q.trim() || this.status)
    return html`
      <div class="head">
        <div>
          <h1>${this.t('admin.tenants.title')}</h1>
          <p class="hint">${this.t('admin.tenants.intro')}</p>
        </div>
        <a class="button primary" href="${this.base}/tenants/new" id="new">
          ${this.t('admin.tenants.new')}
        </a>
      </div>
      <section class="card" aria-labelledby="list-title">
        <h2 id="list-title" class="visually-hidden">${this.t('admin.tenants.list')}</h2>
        <form class="filters" role="search" @submit=${this.#submit}>
          <div class="field">
            <label for="q">${this.t('admin.tenants.search')}</label>
            <input
              id="q"
              type="search"
              name="q"
              autocomplete="off"
              placeholder=${this.t('admin.tenants.searchHint')}
              .value=${this.q}
              @input=${this.#typed}
            />
          </div>
          <parley-select
            id="status"
            label=${this.t('admin.tenants.status')}
            .value=${this.status}
            .options=${[
              { value: '', label: this.t('admin.tenants.all') },
              ...TENANT_STATUSES.map((s) => ({ value: s, label: this.t(`admin.status.${s}`) })),
            ]}
            @change=${this.#statusChanged}
          ></parley-select>
        </form>
        ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
        ${this.loaded ? this.#table(filtered) : this.loadingStatus()}
      </section>
    `
  }

  #table(filtered: boolean) {
    if (!this.tenants.length)
      return html`<p class="hint" role="status">
        ${filtered ? this.t('admin.tenants.empty') : this.t('admin.tenants.none')}
      </p>`
    const f = formats()
    const label = {
      workspaces: this.t('admin.tenants.workspaces'),
      origins: this.t('admin.tenants.origins'),
      usage: this.t('admin.tenants.usage'),
      created: this.t('admin.tenants.created'),
    }
    return html`
      <table class="stack" id="tenants">
        <thead>
          <tr>
            <th scope="col">${this.t('admin.tenants.name')}</th>
            <th scope="col">${this.t('admin.tenants.status')}</th>
            <th scope="col" class="number">${label.workspaces}</th>
            <th scope="col" class="number">${label.origins}</th>
            <th scope="col">${label.usage}</th>
            <th scope="col">${label.created}</th>
          </tr>
        </thead>
        <tbody>
          ${this.tenants.map(
            (tenant) =>
              html`<tr data-id=${tenant.id}>
                <td class="name">
                  <a href="${this.base}/tenants/${encodeURIComponent(tenant.id)}">${tenant.name}</a>
                </td>
                <td>${tenantStatus(this.t.bind(this), tenant.status)}</td>
                <td class="number" data-label=${label.workspaces}>
                  ${f.number(tenant.workspacesCount)}
                </td>
                <td class="number" data-label=${label.origins}>${f.number(tenant.originsCount)}</td>
                <td data-label=${label.usage}>
                  <ul class="usage">
                    ${usageLines(this.t.bind(this), f, tenant.usage, FEATURES).map(
                      (line) => html`<li>${line}</li>`
                    )}
                  </ul>
                </td>
                <td data-label=${label.created}>${f.date(tenant.createdAt)}</td>
              </tr>`
          )}
        </tbody>
      </table>
      <div class="more">
        ${
          this.nextCursor
            ? html`<button
                class="button"
                id="more"
                ?disabled=${this.loading}
                @click=${() => this.load(true)}
              >
                ${this.t('admin.tenants.more')}
              </button>`
            : nothing
        }
        <p class="hint" role="status" id="count">
          ${
            this.nextCursor
              ? this.t('admin.tenants.shown', { count: f.number(this.tenants.length) })
              : this.t('admin.tenants.allShown', { count: f.number(this.tenants.length) })
          }
        </p>
      </div>
    `
  }

  #typed = (event: InputEvent) => {
    this.q = (event.target as HTMLInputElement).value
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.load(), SEARCH_DELAY_MS)
  }

  #submit = (event: SubmitEvent) => {
    event.preventDefault()
    clearTimeout(this.#timer)
    void this.load()
  }

  #statusChanged = (event: SelectChangeEvent) => {
    this.status = event.detail.value
    void this.load()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-tenants': AdminTenants
  }
}
