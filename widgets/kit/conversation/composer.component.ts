import { css, html, nothing, svg } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import type { ApiClient } from '../kit/api-client.js'
import type { ParleyApiError } from '../kit/errors.js'
import { localeFor, translate, type MessageKey } from '../kit/localize.js'
import '../kit/primitives/button.js'
import type { InboxKey } from './inbox.locales.js'
import './inbox.locales.js'
import type { Attachment, Member, Page } from './inbox.types.js'
import { uploadFile } from './upload.js'
import { formatBytes } from './attachments.js'

/** What `parley-compose` carries: the words, the uploaded files, notes and mentions. */
export interface Composed {
  body: string
  type: 'text' | 'note'
  attachments: Attachment[]
  mentions: string[]
}

interface PendingUpload {
  key: string
  file: File
  progress: number
  attachment?: Attachment
  error?: string
  abort: AbortController
}

/** Drawn, not typed: emoji glyphs depend on the fonts a machine has. */
const icon = (path: ReturnType<typeof svg>) =>
  html`<svg
    viewBox="0 0 24 24"
    width="18"
    height="18"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
  >
    ${path}
  </svg>`
const ICONS = {
  attach: icon(
    svg`<path d="M21 11.5l-8.6 8.6a5 5 0 0 1-7.1-7.1l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9"/>`
  ),
  smile: icon(
    svg`<circle cx="12" cy="12" r="9"/><path d="M8 14s1.5 2 4 2 4-2 4-2"/><path d="M9 9h.01M15 9h.01"/>`
  ),
}

/** A small, dependency-free set: the emoji people reach for in support conversations. */
const EMOJI = [
  '😀',
  '😊',
  '😂',
  '🙂',
  '😉',
  '😍',
  '🤔',
  '😅',
  '😢',
  '😮',
  '😡',
  '🙏',
  '👍',
  '👎',
  '👏',
  '🙌',
  '👋',
  '💪',
  '🎉',
  '✅',
  '❌',
  '⚠️',
  '❤️',
  '🔥',
  '⭐',
  '📦',
  '🚚',
  '💳',
  '📅',
  '⏰',
  '📎',
  '📞',
]

/**
 * The reply box shared by the inbox and the web chat: multiline text (Enter sends, Shift+Enter
 * breaks the line), files from a picker, a paste or a drop with upload progress, emoji, and,
 * for members, internal notes, `/shortcut` canned responses and `@name` mentions.
 *
 * @event parley-compose - The user sent; `detail` is a `Composed`.
 * @event parley-typing - The user is typing (at most every 2.5 s).
 * @csspart composer - The whole box.
 * @csspart uploads - Files being uploaded or ready to send.
 */
export class ParleyComposer extends ParleyElement {
  static styles = [
    ParleyElement.styles,
    css`
      :host {
        display: block;
        --_border: var(--parley-color-border, #d5dae3);
        --_muted: var(--parley-color-on-surface-muted, #586174);
      }
      [part='composer'] {
        position: relative;
        display: grid;
        grid-template-columns: 1fr auto;
        gap: var(--parley-space-2, 8px);
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px) var(--parley-space-3, 12px);
        border-top: 1px solid var(--_border);
      }
      [part='composer'].dropping {
        outline: 2px dashed var(--parley-color-primary, #2f5bd3);
        outline-offset: -4px;
      }
      textarea {
        width: 100%;
        resize: none;
        min-height: 40px;
        max-height: 160px;
        font: inherit;
        color: inherit;
        background: var(--parley-color-surface, #ffffff);
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-md, 8px);
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
      }
      .tools {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: center;
        color: var(--_muted);
        font-size: var(--parley-font-size-sm, 13px);
      }
      .note-toggle {
        display: flex;
        gap: var(--parley-space-1, 4px);
        align-items: center;
      }
      .suggestions,
      .emoji {
        grid-column: 1 / -1;
        list-style: none;
        margin: 0;
        padding: 0;
        max-height: 180px;
        overflow-y: auto;
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-surface, #ffffff);
        box-shadow: var(--parley-shadow-2, 0 4px 12px #0003);
      }
      .suggestions li {
        padding: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
        cursor: pointer;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .suggestions li[aria-selected='true'] {
        background: var(--parley-color-surface-muted, #f2f4f8);
      }
      .suggestions span {
        color: var(--_muted);
      }
      .emoji {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(36px, 1fr));
        padding: var(--parley-space-1, 4px);
      }
      .emoji button {
        border: 0;
        background: none;
        font-size: 20px;
        line-height: 1;
        padding: 6px;
        border-radius: var(--parley-radius-sm, 4px);
        cursor: pointer;
      }
      .emoji button:hover,
      .emoji button:focus-visible {
        background: var(--parley-color-surface-muted, #f2f4f8);
      }
      [part='uploads'] {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      [part='uploads'] li {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 2px var(--parley-space-2, 8px);
        align-items: center;
        max-width: 220px;
        padding: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
        border: 1px solid var(--_border);
        border-radius: var(--parley-radius-md, 8px);
        font-size: var(--parley-font-size-sm, 13px);
      }
      .upload-name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .upload-state {
        grid-column: 1 / -1;
        color: var(--_muted);
        font-size: var(--parley-font-size-xs, 11px);
      }
      .upload-state.error {
        color: var(--parley-color-danger, #c62828);
      }
      progress {
        grid-column: 1 / -1;
        width: 100%;
        height: 4px;
        accent-color: var(--parley-color-primary, #2f5bd3);
      }
      .remove {
        border: 0;
        background: none;
        color: inherit;
        cursor: pointer;
        font-size: 16px;
        line-height: 1;
      }
      input[type='file'] {
        display: none;
      }
    `,
  ]

