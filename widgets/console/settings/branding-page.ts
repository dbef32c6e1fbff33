import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { ConsoleApiError, consoleFetch } from '../api.js'

export interface Branding {
  name: string
  logoUrl: string | null
  fontUrl: string | null
  elementPrefix: string | null
  parleyElements: boolean
}

const FIELDS = ['name', 'logoUrl', 'fontUrl', 'elementPrefix'] as const
type Field = (typeof FIELDS)[number]

/**
 * Branding (GET/PATCH /v1/branding): the name and logo end users see, the font, and the element
 * prefix the loader defines the widgets under. Only changed fields are sent; an emptied URL or
 * prefix is sent as null (cleared).
 */
@customElement('console-branding')
export class ConsoleBranding extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    css`
      :host {
        display: grid;
        gap: var(--parley-space-4, 16px);
        max-width: 760px;
      }
      form.card {
        display: grid;
        gap: var(--parley-space-4, 16px);
      }
      .field {
        display: grid;
        gap: var(--parley-space-1, 4px);
      }
      .check {
        display: flex;
        gap: var(--parley-space-2, 8px);
        align-items: start;
      }
      .check input {
        margin-top: 3px;
      }
      code {
        font-family: var(--parley-font-family-mono, monospace);
        overflow-wrap: anywhere;
      }
      .sample {
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
        border-radius: var(--parley-radius-sm, 4px);
        background: var(--parley-color-surface-muted);
      }
      .actions {
        display: flex;
        gap: var(--parley-space-2, 8px);
        align-items: center;
        flex-wrap: wrap;
      }
      img.logo {
        max-height: 40px;
        max-width: 200px;
        object-fit: contain;
      }
    `,
  ]

  @property({ attribute: false }) userRole?: string
  @state() private saved?: Branding
  @state() private draft?: Branding
  @state() private errors: Partial<Record<Field | 'parleyElements', string>> = {}
  @state() private message?: { kind: 'ok' | 'error'; text: string }
  @state() private busy = false

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    try {
      this.saved = await consoleFetch<Branding>('/v1/branding')
      this.draft = { ...this.saved }
    } catch (error) {
      this.message = {
        kind: 'error',
        text: this.loadFailedText(error),
      }
    }
  }

  get #readOnly() {
    return this.userRole === 'support'
  }

  /** The fields that differ from what is saved, as PATCH takes them (empty → null). */
  get changes(): Partial<Branding> {
    if (!this.draft || !this.saved) return {}
    const changes: Record<string, unknown> = {}
    for (const field of FIELDS) {
      const value = (this.draft[field] ?? '').trim()
      if (value !== (this.saved[field] ?? ''))
        changes[field] = field === 'name' ? value : value || null
    }
    if (this.draft.parleyElements !== this.saved.parleyElements)
      changes.parleyElements = this.draft.parleyElements
    return changes as Partial<Branding>
  }

  render() {
    const d = this.draft
    const prefix = d?.elementPrefix?.trim() || 'acme'
    return html`
      <div part="base">
        <h1>${this.t('console.branding.title')}</h1>
        <p class="hint">${this.t('console.branding.intro')}</p>
      </div>
      ${
        this.message
          ? html`<p
              class="alert ${this.message.kind}"
              id="message"
              role=${this.message.kind === 'ok' ? 'status' : 'alert'}
            >
              ${this.message.text}
            </p>`
          : nothing
      }
      ${
        !d
          ? this.message
            ? nothing
            : html`<p role="status">${this.t('console.loading')}</p>`
          : html`<form class="card" novalidate @submit=${this.#save}>
              ${this.#text('name', this.t('console.branding.name'), this.t('console.branding.nameHint'))}
              ${this.#text('logoUrl', this.t('console.branding.logoUrl'), this.t('console.branding.urlHint'), 'url')}
              ${d.logoUrl ? html`<img class="logo" src=${d.logoUrl} alt=${this.t('console.branding.logoPreview')} />` : nothing}
              ${this.#text('fontUrl', this.t('console.branding.fontUrl'), this.t('console.branding.urlHint'), 'url')}
              ${this.#text('elementPrefix', this.t('console.branding.prefix'), this.t('console.branding.prefixHint'))}
              <p class="sample" aria-live="polite">
                ${this.t('console.branding.prefixSample')}
                <code>&lt;${prefix}-inbox&gt;</code>, <code>&lt;${prefix}-chat&gt;</code>,
                <code>&lt;${prefix}-launcher&gt;</code>
              </p>
              <div class="check">
                <input
                  type="checkbox"
                  id="parleyElements"
                  ?checked=${!d.parleyElements}
                  ?disabled=${this.#readOnly || !d.elementPrefix?.trim()}
                  aria-describedby="parleyElements-hint"
                  @change=${(e: Event) => this.#set('parleyElements', !(e.target as HTMLInputElement).checked)}
                />
                <div>
                  <label for="parleyElements">${this.t('console.branding.parleyOff')}</label>
                  <p
                    class=${this.errors.parleyElements ? 'error' : 'hint'}
                    id="parleyElements-hint"
                  >
                    ${this.errors.parleyElements ?? this.t('console.branding.parleyOffHint')}
                  </p>
                </div>
              </div>
              ${
                this.#readOnly
                  ? nothing
                  : html`<div class="actions">
                      <button
                        class="button primary"
                        type="submit"
                        id="save"
                        ?disabled=${this.busy || !Object.keys(this.changes).length}
                      >
                        ${this.t('console.settings.save')}
                      </button>
                      ${Object.keys(this.changes).length ? html`<span class="hint">${this.t('console.settings.unsaved')}</span>` : nothing}
                    </div>`
              }
            </form>`
      }
    `
  }

  #text(field: Field, label: string, hint: string, type = 'text') {
    const error = this.errors[field]
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        type=${type}
        autocomplete="off"
        spellcheck="false"
        .value=${this.draft?.[field] ?? ''}
        ?readonly=${this.#readOnly}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${field}-hint"
        @input=${(e: Event) => this.#set(field, (e.target as HTMLInputElement).value)}
      />
      <p class=${error ? 'error' : 'hint'} id="${field}-hint">${error ?? hint}</p>
    </div>`
  }

  #set(field: Field | 'parleyElements', value: string | boolean) {
    this.draft = { ...this.draft!, [field]: value }
    const errors = { ...this.errors }
    delete errors[field]
    this.errors = errors
    this.message = undefined
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault()
    const changes = this.changes
    if (!Object.keys(changes).length) return
    this.busy = true
    this.errors = {}
    try {
      this.saved = await consoleFetch<Branding>('/v1/branding', { method: 'PATCH', body: changes })
      this.draft = { ...this.saved }
      this.message = { kind: 'ok', text: this.t('console.branding.saved') }
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 422) {
        for (const detail of error.details)
          if (detail.field) this.errors = { ...this.errors, [detail.field]: detail.message }
        this.message = { kind: 'error', text: this.t('console.settings.fix') }
      } else this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-branding': ConsoleBranding
  }
}
