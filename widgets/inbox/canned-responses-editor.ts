import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { api } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import '../kit/primitives/button.js'
import '../kit/primitives/input.js'
import type { ParleyInput } from '../kit/primitives/input.js'
import './canned-responses.locales.js'

export interface CannedResponse {
  id: string
  shortcut: string
  body: string
  createdAt: string
  updatedAt: string
}

type Field = 'shortcut' | 'body'

/**
 * The form that creates a canned response or edits one in place: shortcut and text, saved through
 * the API, whose refusals it shows on the field they are about (a taken shortcut, a bad one, an
 * empty or too long text) in the member's language. Part of `<parley-canned-responses>`: it
 * renders into that element's shadow root, whose styles reach it.
 *
 * @event canned-saved - Saved; `detail` is the response as the API returned it.
 * @event canned-cancelled - Closed without saving (Cancel, Escape).
 * @event canned-gone - The response was deleted meanwhile (someone else); `detail` is its id.
 */
export class ParleyCannedResponseEditor extends ParleyElement {
  /** The response to edit; none: a new one. */
  @property({ attribute: false }) response?: CannedResponse

  @state() private draft = { shortcut: '', body: '' }
  @state() private fieldErrors: Partial<Record<Field, string>> = {}
  @state() private problem?: string
  @state() private saving = false

  protected createRenderRoot() {
    return this
  }

  connectedCallback() {
    super.connectedCallback()
    this.draft = { shortcut: this.response?.shortcut ?? '', body: this.response?.body ?? '' }
  }

  /** Puts the caret in the shortcut. */
  focus() {
    this.querySelector<ParleyInput>('parley-input')?.focus()
  }

  #cancel() {
    this.dispatchEvent(new CustomEvent('canned-cancelled'))
  }

  async #save(event: SubmitEvent) {
    event.preventDefault()
    if (this.saving) return
    this.saving = true
    this.fieldErrors = {}
    this.problem = undefined
    const body = { shortcut: this.draft.shortcut, body: this.draft.body }
    const id = this.response?.id
    try {
      const saved = id
        ? await api().request<CannedResponse>(`/v1/canned-responses/${id}`, {
            method: 'PATCH',
            body,
          })
        : await api().request<CannedResponse>('/v1/canned-responses', { method: 'POST', body })
      this.dispatchEvent(new CustomEvent('canned-saved', { detail: saved }))
    } catch (error) {
      await this.#refused(error, id)
    } finally {
      this.saving = false
    }
  }

  /** The API's refusal, on the field it is about where it names one. */
  async #refused(error: unknown, id?: string) {
    const { code, details } = describeError(error)
    const shortcut = this.draft.shortcut.trim().toLowerCase()
    if (code === 'VALIDATION_ERROR' && details.length) {
      const errors: Partial<Record<Field, string>> = {}
      const other: string[] = []
      for (const detail of details) {
        if (detail.field === 'shortcut') errors.shortcut = this.t('inbox.canned.error.shortcut')
        else if (detail.field === 'body') errors.body = this.t('inbox.canned.error.body')
        else other.push(detail.message)
      }
      this.fieldErrors = errors
      if (other.length) this.problem = other.join(' ')
    } else if (code === 'CONFLICT') {
      this.fieldErrors = { shortcut: this.t('inbox.canned.error.taken', { shortcut }) }
    } else if (code === 'NOT_FOUND' && id) {
      this.dispatchEvent(new CustomEvent('canned-gone', { detail: id }))
      return
    } else {
      this.problem = this.reportError(error)
    }
    await this.updateComplete
    const first = this.fieldErrors.shortcut
      ? this.querySelector<HTMLElement>('parley-input')
      : this.fieldErrors.body
        ? this.querySelector<HTMLElement>('textarea')
        : null
    first?.focus()
  }

  render() {
    const title = this.response
      ? this.t('inbox.canned.editTitle', { shortcut: this.response.shortcut })
      : this.t('inbox.canned.newTitle')
    const { shortcut: shortcutError, body: bodyError } = this.fieldErrors
    return html`<form
      part="editor"
      novalidate
      aria-labelledby="editor-title"
      @submit=${this.#save}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Escape') return
        // Escape cancels the form only (not a launcher panel around the inbox).
        e.stopPropagation()
        this.#cancel()
      }}
    >
      <h3 id="editor-title">${title}</h3>
      <div class="field">
        <parley-input
          name="shortcut"
          label=${this.t('inbox.canned.shortcut')}
          placeholder="refund"
          .locale=${this.locale}
          .value=${this.draft.shortcut}
          .error=${shortcutError}
          @input=${(e: Event) =>
            (this.draft = { ...this.draft, shortcut: (e.target as ParleyInput).value })}
          @keydown=${(e: KeyboardEvent) => {
            // A field in a shadow root does not submit the form by itself.
            if (e.key !== 'Enter') return
            e.preventDefault()
            this.querySelector('form')?.requestSubmit()
          }}
        ></parley-input>
        ${
          shortcutError
            ? nothing
            : html`<p class="field-help">${this.t('inbox.canned.shortcutHelp')}</p>`
        }
      </div>
      <div class="field">
        <label for="canned-body">${this.t('inbox.canned.body')}</label>
        <textarea
          id="canned-body"
          name="body"
          rows="4"
          .value=${this.draft.body}
          aria-invalid=${bodyError ? 'true' : 'false'}
          aria-describedby=${bodyError ? 'canned-body-error' : nothing}
          @input=${(e: Event) =>
            (this.draft = { ...this.draft, body: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        ${bodyError ? html`<p class="field-error" id="canned-body-error">${bodyError}</p>` : nothing}
      </div>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <div class="actions">
        <parley-button type="submit" ?disabled=${this.saving}
          >${this.t('inbox.canned.save')}</parley-button
        >
        <parley-button variant="ghost" @click=${() => this.#cancel()}
          >${this.t('inbox.canned.cancel')}</parley-button
        >
      </div>
    </form>`
  }
}

define('parley-canned-response-editor', ParleyCannedResponseEditor)

declare global {
  interface HTMLElementTagNameMap {
    'parley-canned-response-editor': ParleyCannedResponseEditor
  }
}