  /** The API client used for uploads and canned responses. */
  @property({ attribute: false }) client?: ApiClient
  /** Where files go: `/v1/attachments` (members) or `/v1/chat/attachments` (visitors). */
  @property({ attribute: 'upload-path' }) uploadPath = '/v1/attachments'
  /** Offer the internal-note switch. */
  @property({ type: Boolean }) notes = false
  /** Complete `/shortcut` with the workspace's canned responses. */
  @property({ type: Boolean }) canned = false
  /** Members who can be @mentioned (none: no mentions). */
  @property({ attribute: false }) members: Member[] = []
  @property({ type: Boolean, reflect: true }) disabled = false
  /** Hint in the empty box; default: how Enter and Shift+Enter work. */
  @property() placeholder?: string

  @state() private asNote = false
  @state() private uploads: PendingUpload[] = []
  @state() private suggestions: {
    label: string
    detail: string
    insert: string
    memberId?: string
  }[] = []
  @state() private suggestionIndex = 0
  @state() private emojiOpen = false
  @state() private dropping = false

  @query('textarea') private textarea!: HTMLTextAreaElement
  @query('input[type=file]') private picker!: HTMLInputElement

  #mentions = new Map<string, string>()
  #typingSentAt = 0
  #suggestTimer?: ReturnType<typeof setTimeout>

