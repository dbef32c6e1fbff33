import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { styleMap } from 'lit/directives/style-map.js'
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
import {
  BRANDING_FILES,
  loadFontFamily,
  sizeText,
  uploadBrandingFile,
  type BrandingFileKind,
} from './branding-files.js'
import './branding.locales.js'

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
 * prefix is sent as null (cleared). The logo and font can also be uploaded (POST
 * /v1/branding/logo|font), which sets their URL at once; the logo is previewed, the saved font
 * shown in a sample line.
 */
@customElement('console-branding')
export class ConsoleBranding extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    pageStyles,
    css`
      :host {
        max-width: 760px;
      }
      form.card {
        display: grid;
        gap: var(--parley-space-4, 16px);
      }
      .check {
        display: flex;
        gap: var(--parley-space-2, 8px);
        align-items: start;
      }
      .check input {
        margin-top: 3px;
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
        align-self: start;
      }
      .button[aria-disabled='true'] {
        opacity: 0.55;
        cursor: progress;
      }
      fieldset {
        display: grid;
        gap: var(--parley-space-2, 8px);
        margin: 0;
        padding: 0;
        border: 0;
        min-width: 0;
      }
      legend {
        padding: 0;
        margin-bottom: var(--parley-space-1, 4px);
        font-weight: var(--parley-font-weight-strong, 600);
      }
      .with-upload {
        display: flex;
        gap: var(--parley-space-2, 8px);
        flex-wrap: wrap;
      }
      .with-upload input {
        flex: 1 1 240px;
      }
      .font-preview {
        display: grid;
        gap: var(--parley-space-1, 4px);
      }
      .font-sample {
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
        border: 1px dashed var(--parley-color-border, #d5dae3);
        border-radius: var(--parley-radius-sm, 4px);
        font-size: var(--parley-font-size-lg, 16px);
        overflow-wrap: anywhere;
      }
    `,
  ]

  @property({ attribute: false }) userRole?: string
  @state() private saved?: Branding
  @state() private draft?: Branding
  @state() private errors: Partial<Record<Field | 'parleyElements', string>> = {}
  @state() private message?: PageMessage
  @state() private busy = false
  /** The file being uploaded, if any (one at a time). */
  @state() private uploading?: BrandingFileKind
  /** The saved font's family in this document, or whether it is loading or failed. */
  @state() private sampleFont?: { url: string; family?: string; failed?: boolean }
  /** Makes a font URL usable for the sample line (a property, so tests can stand in for it). */
  loadFont: (url: string) => Promise<string> = loadFontFamily

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    try {
      this.saved = await consoleFetch<Branding>('/v1/branding')
      this.draft = { ...this.saved }
      this.#showFont()
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
      ${pageHead(this.t('console.branding.title'), this.t('console.branding.intro'))}
      ${pageMessage(this.message)}
      ${
        !d
          ? this.message
            ? nothing
            : this.loadingStatus()
          : html`<form class="card" novalidate @submit=${this.#save}>
              ${this.#text('name', this.t('console.branding.name'), this.t('console.branding.nameHint'))}
              <fieldset>
                <legend>${this.t('console.branding.logo')}</legend>
                ${this.#text('logoUrl', this.t('console.branding.logoUrl'), this.t('console.branding.logoHint'), 'url', 'logo')}
                ${d.logoUrl ? html`<img class="logo" src=${d.logoUrl} alt=${this.t('console.branding.logoPreview')} />` : nothing}
              </fieldset>
              <fieldset>
                <legend>${this.t('console.branding.font')}</legend>
                ${this.#text('fontUrl', this.t('console.branding.fontUrl'), this.t('console.branding.fontHint'), 'url', 'font')}
                ${this.#fontSample()}
              </fieldset>
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

  #text(field: Field, label: string, hint: string, type = 'text', upload?: BrandingFileKind) {
    const error = this.errors[field]
    const input = html`<input
      id=${field}
      type=${type}
      autocomplete="off"
      spellcheck="false"
      .value=${this.draft?.[field] ?? ''}
      ?readonly=${this.#readOnly}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby="${field}-hint"
      @input=${(e: Event) => this.#set(field, (e.target as HTMLInputElement).value)}
    />`
    return html`<div class="field">
      <label for=${field}>${label}</label>
      ${upload && !this.#readOnly ? html`<div class="with-upload">${input}${this.#uploadButton(upload)}</div>` : input}
      ${
        // A new element for an error, so that role=alert announces it.
        error
          ? html`<p class="error" id="${field}-hint" role="alert">${error}</p>`
          : html`<p class="hint" id="${field}-hint">${hint}</p>`
      }
    </div>`
  }

  /**
   * A button that opens the file picker (the file input itself stays hidden). While an upload
   * goes it is aria-disabled, not disabled, so the keyboard focus stays on it.
   */
  #uploadButton(kind: BrandingFileKind) {
    const busy = this.uploading === kind
    const { field } = BRANDING_FILES[kind]
    return html`<button
        type="button"
        class="button"
        id="${kind}Upload"
        aria-describedby="${field}-hint"
        aria-busy=${busy ? 'true' : 'false'}
        aria-disabled=${this.uploading ? 'true' : 'false'}
        @click=${() => {
          if (!this.uploading)
            this.shadowRoot!.querySelector<HTMLInputElement>(`#${kind}File`)!.click()
        }}
      >
        ${
          busy
            ? this.t('console.branding.uploading')
            : this.t(
                kind === 'logo' ? 'console.branding.uploadLogo' : 'console.branding.uploadFont'
              )
        }
      </button>
      <input
        type="file"
        id="${kind}File"
        hidden
        tabindex="-1"
        accept=${BRANDING_FILES[kind].accept}
        @change=${(e: Event) => this.#upload(kind, e.target as HTMLInputElement)}
      />`
  }

  #fontSample() {
    const font = this.sampleFont
    if (!font) return nothing
    return html`<div class="font-preview">
      <span class="hint" id="fontSample-label">${this.t('console.branding.fontSampleLabel')}</span>
      <p
        class="font-sample"
        id="fontSample"
        aria-labelledby="fontSample-label"
        style=${styleMap({
          fontFamily: font.family ? `"${font.family}", var(--parley-font-family)` : '',
        })}
      >
        ${this.t('console.branding.fontSample')}
      </p>
      ${
        font.failed
          ? html`<p class="hint">${this.t('console.branding.fontFailed')}</p>`
          : font.family
            ? nothing
            : html`<p class="hint" role="status">${this.t('console.branding.fontLoading')}</p>`
      }
    </div>`
  }

  /** Shows the saved font in the sample line (the font a host page gets, not one being typed). */
  #showFont() {
    const url = this.saved?.fontUrl
    if (!url) {
      this.sampleFont = undefined
      return
    }
    if (this.sampleFont?.url === url) return
    this.sampleFont = { url }
    this.loadFont(url).then(
      (family) => {
        if (this.sampleFont?.url === url) this.sampleFont = { url, family }
      },
      () => {
        if (this.sampleFont?.url === url) this.sampleFont = { url, failed: true }
      }
    )
  }

  async #upload(kind: BrandingFileKind, input: HTMLInputElement) {
    const file = input.files?.[0]
    // Cleared at once, so that choosing the same file again is a change too.
    input.value = ''
    if (!file) return
    const { field, limit } = BRANDING_FILES[kind]
    this.message = undefined
    this.#setError(field, undefined)
    if (file.size > limit) {
      this.#setError(
        field,
        this.t('console.branding.tooLarge', { size: sizeText(file.size), limit: sizeText(limit) })
      )
      return
    }
    this.uploading = kind
    try {
      const branding = await uploadBrandingFile<Branding>(kind, file)
      this.saved = { ...this.saved!, [field]: branding[field] }
      this.draft = { ...this.draft!, [field]: branding[field] }
      this.message = {
        kind: 'ok',
        text: this.t(
          kind === 'logo' ? 'console.branding.logoUploaded' : 'console.branding.fontUploaded'
        ),
      }
      this.#showFont()
    } catch (error) {
      const refusal =
        error instanceof ConsoleApiError && (error.status === 422 || error.status === 413)
          ? (error.details.find((d) => d.field === 'file')?.message ?? error.message)
          : error instanceof ConsoleApiError && error.status === 403
            ? this.saveFailedText(error)
            : this.t('console.branding.uploadFailed', { message: (error as Error).message })
      this.#setError(field, refusal)
    } finally {
      this.uploading = undefined
    }
  }

  #setError(field: Field, message: string | undefined) {
    const errors = { ...this.errors }
    if (message) errors[field] = message
    else delete errors[field]
    this.errors = errors
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
      this.#showFont()
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
