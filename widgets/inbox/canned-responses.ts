import { css, html, nothing } from 'lit'
import { query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { api } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import '../kit/primitives/button.js'
import '../kit/primitives/dialog.js'
import '../kit/primitives/input.js'
import type { ParleyDialog } from '../kit/primitives/dialog.js'
import type { ParleyInput } from '../kit/primitives/input.js'
import './canned-responses.locales.js'
import type { Me, Page } from './inbox.types.js'

export interface CannedResponse {
  id: string
  shortcut: string
  body: string
  createdAt: string
  updatedAt: string
}

type Field = 'shortcut' | 'body'
const PAGE = 100

/**
 * The workspace's canned responses, managed in the inbox's settings: search, create, edit in
 * place, delete after a confirmation. Admins and owners change them; everyone else sees the list
 * (the composer offers them to all). The API's refusals are shown on the field they are about
 * (a taken shortcut, a bad one, an empty text). Loaded fresh each time it opens.
 *
 * @csspart base - The manager.
 * @csspart list - The list of responses.
 * @csspart editor - The form that creates or edits one.
 */
export class ParleyCannedResponses extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
        padding: var(--parley-space-3, 12px);
        overflow-y: auto;
        --_border: var(--parley-color-border, #d5dae3);
        --_muted: var(--parley-color-on-surface-muted, #586174);
        --_danger: var(--parley-color-danger, #c62828);
      }
      [part='base'] {
        display: grid;
        gap: var(--parley-space-3, 12px);
        max-width: 720px;
      }
      h2 {
        margin: 0;
        font-size: var(--parley-font-size-lg, 16px);
      }
      .hint {
        margin: var(--parley-space-1, 4px) 0 0;
        color: var(--_muted);
        font-size: var(--parley-font-size-sm, 13px);
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: center;
      }
      .toolbar input {
        flex: 1 1 200px;
        min-width: 0;
        min-height: 36px;
        font: inherit;
        color: inherit;
        background: var(--parley-color-surface, #ffffff);
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-md, 8px);
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
      }
      [part='list'] {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--parley-space-2, 8px);
      }
      [part='list'] > li {
        padding: var(--parley-space-3, 12px);
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-surface, #ffffff);
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: flex-start;
        justify-content: space-between;
      }
      /* Narrow (a phone, the launcher): the actions go under the text rather than squeeze it. */
      .text {
        flex: 1 1 16rem;
        min-width: 0;
      }
      .shortcut {
        font:
          600 var(--parley-font-size-sm, 13px) / 1.4 ui-monospace,
          monospace;
        color: var(--parley-color-primary, #2f5bd3);
        overflow-wrap: anywhere;
      }
      .body {
        margin: var(--parley-space-1, 4px) 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 3;
        line-clamp: 3;
        overflow: hidden;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-1, 4px);
        flex-shrink: 0;
      }
      [part='editor'] {
        display: grid;
        gap: var(--parley-space-2, 8px);
        padding: var(--parley-space-3, 12px);
        border: 1px solid var(--parley-color-primary, #2f5bd3);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-surface, #ffffff);
      }
      [part='list'] > li > [part='editor'] {
        padding: 0;
        border: 0;
      }
      [part='editor'] h3 {
        margin: 0;
        font-size: var(--parley-font-size-md, 14px);
      }
      .field {
        display: grid;
        gap: var(--parley-space-1, 4px);
      }
      .field label {
        font-size: var(--parley-font-size-sm, 13px);
        font-weight: var(--parley-font-weight-strong, 600);
      }
      textarea {
        min-height: 96px;
        resize: vertical;
        font: inherit;
        color: inherit;
        background: var(--parley-color-surface, #ffffff);
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-md, 8px);
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
      }
      textarea[aria-invalid='true'] {
        border-color: var(--_danger);
      }
      .field-help {
        margin: 0;
        color: var(--_muted);
        font-size: var(--parley-font-size-xs, 12px);
      }
      .field-error,
      .error {
        margin: 0;
        color: var(--_danger);
        font-size: var(--parley-font-size-sm, 13px);
      }
      .empty {
        margin: 0;
        padding: var(--parley-space-4, 16px);
        text-align: center;
        color: var(--_muted);
        border: 1px dashed var(--_border);
        border-radius: var(--parley-radius-md, 8px);
      }
      .more {
        justify-self: center;
      }
    `,
  ]

  @state() private me?: Me
  @state() private items: CannedResponse[] = []
  @state() private nextCursor: string | null = null
  @state() private search = ''
  @state() private loading = true
  @state() private problem?: string
  /** What the form edits: a response's id, `new`, or nothing. */
  @state() private editing: string | 'new' | null = null
  @state() private draft = { shortcut: '', body: '' }
  @state() private fieldErrors: Partial<Record<Field, string>> = {}
  @state() private formProblem?: string
  @state() private saving = false
  @state() private confirming?: CannedResponse
  /** Said to screen readers after a change (role=status). */
  @state() private announcement = ''

  @query('parley-dialog') private dialog?: ParleyDialog

  #searchTimer?: ReturnType<typeof setTimeout>
  /** Only the latest list request may fill the list (searches overtake each other). */
  #loadSeq = 0

  connectedCallback() {
    super.connectedCallback()
    void this.#start()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    clearTimeout(this.#searchTimer)
  }

  get #canManage() {
    return this.me?.member.role === 'owner' || this.me?.member.role === 'admin'
  }

  async #start() {
    try {
      this.me = await api().request<Me>('/v1/me')
    } catch (error) {
      this.problem = this.reportError(error)
      this.loading = false
      return
    }
    await this.#load()
  }

  /** The first page for the current search (or the next page, with `more`). */
  async #load(more = false) {
    const seq = ++this.#loadSeq
    this.loading = true
    this.problem = undefined
    try {
      const page = await api().request<Page<CannedResponse>>('/v1/canned-responses', {
        query: {
          q: this.search.trim() || undefined,
          limit: PAGE,
          cursor: more ? (this.nextCursor ?? undefined) : undefined,
        },
      })
      if (seq !== this.#loadSeq) return
      this.items = more ? [...this.items, ...page.data] : page.data
      this.nextCursor = page.nextCursor
    } catch (error) {
      if (seq === this.#loadSeq) this.problem = this.reportError(error)
    } finally {
      if (seq === this.#loadSeq) this.loading = false
    }
  }

  #onSearch(event: Event) {
    this.search = (event.target as HTMLInputElement).value
    clearTimeout(this.#searchTimer)
    this.#searchTimer = setTimeout(() => void this.#load(), 200)
  }

  async #startEdit(target: CannedResponse | 'new') {
    this.editing = target === 'new' ? 'new' : target.id
    this.draft =
      target === 'new'
        ? { shortcut: '', body: '' }
        : { shortcut: target.shortcut, body: target.body }
    this.fieldErrors = {}
    this.formProblem = undefined
    await this.updateComplete
    this.renderRoot.querySelector<ParleyInput>('[part="editor"] parley-input')?.focus()
  }

  /** Closes the form; focus goes back to what opened it. */
  async #stopEdit(focusOn?: string) {
    const was = this.editing
    this.editing = null
    this.fieldErrors = {}
    this.formProblem = undefined
    await this.updateComplete
    const id = focusOn ?? (was === 'new' ? null : was)
    this.#focusRow(id)
  }

  /** Focus on a response's Edit button, or on "New response" (or the search) without one. */
  #focusRow(id: string | null) {
    const target =
      (id && this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"] .edit`)) ||
      this.renderRoot.querySelector<HTMLElement>('.new') ||
      this.renderRoot.querySelector<HTMLElement>('.toolbar input')
    target?.focus()
  }

  async #save(event: SubmitEvent) {
    event.preventDefault()
    if (this.saving) return
    const editing = this.editing
    if (!editing) return
    this.saving = true
    this.fieldErrors = {}
    this.formProblem = undefined
    const body = { shortcut: this.draft.shortcut, body: this.draft.body }
    try {
      const saved =
        editing === 'new'
          ? await api().request<CannedResponse>('/v1/canned-responses', { method: 'POST', body })
          : await api().request<CannedResponse>(`/v1/canned-responses/${editing}`, {
              method: 'PATCH',
              body,
            })
      const rest = this.items.filter((c) => c.id !== saved.id)
      this.items = [...rest, saved].sort((a, b) => (a.shortcut < b.shortcut ? -1 : 1))
      this.announcement = this.t('inbox.canned.saved', { shortcut: saved.shortcut })
      await this.#stopEdit(saved.id)
    } catch (error) {
      await this.#refused(error, editing)
    } finally {
      this.saving = false
    }
  }

  /** The API's refusal, on the field it is about where it names one. */
  async #refused(error: unknown, editing: string) {
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
      if (other.length) this.formProblem = other.join(' ')
    } else if (code === 'CONFLICT') {
      this.fieldErrors = { shortcut: this.t('inbox.canned.error.taken', { shortcut }) }
    } else if (code === 'NOT_FOUND' && editing !== 'new') {
      this.items = this.items.filter((c) => c.id !== editing)
      this.problem = this.t('inbox.canned.error.gone')
      await this.#stopEdit()
      return
    } else {
      this.formProblem = this.reportError(error)
    }
    await this.updateComplete
    const first = this.fieldErrors.shortcut
      ? this.renderRoot.querySelector<HTMLElement>('[part="editor"] parley-input')
      : this.fieldErrors.body
        ? this.renderRoot.querySelector<HTMLElement>('[part="editor"] textarea')
        : null
    first?.focus()
  }

  #askDelete(canned: CannedResponse) {
    this.confirming = canned
    void this.updateComplete.then(() => this.dialog?.show())
  }

  async #delete() {
    const canned = this.confirming
    if (!canned) return
    const index = this.items.findIndex((c) => c.id === canned.id)
    try {
      await api().request(`/v1/canned-responses/${canned.id}`, { method: 'DELETE' })
    } catch (error) {
      // Already gone is what was asked for; anything else is said.
      if (describeError(error).code !== 'NOT_FOUND') {
        this.dialog?.close()
        this.problem = this.reportError(error)
        return
      }
    }
    this.items = this.items.filter((c) => c.id !== canned.id)
    this.announcement = this.t('inbox.canned.deleted', { shortcut: canned.shortcut })
    // Once the dialog has given focus back to its opener (gone with the row, or another)…
    const dialog = this.dialog
    const closed = new Promise((done) =>
      dialog?.addEventListener('parley-dialog-closed', done, { once: true })
    )
    dialog?.close()
    await closed
    await this.updateComplete
    // … focus moves on to the next response.
    this.#focusRow((this.items[index] ?? this.items[index - 1])?.id ?? null)
  }

  render() {
    const manage = this.#canManage
    return html`<div part="base">
      <div>
        <h2>${this.t('inbox.canned.title')}</h2>
        <p class="hint">${this.t('inbox.canned.intro')}</p>
        ${this.me && !manage ? html`<p class="hint">${this.t('inbox.canned.readOnly')}</p>` : nothing}
      </div>
      <div class="toolbar">
        <input
          type="search"
          aria-label=${this.t('inbox.canned.search')}
          placeholder=${this.t('inbox.canned.search')}
          .value=${this.search}
          @input=${this.#onSearch}
        />
        ${
          manage && this.editing !== 'new'
            ? html`<parley-button class="new" @click=${() => this.#startEdit('new')}
                >${this.t('inbox.canned.new')}</parley-button
              >`
            : nothing
        }
      </div>
      ${this.editing === 'new' ? this.#renderEditor() : nothing}
      <p class="visually-hidden" role="status">${this.announcement}</p>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${this.#renderList(manage)}
      ${
        this.nextCursor
          ? html`<parley-button
              class="more"
              variant="secondary"
              ?disabled=${this.loading}
              @click=${() => this.#load(true)}
              >${this.t('inbox.canned.more')}</parley-button
            >`
          : nothing
      }
      ${this.#renderConfirm()}
    </div>`
  }

  #renderList(manage: boolean) {
    if (!this.items.length) {
      if (this.loading) return html`<p class="hint">${this.t('inbox.canned.loading')}</p>`
      if (this.problem) return nothing
      const q = this.search.trim()
      return html`<p class="empty">
        ${
          q
            ? this.t('inbox.canned.noMatch', { q })
            : this.t(manage ? 'inbox.canned.emptyAdmin' : 'inbox.canned.empty')
        }
      </p>`
    }
    return html`<ul
      part="list"
      aria-label=${this.t('inbox.canned.title')}
      aria-busy=${String(this.loading)}
    >
      ${repeat(
        this.items,
        (c) => c.id,
        (c) =>
          html`<li data-id=${c.id}>
            ${
              this.editing === c.id
                ? this.#renderEditor(c)
                : html`<div class="row">
                    <div class="text">
                      <span class="shortcut">/${c.shortcut}</span>
                      <p class="body">${c.body}</p>
                    </div>
                    ${
                      manage
                        ? html`<div class="actions">
                            <parley-button
                              class="edit"
                              size="sm"
                              variant="secondary"
                              label=${this.t('inbox.canned.editLabel', { shortcut: c.shortcut })}
                              @click=${() => this.#startEdit(c)}
                              >${this.t('inbox.canned.edit')}</parley-button
                            >
                            <parley-button
                              class="delete"
                              size="sm"
                              variant="ghost"
                              label=${this.t('inbox.canned.deleteLabel', { shortcut: c.shortcut })}
                              @click=${() => this.#askDelete(c)}
                              >${this.t('inbox.canned.delete')}</parley-button
                            >
                          </div>`
                        : nothing
                    }
                  </div>`
            }
          </li>`
      )}
    </ul>`
  }

  #renderEditor(canned?: CannedResponse) {
    const title = canned
      ? this.t('inbox.canned.editTitle', { shortcut: canned.shortcut })
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
        void this.#stopEdit()
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
            ;(e.currentTarget as ParleyInput).closest('form')?.requestSubmit()
          }}
        ></parley-input>
        ${shortcutError ? nothing : html`<p class="field-help">${this.t('inbox.canned.shortcutHelp')}</p>`}
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
      ${this.formProblem ? html`<p class="error" role="alert">${this.formProblem}</p>` : nothing}
      <div class="actions">
        <parley-button type="submit" ?disabled=${this.saving}
          >${this.t('inbox.canned.save')}</parley-button
        >
        <parley-button variant="ghost" @click=${() => this.#stopEdit()}
          >${this.t('inbox.canned.cancel')}</parley-button
        >
      </div>
    </form>`
  }

  #renderConfirm() {
    const canned = this.confirming
    return html`<parley-dialog
      .locale=${this.locale}
      label=${canned ? this.t('inbox.canned.confirmTitle', { shortcut: canned.shortcut }) : ''}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && e.stopPropagation()}
      @parley-dialog-closed=${() => (this.confirming = undefined)}
    >
      <p>${this.t('inbox.canned.confirmBody')}</p>
      <parley-button slot="footer" variant="ghost" @click=${() => this.dialog?.close()}
        >${this.t('inbox.canned.cancel')}</parley-button
      >
      <parley-button slot="footer" variant="danger" class="confirm" @click=${() => this.#delete()}
        >${this.t('inbox.canned.delete')}</parley-button
      >
    </parley-dialog>`
  }
}

define('parley-canned-responses', ParleyCannedResponses)

declare global {
  interface HTMLElementTagNameMap {
    'parley-canned-responses': ParleyCannedResponses
  }
}