  #t(key: InboxKey, params?: Record<string, string | number>) {
    return translate(localeFor(this), key as unknown as MessageKey, params)
  }

  /** Puts the caret in the text box. */
  focus() {
    this.textarea?.focus()
  }

  /** The text being written (the inbox keeps drafts per conversation). */
  get value() {
    return this.textarea?.value ?? ''
  }

  set value(text: string) {
    void this.updateComplete.then(() => (this.textarea.value = text))
  }

  /** Adds files to send (from the picker, a paste or a drop) and starts uploading them. */
  addFiles(files: Iterable<File>) {
    for (const file of files) {
      const pending: PendingUpload = {
        key: crypto.randomUUID(),
        file,
        progress: 0,
        abort: new AbortController(),
      }
      this.uploads = [...this.uploads, pending]
      void this.#upload(pending)
    }
  }

  async #upload(pending: PendingUpload) {
    const update = (patch: Partial<PendingUpload>) => {
      Object.assign(pending, patch)
      this.uploads = [...this.uploads]
    }
    try {
      if (!this.client) throw new Error('no client')
      const attachment = await uploadFile(
        this.client,
        this.uploadPath,
        pending.file,
        (progress) => update({ progress }),
        pending.abort.signal
      )
      update({ attachment, progress: 1 })
    } catch (error) {
      if ((error as Error).name === 'AbortError') return
      const e = error as ParleyApiError
      update({ error: e.details?.[0]?.message ?? e.message ?? this.#t('inbox.uploadFailed') })
    }
  }

  #remove(pending: PendingUpload) {
    pending.abort.abort()
    this.uploads = this.uploads.filter((u) => u !== pending)
  }

  #send() {
    if (this.disabled) return
    const body = this.textarea.value
    if (this.uploads.some((u) => !u.attachment && !u.error)) return // still uploading
    const attachments = this.uploads.flatMap((u) => (u.attachment ? [u.attachment] : []))
    if (!body.trim() && !attachments.length) return
    const mentions = [...this.#mentions].filter(([name]) => body.includes(`@${name}`))
    this.emit(
      new CustomEvent<Composed>('parley-compose', {
        bubbles: true,
        composed: true,
        detail: {
          body,
          type: this.asNote ? 'note' : 'text',
          attachments,
          mentions: mentions.map(([, id]) => id),
        },
      })
    )
    this.textarea.value = ''
    this.uploads = []
    this.#mentions.clear()
    this.suggestions = []
  }

  /** `/short` at the start suggests canned responses; `@na` before the caret, members. */
  #onInput() {
    const text = this.textarea.value
    const beforeCaret = text.slice(0, this.textarea.selectionStart ?? text.length)
    const shortcut = this.canned ? /^\/([a-z0-9_-]*)$/i.exec(text) : null
    const mention = this.members.length ? /(?:^|\s)@([\p{L}\p{N}_.-]*)$/u.exec(beforeCaret) : null
    clearTimeout(this.#suggestTimer)
    if (mention) {
      const prefix = mention[1].toLowerCase()
      this.suggestions = this.members
        .filter((m) => (m.name ?? '').toLowerCase().startsWith(prefix))
        .slice(0, 8)
        .map((m) => ({
          label: `@${m.name}`,
          detail: m.role,
          insert: `@${m.name} `,
          memberId: m.id,
        }))
      this.suggestionIndex = 0
    } else if (shortcut && this.client) {
      const client = this.client
      this.#suggestTimer = setTimeout(async () => {
        const page = await client
          .request<Page<{ shortcut: string; body: string }>>('/v1/canned-responses', {
            query: { prefix: shortcut[1] },
          })
          .catch(() => ({ data: [] }))
        this.suggestions = page.data
          .slice(0, 8)
          .map((c) => ({ label: `/${c.shortcut}`, detail: c.body, insert: c.body }))
        this.suggestionIndex = 0
      }, 120)
    } else {
      this.suggestions = []
    }
  }

  #apply(index = this.suggestionIndex) {
    const chosen = this.suggestions[index]
    if (!chosen) return
    const area = this.textarea
    if (chosen.memberId) {
      // Replace the `@partial` before the caret with the member's name.
      const caret = area.selectionStart ?? area.value.length
      const start = area.value.slice(0, caret).lastIndexOf('@')
      area.value = area.value.slice(0, start) + chosen.insert + area.value.slice(caret)
      area.selectionStart = area.selectionEnd = start + chosen.insert.length
      this.#mentions.set(chosen.label.slice(1), chosen.memberId)
    } else {
      area.value = chosen.insert
    }
    this.suggestions = []
    area.focus()
  }

  #insert(text: string) {
    const area = this.textarea
    const start = area.selectionStart ?? area.value.length
    const end = area.selectionEnd ?? start
    area.setRangeText(text, start, end, 'end')
    area.focus()
  }

  #onKeydown(event: KeyboardEvent) {
    if (this.suggestions.length) {
      const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 }
      const count = this.suggestions.length
      if (event.key in moves) {
        event.preventDefault()
        this.suggestionIndex = (this.suggestionIndex + moves[event.key] + count) % count
        return
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault()
        this.#apply()
        return
      }
      if (event.key === 'Escape') {
        event.stopPropagation()
        this.suggestions = []
        return
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      this.#send()
    } else if (event.key.length === 1 && Date.now() - this.#typingSentAt > 2500) {
      this.#typingSentAt = Date.now()
      this.emit(new CustomEvent('parley-typing', { bubbles: true, composed: true }))
    }
  }

  #onPaste(event: ClipboardEvent) {
    const files = [...(event.clipboardData?.files ?? [])]
    if (!files.length) return
    event.preventDefault()
    this.addFiles(files)
  }

  #onDrop(event: DragEvent) {
    event.preventDefault()
    this.dropping = false
    this.addFiles(event.dataTransfer?.files ?? [])
  }

  #onDragOver(event: DragEvent) {
    if (!event.dataTransfer?.types.includes('Files')) return
    event.preventDefault()
    this.dropping = true
  }

  render() {
    const listId = 'composer-suggestions'
    return html`<div
      part="composer"
      class=${this.dropping ? 'dropping' : ''}
      @dragover=${this.#onDragOver}
      @dragleave=${() => (this.dropping = false)}
      @drop=${this.#onDrop}
    >
      ${
        this.suggestions.length
          ? html`<ul
              id=${listId}
              class="suggestions"
              role="listbox"
              aria-label=${this.#t('inbox.suggestions')}
            >
              ${this.suggestions.map(
                (s, i) =>
                  html`<li
                    id="suggestion-${i}"
                    role="option"
                    aria-selected=${String(i === this.suggestionIndex)}
                    @mousedown=${(e: Event) => (e.preventDefault(), this.#apply(i))}
                  >
                    <strong>${s.label}</strong> <span>${s.detail}</span>
                  </li>`
              )}
            </ul>`
          : nothing
      }
      ${
        this.emojiOpen
          ? html`<div
              class="emoji"
              role="group"
              aria-label=${this.#t('inbox.emoji')}
              @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && ((this.emojiOpen = false), this.focus())}
            >
              ${EMOJI.map(
                (emoji) =>
                  html`<button
                    type="button"
                    aria-label=${emoji}
                    @click=${() => this.#insert(emoji)}
                  >
                    ${emoji}
                  </button>`
              )}
            </div>`
          : nothing
      }
      ${
        this.uploads.length
          ? html`<ul part="uploads" aria-label=${this.#t('inbox.attachments')}>
              ${repeat(
                this.uploads,
                (u) => u.key,
                (u) =>
                  html`<li>
                    <span class="upload-name">${u.file.name}</span>
                    <button
                      type="button"
                      class="remove"
                      aria-label=${this.#t('inbox.removeFile', { name: u.file.name })}
                      @click=${() => this.#remove(u)}
                    >
                      ×
                    </button>
                    ${
                      u.error
                        ? html`<span class="upload-state error" role="alert">${u.error}</span>`
                        : u.attachment
                          ? html`<span class="upload-state"
                              >${formatBytes(u.file.size, this.locale)}</span
                            >`
                          : html`<progress
                              max="1"
                              .value=${u.progress}
                              aria-label=${this.#t('inbox.uploading', { name: u.file.name })}
                            ></progress>`
                    }
                  </li>`
              )}
            </ul>`
          : nothing
      }
      <textarea
        aria-label=${this.#t('inbox.composer')}
        placeholder=${this.placeholder ?? this.#t('inbox.composerHint')}
        rows="2"
        ?disabled=${this.disabled}
        aria-autocomplete="list"
        aria-controls=${ifDefined(this.suggestions.length ? listId : undefined)}
        aria-activedescendant=${ifDefined(
          this.suggestions.length ? `suggestion-${this.suggestionIndex}` : undefined
        )}
        @keydown=${this.#onKeydown}
        @input=${this.#onInput}
        @paste=${this.#onPaste}
      ></textarea>
      <parley-button ?disabled=${this.disabled} @click=${() => this.#send()}
        >${this.#t('inbox.send')}</parley-button
      >
      <div class="tools">
        <parley-button
          variant="ghost"
          size="sm"
          label=${this.#t('inbox.attach')}
          @click=${() => this.picker.click()}
          >${ICONS.attach}</parley-button
        >
        <parley-button
          variant="ghost"
          size="sm"
          label=${this.#t('inbox.emoji')}
          expanded=${this.emojiOpen ? 'true' : 'false'}
          @click=${() => (this.emojiOpen = !this.emojiOpen)}
          >${ICONS.smile}</parley-button
        >
        <input
          type="file"
          multiple
          tabindex="-1"
          aria-hidden="true"
          @change=${() => (this.addFiles(this.picker.files ?? []), (this.picker.value = ''))}
        />
        ${
          this.notes
            ? html`<label class="note-toggle"
                ><input
                  type="checkbox"
                  .checked=${this.asNote}
                  @change=${(e: Event) => (this.asNote = (e.target as HTMLInputElement).checked)}
                />
                ${this.#t('inbox.note')}</label
              >`
            : nothing
        }
      </div>
    </div>`
  }
}

define('parley-composer', ParleyComposer)

declare global {
  interface HTMLElementTagNameMap {
    'parley-composer': ParleyComposer
  }
}
