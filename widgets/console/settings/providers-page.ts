import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles, stackedTableStyles, pageHead } from '../console-element.js'
import { pageStyles, tableStyles } from '../page-styles.js'
import { baseStyles } from '../../kit/styles.js'
import { hasMessage } from '../../kit/localize.js'
import { consoleFetch } from '../api.js'
import { providerStyles, stateDot, type ProvidersState } from './provider-parts.js'
import './openai-provider.js'
import './stripe-provider.js'
// The inbox's words for a number's state and for why it is not connected.
import '../../inbox/whatsapp-settings.locales.js'
import './settings-more.locales.js'

export type { ProvidersState } from './provider-parts.js'

/** A number of GET /v1/providers/whatsapp/numbers. */
export interface TenantNumber {
  id: string
  label: string
  phone: string | null
  status: 'connecting' | 'qr' | 'open' | 'closed' | 'logged_out'
  reason: string | null
  workspace: { id: string; externalId: string; name: string | null } | null
}

/** Roles that only read providers (API.md: developers manage keys, origins, domains, theme). */
const READERS = new Set(['developer', 'support'])

const numberLevel = (status: TenantNumber['status']) =>
  status === 'open' ? 'ok' : status === 'logged_out' ? 'off' : 'warn'

/**
 * The Providers page (GET /v1/providers): OpenAI and Stripe, each a card of its own, and every
 * workspace's WhatsApp numbers with their state in the inbox's words
 * (GET /v1/providers/whatsapp/numbers, a page at a time). Developers and support read only.
 */
@customElement('console-providers')
export class ConsoleProviders extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    providerStyles,
    pageStyles,
    tableStyles,
    css`
      th,
      td {
        vertical-align: top;
      }
      td .hint {
        display: block;
        margin-top: 2px;
      }
    `,
    stackedTableStyles,
    css`
      /* Narrow: a row's own header is the first line of its block. */
      @media (max-width: 700px) {
        tbody th,
        tfoot th {
          display: block;
          border: 0;
          padding: 2px 0;
        }
      }
    `,
  ]

  /** The signed-in user's role: developers and support read only. */
  @property({ attribute: false }) userRole?: string
  @state() private providers?: ProvidersState
  @state() private numbers: TenantNumber[] = []
  @state() private cursor: string | null = null
  @state() private error = ''

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    try {
      this.providers = await consoleFetch<ProvidersState>('/v1/providers')
      await this.moreNumbers()
    } catch (error) {
      this.error = this.loadFailedText(error)
    }
  }

  /** The next page of WhatsApp numbers (the first when none is loaded). */
  async moreNumbers() {
    const query = this.cursor ? `?cursor=${encodeURIComponent(this.cursor)}` : ''
    const { data, nextCursor } = await consoleFetch<{
      data: TenantNumber[]
      nextCursor: string | null
    }>(`/v1/providers/whatsapp/numbers${query}`)
    this.numbers = [...this.numbers, ...data]
    this.cursor = nextCursor
  }

  get #readOnly() {
    return READERS.has(this.userRole ?? '')
  }

  render() {
    const p = this.providers
    return html`
      ${pageHead(this.t('console.providers.title'), this.t('console.providers.intro'))}
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${
        this.#readOnly
          ? html`<p class="hint" id="read-only">${this.t('console.providers.readOnly')}</p>`
          : nothing
      }
      ${
        p
          ? html`<console-openai-provider
                .state=${p.openai}
                ?readOnly=${this.#readOnly}
                @console-provider-changed=${this.#refresh}
              ></console-openai-provider>
              <console-stripe-provider
                .state=${p.stripe}
                ?readOnly=${this.#readOnly}
                @console-provider-changed=${this.#refresh}
              ></console-stripe-provider>
              ${this.#whatsapp(p.whatsapp)}`
          : this.error
            ? nothing
            : this.loadingStatus()
      }
    `
  }

  #whatsapp(counts: ProvidersState['whatsapp']) {
    // Grouped by workspace, as the inbox's settings show them one workspace at a time.
    const sorted = [...this.numbers].sort(
      (a, b) =>
        this.#workspaceName(a).localeCompare(this.#workspaceName(b)) ||
        a.label.localeCompare(b.label)
    )
    return html`<section class="card" aria-labelledby="whatsapp-title" id="whatsapp">
      <h2 id="whatsapp-title">${this.t('console.providers.whatsapp.title')}</h2>
      <p class="hint">
        ${this.t('console.providers.whatsapp.intro')}
        ${
          counts.numbers
            ? this.t('console.providers.whatsapp.counts', {
                connected: counts.connected,
                numbers: counts.numbers,
              })
            : nothing
        }
      </p>
      ${
        sorted.length
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">${this.t('console.providers.whatsapp.workspace')}</th>
                  <th scope="col">${this.t('console.providers.whatsapp.number')}</th>
                  <th scope="col">${this.t('console.providers.whatsapp.state')}</th>
                </tr>
              </thead>
              <tbody>
                ${sorted.map(
                  (n) =>
                    html`<tr data-number=${n.id}>
                      <th scope="row">${this.#workspaceName(n)}</th>
                      <td>
                        ${n.label} ${n.phone ? html`<span class="hint">${n.phone}</span>` : nothing}
                      </td>
                      <td>
                        <span class="state">
                          ${stateDot(numberLevel(n.status))}
                          ${this.t(`inbox.whatsapp.status.${n.status}`)}
                        </span>
                        ${
                          n.reason && n.status !== 'open'
                            ? html`<span class="hint reason">${this.#reason(n.reason)}</span>`
                            : nothing
                        }
                      </td>
                    </tr>`
                )}
              </tbody>
            </table>`
          : html`<p class="hint" id="whatsapp-empty">
              ${this.t('console.providers.whatsapp.empty')}
            </p>`
      }
      ${
        this.cursor
          ? html`<div>
              <button class="button" id="more-numbers" @click=${this.#more}>
                ${this.t('console.providers.more')}
              </button>
            </div>`
          : nothing
      }
    </section>`
  }

  #workspaceName(n: TenantNumber) {
    return (
      n.workspace?.name ||
      n.workspace?.externalId ||
      this.t('console.providers.whatsapp.unknownWorkspace')
    )
  }

  /** The inbox's own words for a reason code; a code added later reads as "unknown". */
  #reason(code: string) {
    const key = `inbox.whatsapp.reason.${code}`
    return this.t(hasMessage(key) ? key : 'inbox.whatsapp.reason.unknown')
  }

  #more = async () => {
    try {
      await this.moreNumbers()
    } catch (error) {
      this.error = this.loadFailedText(error)
    }
  }

  #refresh = async () => {
    try {
      this.providers = await consoleFetch<ProvidersState>('/v1/providers')
    } catch (error) {
      this.error = this.loadFailedText(error)
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-providers': ConsoleProviders
  }
}
