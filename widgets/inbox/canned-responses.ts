import { html, nothing } from 'lit'
import { state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { api } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import '../kit/primitives/button.js'
import { confirm } from '../kit/controls/confirm-dialog.js'
import './canned-responses.locales.js'
import './canned-responses-editor.js'
import type { CannedResponse, ParleyCannedResponseEditor } from './canned-responses-editor.js'
import { cannedResponsesStyles } from './canned-responses.styles.js'
import type { Me, Page } from './inbox.types.js'

export type { CannedResponse } from './canned-responses-editor.js'
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
  static styles = [ParleyElement.styles, cannedResponsesStyles]

  @state() private me?: Me
  @state() private items: CannedResponse[] = []
  @state() private nextCursor: string | null = null
  @state() private search = ''
  @state() private loading = true
  @state() private problem?: string
  /** What the form edits: a response's id, `new`, or nothing. */
  @state() private editing: string | 'new' | null = null
  /** Said to screen readers after a change (role=status). */
  @state() private announcement = ''

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
    await this.updateComplete
    const editor = this.renderRoot.querySelector<ParleyCannedResponseEditor>(
      'parley-canned-response-editor'
    )
    await editor?.updateComplete
    editor?.focus()
  }

  /** Closes the form; focus goes back to what opened it (or to the response just saved). */
  async #stopEdit(focusOn?: string) {
    const was = this.editing
    this.editing = null
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

  #saved(event: CustomEvent<CannedResponse>) {
    const saved = event.detail
    const rest = this.items.filter((c) => c.id !== saved.id)
    this.items = [...rest, saved].sort((a, b) => (a.shortcut < b.shortcut ? -1 : 1))
    this.announcement = this.t('inbox.canned.saved', { shortcut: saved.shortcut })
    void this.#stopEdit(saved.id)
  }

  #gone(event: CustomEvent<string>) {
    this.items = this.items.filter((c) => c.id !== event.detail)
    this.problem = this.t('inbox.canned.error.gone')
    void this.#stopEdit()
  }

  #renderEditor(canned?: CannedResponse) {
    return html`<parley-canned-response-editor
      .response=${canned}
      .locale=${this.locale}
      @canned-saved=${this.#saved}
      @canned-cancelled=${() => this.#stopEdit()}
      @canned-gone=${this.#gone}
    ></parley-canned-response-editor>`
  }

  /** Deleting is asked first; then focus moves on to the next response. */
  async #delete(canned: CannedResponse) {
    const confirmed = await confirm({
      title: this.t('inbox.canned.confirmTitle', { shortcut: canned.shortcut }),
      message: this.t('inbox.canned.confirmBody'),
      confirmLabel: this.t('inbox.canned.delete'),
      cancelLabel: this.t('inbox.canned.cancel'),
      danger: true,
      from: this,
    })
    if (!confirmed) return
    const index = this.items.findIndex((c) => c.id === canned.id)
    try {
      await api().request(`/v1/canned-responses/${canned.id}`, { method: 'DELETE' })
    } catch (error) {
      // Already gone is what was asked for; anything else is said.
      if (describeError(error).code !== 'NOT_FOUND') {
        this.problem = this.reportError(error)
        return
      }
    }
    this.items = this.items.filter((c) => c.id !== canned.id)
    this.announcement = this.t('inbox.canned.deleted', { shortcut: canned.shortcut })
    await this.updateComplete
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
                              @click=${() => this.#delete(c)}
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
}

define('parley-canned-responses', ParleyCannedResponses)

declare global {
  interface HTMLElementTagNameMap {
    'parley-canned-responses': ParleyCannedResponses
  }
}
