import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import {
  ConsoleElement,
  consoleStyles,
  pageMessage,
  pageHead,
  type PageMessage,
} from '../console-element.js'
import { pageStyles } from '../page-styles.js'
import { baseStyles } from '../../kit/styles.js'
import { localeFor, type MessageKey } from '../../kit/localize.js'
import { ConsoleApiError, consoleFetch } from '../api.js'

export interface CustomDomain {
  id: string
  hostname: string
  status: 'pending' | 'verified' | 'failed'
  verification: { type: 'TXT'; name: string; value: string }
  target: { type: 'CNAME'; value: string }
  checkedAt: string | null
  verifiedAt?: string | null
  error?: string | null
}

/**
 * Custom domains (/v1/domains): add a hostname, set the two DNS records shown (copyable), verify
 * now or let the periodic check do it; the failing reason is the server's, in words.
 */
@customElement('console-domains')
export class ConsoleDomains extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    pageStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: end;
      }
      .field {
        flex: 1 1 260px;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: center;
        justify-content: space-between;
      }
      .head h3 {
        overflow-wrap: anywhere;
      }
      .status {
        display: inline-block;
        padding: 2px var(--parley-space-2, 8px);
        border-radius: var(--parley-radius-pill, 999px);
        font-size: var(--parley-font-size-sm, 13px);
        font-weight: var(--parley-font-weight-strong, 600);
        border: 1px solid currentColor;
      }
      .status.verified {
        background: var(--parley-color-success);
        color: var(--parley-color-on-success);
      }
      .status.failed {
        background: var(--parley-color-danger);
        color: var(--parley-color-on-danger);
      }
      .status.pending {
        background: var(--parley-color-warning);
        color: var(--parley-color-on-warning);
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr) max-content;
        gap: var(--parley-space-1, 4px) var(--parley-space-3, 12px);
        align-items: center;
        margin: 0;
      }
      dt {
        font-size: var(--parley-font-size-sm, 13px);
        color: var(--parley-color-on-surface-muted);
      }
      dd {
        margin: 0;
      }
      .copy {
        min-height: 32px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
      }
      .reason {
        border-inline-start: 3px solid var(--parley-color-danger);
        padding-inline-start: var(--parley-space-2, 8px);
      }
      @media (max-width: 560px) {
        dl {
          grid-template-columns: minmax(0, 1fr) max-content;
        }
        dt {
          grid-column: 1 / -1;
        }
      }
    `,
  ]

  /** The signed-in user's role: `support` reads only. */
  @property({ attribute: false }) userRole?: string
  @state() private domains: CustomDomain[] = []
  @state() private loaded = false
  @state() private busy?: string
  @state() private confirming?: string
  @state() private copied?: string
  @state() private hostnameError = ''
  @state() private message?: PageMessage

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    try {
      const { data } = await consoleFetch<{ data: CustomDomain[] }>('/v1/domains')
      this.domains = data
    } catch (error) {
      this.message = {
        kind: 'error',
        text: this.loadFailedText(error),
      }
    } finally {
      this.loaded = true
    }
  }

  get #readOnly() {
    return this.userRole === 'support'
  }

  render() {
    return html`
      ${pageHead(this.t('console.domains.title'), this.t('console.domains.intro'))}
      ${pageMessage(this.message)}
      ${
        this.#readOnly
          ? nothing
          : html`<section class="card" aria-labelledby="add-title">
              <h2 id="add-title">${this.t('console.domains.add')}</h2>
              <form novalidate @submit=${this.#add}>
                <div class="field">
                  <label for="hostname">${this.t('console.domains.hostname')}</label>
                  <input
                    id="hostname"
                    name="hostname"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="widgets.example.com"
                    aria-invalid=${this.hostnameError ? 'true' : 'false'}
                    aria-describedby="hostname-hint"
                  />
                </div>
                <button class="button primary" type="submit" ?disabled=${this.busy === 'add'}>
                  ${this.t('console.domains.addButton')}
                </button>
              </form>
              <p class=${this.hostnameError ? 'error' : 'hint'} id="hostname-hint">
                ${this.hostnameError || this.t('console.domains.hostnameHint')}
              </p>
            </section>`
      }
      ${
        !this.loaded
          ? this.loadingStatus()
          : this.domains.length
            ? this.domains.map((domain) => this.#domain(domain))
            : html`<p class="hint card">${this.t('console.domains.empty')}</p>`
      }
    `
  }

  #date(iso: string | null | undefined) {
    return iso
      ? new Intl.DateTimeFormat(localeFor(), { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(iso)
        )
      : ''
  }

  #record(label: string, value: string, id: string) {
    return html`<dt>${label}</dt>
      <dd><code>${value}</code></dd>
      <dd>
        <button
          class="button copy"
          type="button"
          data-copy=${id}
          aria-label=${this.t('console.domains.copyLabel', { what: label })}
          @click=${() => this.#copy(value, id)}
        >
          ${this.copied === id ? this.t('console.keys.copied') : this.t('console.keys.copy')}
        </button>
      </dd>`
  }

  #domain(d: CustomDomain) {
    const statusKey = `console.domains.status.${d.status}` as MessageKey
    return html`<section class="card" aria-labelledby="domain-${d.id}" data-domain=${d.id}>
      <div class="head">
        <h3 id="domain-${d.id}">${d.hostname}</h3>
        <span class="status ${d.status}">${this.t(statusKey)}</span>
      </div>
      ${
        d.status === 'verified'
          ? html`<p>${this.t('console.domains.verifiedText', { hostname: d.hostname })}</p>`
          : html`<p>${this.t('console.domains.steps')}</p>`
      }
      <dl>
        ${this.#record(this.t('console.domains.txtName'), d.verification.name, `${d.id}-txt-name`)}
        ${this.#record(this.t('console.domains.txtValue'), d.verification.value, `${d.id}-txt-value`)}
        ${this.#record(this.t('console.domains.cnameName'), d.hostname, `${d.id}-cname-name`)}
        ${this.#record(this.t('console.domains.cnameValue'), d.target.value, `${d.id}-cname-value`)}
      </dl>
      ${d.error && d.status !== 'verified' ? html`<p class="reason" data-reason>${d.error}</p>` : nothing}
      <p class="hint">
        ${
          d.checkedAt
            ? this.t('console.domains.checkedAt', { date: this.#date(d.checkedAt) })
            : this.t('console.domains.notChecked')
        }
      </p>
      ${
        this.#readOnly
          ? nothing
          : html`<div class="actions">
              ${
                d.status === 'verified'
                  ? nothing
                  : html`<button
                      class="button primary"
                      type="button"
                      data-verify=${d.id}
                      ?disabled=${this.busy === d.id}
                      @click=${() => this.#verify(d)}
                    >
                      ${this.busy === d.id ? this.t('console.domains.checking') : this.t('console.domains.verify')}
                    </button>`
              }
              ${
                this.confirming === d.id
                  ? html`<button
                        class="button"
                        type="button"
                        data-confirm-remove=${d.id}
                        @click=${() => this.#remove(d)}
                      >
                        ${this.t('console.domains.confirmRemove')}
                      </button>
                      <button
                        class="button"
                        type="button"
                        @click=${() => (this.confirming = undefined)}
                      >
                        ${this.t('console.keys.cancel')}
                      </button>`
                  : html`<button
                      class="button"
                      type="button"
                      data-remove=${d.id}
                      aria-label=${this.t('console.domains.removeLabel', { hostname: d.hostname })}
                      @click=${() => this.#askRemove(d.id)}
                    >
                      ${this.t('console.origins.remove')}
                    </button>`
              }
            </div>`
      }
    </section>`
  }

  #add = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const hostname = String(new FormData(form).get('hostname') ?? '').trim()
    this.hostnameError = ''
    this.message = undefined
    if (!hostname) {
      this.hostnameError = this.t('console.domains.hostnameHint')
      return
    }
    this.busy = 'add'
    try {
      const domain = await consoleFetch<CustomDomain>('/v1/domains', {
        method: 'POST',
        body: { hostname },
      })
      this.domains = [domain, ...this.domains]
      form.reset()
      await this.focusWhenDrawn(`[data-copy="${domain.id}-txt-name"]`)
    } catch (error) {
      const detail =
        error instanceof ConsoleApiError
          ? error.details.find((d) => d.field === 'hostname')
          : undefined
      if (detail) this.hostnameError = detail.message
      else this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = undefined
    }
  }

  async #verify(domain: CustomDomain) {
    this.busy = domain.id
    this.message = undefined
    try {
      const checked = await consoleFetch<CustomDomain>(
        `/v1/domains/${encodeURIComponent(domain.id)}/verify`,
        { method: 'POST' }
      )
      this.domains = this.domains.map((d) => (d.id === checked.id ? checked : d))
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = undefined
    }
  }

  async #askRemove(id: string) {
    this.confirming = id
    await this.focusWhenDrawn(`[data-confirm-remove="${id}"]`)
  }

  async #remove(domain: CustomDomain) {
    try {
      await consoleFetch(`/v1/domains/${encodeURIComponent(domain.id)}`, { method: 'DELETE' })
      this.domains = this.domains.filter((d) => d.id !== domain.id)
      this.message = {
        kind: 'ok',
        text: this.t('console.domains.removed', { hostname: domain.hostname }),
      }
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.confirming = undefined
    }
  }

  async #copy(value: string, id: string) {
    try {
      await navigator.clipboard.writeText(value)
      this.copied = id
    } catch {
      // No clipboard permission: the value stays shown and selectable.
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-domains': ConsoleDomains
  }
}
