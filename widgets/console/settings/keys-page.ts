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

export interface ApiKey {
  id: string
  type: 'secret' | 'publishable'
  label: string | null
  lastFour: string
  lastUsedAt: string | null
  revokedAt: string | null
  createdAt: string
}

/**
 * API keys (GET/POST /v1/keys, DELETE /v1/keys/:id): create with a label and type, the new key
 * shown once to copy, last use, revoke (after a confirmation in the row).
 */
@customElement('console-keys')
export class ConsoleKeys extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    pageStyles,
    tableStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: end;
      }
      .field {
        flex: 1 1 200px;
      }
      .once {
        display: grid;
        gap: var(--parley-space-2, 8px);
        border-color: var(--parley-color-warning, #f2b233);
        border-width: 2px;
      }
      .once .value {
        display: flex;
        gap: var(--parley-space-2, 8px);
        flex-wrap: wrap;
      }
      .once code {
        flex: 1 1 260px;
        padding: var(--parley-space-2, 8px);
        border-radius: var(--parley-radius-sm, 4px);
        background: var(--parley-color-surface-muted);
      }
      th,
      td {
        vertical-align: middle;
      }
      th {
        font-size: var(--parley-font-size-sm, 13px);
        color: var(--parley-color-on-surface-muted);
      }
      tr.revoked td {
        color: var(--parley-color-on-surface-muted);
      }
      .row-actions {
        display: flex;
        gap: var(--parley-space-1, 4px);
        flex-wrap: wrap;
      }
    `,
    stackedTableStyles,
  ]

  /** The signed-in user's role: `support` reads only. */
  @property({ attribute: false }) userRole?: string
  @state() private keys: ApiKey[] = []
  @state() private loaded = false
  @state() private created?: ApiKey & { key: string }
  @state() private confirming?: string
  @state() private copied = false
  @state() private message?: PageMessage
  @state() private busy = false

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    try {
      const { data } = await consoleFetch<{ data: ApiKey[] }>('/v1/keys')
      this.keys = data
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

  #date(iso: string | null) {
    if (!iso) return this.t('console.keys.never')
    return new Intl.DateTimeFormat(localeFor(), { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso)
    )
  }

  render() {
    return html`
      ${pageHead(this.t('console.keys.title'), this.t('console.keys.intro'))}
      ${pageMessage(this.message)} ${this.created ? this.#once(this.created) : nothing}
      ${
        this.#readOnly
          ? nothing
          : html`<section class="card" aria-labelledby="new-title">
              <h2 id="new-title">${this.t('console.keys.new')}</h2>
              <form novalidate @submit=${this.#create}>
                <div class="field">
                  <label for="label">${this.t('console.keys.label')}</label>
                  <input id="label" name="label" maxlength="120" autocomplete="off" />
                </div>
                <div class="field">
                  <label for="type">${this.t('console.keys.type')}</label>
                  <select id="type" name="type">
                    <option value="secret">${this.t('console.keys.secret')}</option>
                    <option value="publishable">${this.t('console.keys.publishable')}</option>
                  </select>
                </div>
                <button class="button primary" type="submit" ?disabled=${this.busy}>
                  ${this.t('console.keys.create')}
                </button>
              </form>
            </section>`
      }
      <section class="card" aria-labelledby="list-title">
        <h2 id="list-title">${this.t('console.keys.list')}</h2>
        ${
          !this.loaded
            ? this.loadingStatus()
            : this.keys.length
              ? this.#table()
              : html`<p class="hint">${this.t('console.keys.empty')}</p>`
        }
      </section>
    `
  }

  #once(key: ApiKey & { key: string }) {
    return html`<section class="card once" aria-labelledby="once-title" id="once">
      <h2 id="once-title">${this.t('console.keys.onceTitle')}</h2>
      <p>
        ${this.t(key.type === 'secret' ? 'console.keys.onceSecret' : 'console.keys.oncePublishable')}
      </p>
      <div class="value">
        <code id="new-key">${key.key}</code>
        <button class="button" type="button" id="copy" @click=${() => this.#copy(key.key)}>
          ${this.copied ? this.t('console.keys.copied') : this.t('console.keys.copy')}
        </button>
        <button class="button" type="button" id="done" @click=${() => (this.created = undefined)}>
          ${this.t('console.keys.done')}
        </button>
      </div>
    </section>`
  }

  #table() {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${this.t('console.keys.label')}</th>
          <th scope="col">${this.t('console.keys.type')}</th>
          <th scope="col">${this.t('console.keys.key')}</th>
          <th scope="col">${this.t('console.keys.created')}</th>
          <th scope="col">${this.t('console.keys.lastUsed')}</th>
          <th scope="col">
            <span class="visually-hidden">${this.t('console.keys.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        ${this.keys.map((key) => {
          const name = key.label ?? `…${key.lastFour}`
          return html`<tr class=${key.revokedAt ? 'revoked' : ''} data-key=${key.id}>
            <td data-label=${this.t('console.keys.label')}>${key.label ?? '—'}</td>
            <td data-label=${this.t('console.keys.type')}>
              ${this.t(key.type === 'secret' ? 'console.keys.secret' : 'console.keys.publishable')}
            </td>
            <td data-label=${this.t('console.keys.key')}><code>…${key.lastFour}</code></td>
            <td data-label=${this.t('console.keys.created')}>${this.#date(key.createdAt)}</td>
            <td data-label=${this.t('console.keys.lastUsed')}>${this.#date(key.lastUsedAt)}</td>
            <td>
              ${
                key.revokedAt
                  ? this.t('console.keys.revokedAt', { date: this.#date(key.revokedAt) })
                  : this.#readOnly
                    ? nothing
                    : this.confirming === key.id
                      ? html`<span class="row-actions">
                          <button
                            class="button primary"
                            type="button"
                            data-confirm-revoke=${key.id}
                            @click=${() => this.#revoke(key)}
                          >
                            ${this.t('console.keys.confirmRevoke')}
                          </button>
                          <button
                            class="button"
                            type="button"
                            @click=${() => (this.confirming = undefined)}
                          >
                            ${this.t('console.keys.cancel')}
                          </button>
                        </span>`
                      : html`<button
                          class="button"
                          type="button"
                          data-revoke=${key.id}
                          aria-label=${this.t('console.keys.revokeLabel', { name })}
                          @click=${() => this.#askRevoke(key.id)}
                        >
                          ${this.t('console.keys.revoke')}
                        </button>`
              }
            </td>
          </tr>`
        })}
      </tbody>
    </table>`
  }

  async #askRevoke(id: string) {
    this.confirming = id
    await this.focusWhenDrawn(`[data-confirm-revoke="${id}"]`)
  }

  #create = async (event: SubmitEvent) => {
    event.preventDefault()
    // Kept now: after dispatch, an event from a shadow tree has no target any more.
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const label = String(data.get('label') ?? '').trim()
    this.busy = true
    this.message = undefined
    try {
      const created = await consoleFetch<ApiKey & { key: string }>('/v1/keys', {
        method: 'POST',
        body: { type: data.get('type'), ...(label ? { label } : {}) },
      })
      this.created = created
      this.copied = false
      this.keys = [created, ...this.keys]
      form.reset()
      await this.focusWhenDrawn('#copy')
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = false
    }
  }

  async #revoke(key: ApiKey) {
    try {
      await consoleFetch(`/v1/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' })
      this.keys = this.keys.map((k) =>
        k.id === key.id ? { ...k, revokedAt: new Date().toISOString() } : k
      )
      this.message = {
        kind: 'ok',
        text: this.t('console.keys.revoked', { name: key.label ?? `…${key.lastFour}` }),
      }
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.confirming = undefined
    }
  }

  async #copy(value: string) {
    try {
      await navigator.clipboard.writeText(value)
      this.copied = true
    } catch {
      // No clipboard permission: the value stays shown and selectable.
      const range = document.createRange()
      range.selectNodeContents(this.renderRoot.querySelector('#new-key')!)
      getSelection()?.removeAllRanges()
      getSelection()?.addRange(range)
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-keys': ConsoleKeys
  }
}
