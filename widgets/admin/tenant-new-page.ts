import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console/console-element.js'
import { ConsoleApiError } from '../console/api.js'
import { baseStyles } from '../kit/styles.js'
import { adminApi, type CreatedTenant } from './api.js'
import './admin.locales.js'
import { adminPageStyles } from './admin-styles.js'
import { copyText } from '../console/account/format.js'

/**
 * A new tenant (POST /v1/admin/tenants { name, origins }): the answer carries its first keys, the
 * secret one in that answer only, so it is shown here once, to copy.
 */
@customElement('admin-tenant-new')
export class AdminTenantNew extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    adminPageStyles,
    css`
      :host {
        max-width: 720px;
      }
      form {
        display: grid;
        gap: var(--parley-space-4, 16px);
      }
      .once {
        border-color: var(--parley-color-warning, #f2b233);
        border-width: 2px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
      }
    `,
  ]

  @property() base = '/admin'
  @state() created?: CreatedTenant
  @state() private errors: { name?: string; origins?: string; form?: string } = {}
  @state() private busy = false
  @state() private copied = false

  firstUpdated() {
    this.renderRoot.querySelector<HTMLInputElement>('#name')?.focus()
  }

  render() {
    return html`
      <div class="head">
        <div>
          <p><a href="${this.base}/tenants">${this.t('admin.tenant.back')}</a></p>
          <h1>${this.t('admin.create.title')}</h1>
          <p class="hint">${this.t('admin.create.intro')}</p>
        </div>
      </div>
      ${this.created ? this.#created(this.created) : this.#form()}
    `
  }

  #form() {
    const { name, origins, form } = this.errors
    return html`<form class="card" novalidate @submit=${this.#submit}>
      ${form ? html`<p class="alert" role="alert" id="form-error">${form}</p>` : nothing}
      <div class="field">
        <label for="name">${this.t('admin.create.name')}</label>
        <input
          id="name"
          name="name"
          required
          maxlength="200"
          autocomplete="off"
          aria-invalid=${name ? 'true' : 'false'}
          aria-describedby="name-hint"
        />
        <p class=${name ? 'error' : 'hint'} id="name-hint">
          ${name || this.t('admin.create.nameHint')}
        </p>
      </div>
      <div class="field">
        <label for="origins">${this.t('admin.create.origins')}</label>
        <textarea
          id="origins"
          name="origins"
          rows="3"
          spellcheck="false"
          autocomplete="off"
          aria-invalid=${origins ? 'true' : 'false'}
          aria-describedby="origins-hint"
        ></textarea>
        <p class=${origins ? 'error' : 'hint'} id="origins-hint">
          ${origins || this.t('admin.create.originsHint')}
        </p>
      </div>
      <div>
        <button class="button primary" type="submit" ?disabled=${this.busy}>
          ${this.t('admin.create.submit')}
        </button>
      </div>
    </form>`
  }

  #created({ tenant, keys }: CreatedTenant) {
    return html`<section class="card once" aria-labelledby="keys-title">
      <p class="alert ok" role="status">${this.t('admin.create.done', { name: tenant.name })}</p>
      <h2 id="keys-title" tabindex="-1">${this.t('admin.create.keysTitle')}</h2>
      <p class="hint">${this.t('admin.create.keysHint')}</p>
      <div class="field">
        <span class="label" id="secret-label">${this.t('admin.create.secret')}</span>
        <div class="copy-row">
          <code id="secret-key" aria-labelledby="secret-label">${keys.secret.key}</code>
          <button
            class="button"
            type="button"
            id="copy-secret"
            @click=${() => this.#copy(keys.secret.key)}
          >
            ${this.copied ? this.t('admin.copied') : this.t('admin.copy')}
          </button>
        </div>
      </div>
      <div class="field">
        <span class="label" id="publishable-label">${this.t('admin.create.publishable')}</span>
        <div class="copy-row">
          <code id="publishable-key" aria-labelledby="publishable-label"
            >${keys.publishable.key}</code
          >
        </div>
      </div>
      ${this.errors.form ? html`<p class="alert" role="alert">${this.errors.form}</p>` : nothing}
      <div class="actions">
        <a
          class="button primary"
          id="open"
          href="${this.base}/tenants/${encodeURIComponent(tenant.id)}"
        >
          ${this.t('admin.create.open', { name: tenant.name })}
        </a>
        <button class="button" type="button" @click=${this.#again}>
          ${this.t('admin.create.another')}
        </button>
      </div>
    </section>`
  }

  async #copy(text: string) {
    this.copied = await copyText(text)
    this.errors = this.copied ? {} : { form: this.t('admin.copyFailed') }
  }

  #again = async () => {
    this.created = undefined
    this.copied = false
    this.errors = {}
    await this.focusWhenDrawn('#name')
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (this.busy) return
    const data = new FormData(event.target as HTMLFormElement)
    const name = String(data.get('name') ?? '').trim()
    const origins = String(data.get('origins') ?? '')
      .split(/[\n,]+/)
      .map((o) => o.trim())
      .filter(Boolean)
    this.errors = name ? {} : { name: this.t('admin.create.nameMissing') }
    if (!name) return this.#focusInvalid()
    this.busy = true
    try {
      this.created = await adminApi.createTenant({ name, origins })
      await this.focusWhenDrawn('#keys-title')
    } catch (error) {
      this.errors = this.#fieldErrors(error, origins)
      await this.#focusInvalid()
    } finally {
      this.busy = false
    }
  }

  /** A 422's details under their fields (`origins.2` names the third line); others above. */
  #fieldErrors(error: unknown, origins: string[]) {
    if (!(error instanceof ConsoleApiError) || error.status !== 422)
      return { form: this.saveFailedText(error) }
    const errors: { name?: string; origins?: string; form?: string } = {
      form: this.t('admin.create.fix'),
    }
    for (const { field, message } of error.details) {
      const at = /^origins\.(\d+)$/.exec(field ?? '')
      if (field === 'name') errors.name = message
      else if (at) errors.origins = `${origins[Number(at[1])] ?? ''}: ${message}`
      else if (field === 'origins') errors.origins = message
      else errors.form = message
    }
    return errors
  }

  async #focusInvalid() {
    await this.focusWhenDrawn('[aria-invalid="true"], #form-error')
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-tenant-new': AdminTenantNew
  }
}
