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
import { ConsoleApiError, consoleFetch } from '../api.js'

/**
 * Allowed origins (GET/PUT /v1/origins): the pages that may use the tenant's publishable keys
 * and widgets. The list is edited here and saved whole, as the API replaces it.
 */
@customElement('console-origins')
export class ConsoleOrigins extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    pageStyles,
    css`
      :host {
        max-width: 760px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--parley-space-2, 8px);
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: center;
        justify-content: space-between;
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
        border: 1px solid var(--parley-color-border);
        border-radius: var(--parley-radius-md, 8px);
      }
      li .error {
        flex-basis: 100%;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: end;
      }
      form .field {
        display: grid;
        gap: var(--parley-space-1, 4px);
        flex: 1 1 260px;
      }
      .actions {
        display: flex;
        gap: var(--parley-space-2, 8px);
        align-items: center;
        flex-wrap: wrap;
      }
    `,
  ]

  /** The signed-in user's role: `support` reads only. */
  @property({ attribute: false }) userRole?: string
  @state() private origins: string[] = []
  @state() private saved: string[] = []
  @state() private loaded = false
  @state() private errors: Record<number, string> = {}
  @state() private message?: PageMessage
  @state() private busy = false

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    try {
      const { origins } = await consoleFetch<{ origins: string[] }>('/v1/origins')
      this.origins = origins
      this.saved = origins
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

  get #dirty() {
    return this.origins.join('\n') !== this.saved.join('\n')
  }

  render() {
    return html`
      ${pageHead(this.t('console.origins.title'), this.t('console.origins.intro'))}
      ${pageMessage(this.message)}
      <section class="card" aria-labelledby="list-title">
        <h2 id="list-title">${this.t('console.origins.list')}</h2>
        ${
          !this.loaded
            ? this.loadingStatus()
            : this.origins.length
              ? html`<ul>
                  ${this.origins.map(
                    (origin, i) =>
                      html`<li>
                        <code>${origin}</code>
                        ${
                          this.#readOnly
                            ? nothing
                            : html`<button
                                class="button"
                                type="button"
                                data-remove=${origin}
                                aria-label=${this.t('console.origins.removeLabel', { origin })}
                                @click=${() => this.#remove(i)}
                              >
                                ${this.t('console.origins.remove')}
                              </button>`
                        }
                        ${this.errors[i] ? html`<span class="error">${this.errors[i]}</span>` : nothing}
                      </li>`
                  )}
                </ul>`
              : html`<p class="hint" id="empty">${this.t('console.origins.empty')}</p>`
        }
        ${
          this.#readOnly
            ? nothing
            : html`<form novalidate @submit=${this.#add}>
                  <div class="field">
                    <label for="origin">${this.t('console.origins.add')}</label>
                    <input
                      id="origin"
                      name="origin"
                      inputmode="url"
                      autocomplete="off"
                      spellcheck="false"
                      placeholder="https://app.example.com"
                      aria-describedby="origin-hint"
                    />
                  </div>
                  <button class="button" type="submit">
                    ${this.t('console.origins.addButton')}
                  </button>
                </form>
                <p class="hint" id="origin-hint">${this.t('console.origins.hint')}</p>
                <div class="actions">
                  <button
                    class="button primary"
                    id="save"
                    ?disabled=${!this.#dirty || this.busy}
                    @click=${() => this.save()}
                  >
                    ${this.t('console.settings.save')}
                  </button>
                  ${this.#dirty ? html`<span class="hint">${this.t('console.settings.unsaved')}</span>` : nothing}
                </div>`
        }
      </section>
    `
  }

  #add = (event: SubmitEvent) => {
    event.preventDefault()
    const input = this.renderRoot.querySelector<HTMLInputElement>('#origin')!
    const value = input.value.trim().replace(/\/+$/, '')
    if (!value) return
    if (!this.origins.includes(value)) this.origins = [...this.origins, value]
    input.value = ''
    this.message = undefined
  }

  #remove(index: number) {
    this.origins = this.origins.filter((_, i) => i !== index)
    this.errors = {}
    this.message = undefined
  }

  /** PUT /v1/origins with the whole list; a refused entry says why beside it. */
  async save() {
    this.busy = true
    this.errors = {}
    this.message = undefined
    try {
      const { origins } = await consoleFetch<{ origins: string[] }>('/v1/origins', {
        method: 'PUT',
        body: { origins: this.origins },
      })
      this.origins = origins
      this.saved = origins
      this.message = { kind: 'ok', text: this.t('console.origins.saved') }
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 422) {
        for (const detail of error.details) {
          const index = Number(/^origins\.(\d+)/.exec(detail.field ?? '')?.[1])
          if (Number.isInteger(index)) this.errors = { ...this.errors, [index]: detail.message }
        }
        this.message = { kind: 'error', text: this.t('console.settings.fix') }
      } else this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-origins': ConsoleOrigins
  }
}
