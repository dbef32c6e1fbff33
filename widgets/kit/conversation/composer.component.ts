// Near 400 lines as one element on purpose: most of it is the box's template (suggestions, uploads, tools).
import { html, nothing } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { ifDefined } from 'lit/directives/if-defined.js'
import { repeat } from 'lit/directives/repeat.js'
import { ParleyElement } from '../parley-element.js'
import { define } from '../define.js'
import type { ApiClient } from '../api-client.js'
import { describeError } from '../errors.js'
import { localeFor } from '../localize.js'
import '../primitives/button.js'
import { uploadFile } from '../shared/upload.js'
import './conversation.locales.js'
import type { Attachment, Composed, Member, Page } from './types.js'
import { formatBytes } from './attachments.js'
import { composerStyles } from './composer.styles.js'
import { ICONS } from './composer-glyphs.js'
import './emoji-picker.js'
import type { ParleyEmojiPicker } from './emoji-picker.js'
import { DismissController } from './dismiss.js'

export type { Composed } from './types.js'

interface PendingUpload {
  key: string
  file: File
  progress: number
  attachment?: Attachment
  error?: string
  abort: AbortController
}

/**
 * The reply box shared by the inbox and the web chat: multiline text (Enter sends, Shift+Enter
 * breaks the line), files from a picker, a paste or a drop with upload progress, emoji, and,
 * for members, internal notes, `/shortcut` canned responses and `@name` mentions. Escape closes
 * an open popup (emoji, suggestions) and goes no further, so the panel around the composer stays
 * open; a press outside closes it too.
 *
 * @event parley-compose - The user sent; `detail` is a `Composed`.
 * @event parley-typing - The user is typing (at most every 2.5 s).
 * @csspart base - Wraps the box.
 * @csspart composer - The whole box.
 * @csspart uploads - Files being uploaded or ready to send.
 */
export class ParleyComposer extends ParleyElement {
  static styles = [ParleyElement.styles, composerStyles]

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
  /** Kept in the DOM while closed (hidden), so it reopens on the emoji last picked. */
  @query('parley-emoji-picker') private emojiGrid?: ParleyEmojiPicker
  @query('.emoji-toggle') private emojiToggle?: HTMLElement
  @query('.suggestions') private suggestionList?: HTMLElement

  #mentions = new Map<string, string>()
  #typingSentAt = 0
  #suggestTimer?: ReturnType<typeof setTimeout>
  constructor() {
    super()
    // Every popup of the box closes on Escape (focus back to its opener) and a press outside.
    new DismissController(this, [
      {
        open: () => this.emojiOpen,
        inside: () => [this.emojiGrid, this.emojiToggle],
        close: (how) => {
          this.emojiOpen = false
          if (how === 'escape') this.emojiToggle?.focus()
        },
      },
      {
        open: () => this.suggestions.length > 0,
        inside: () => [this.suggestionList, this.textarea],
        close: (how) => {
          this.#closeSuggestions()
          if (how === 'escape') this.textarea.focus()
        },
      },
    ])
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
      const e = describeError(error)
      update({ error: e.details[0]?.message ?? (e.message || this.t('conversation.uploadFailed')) })
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
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      this.#send()
    } else if (event.key.length === 1 && Date.now() - this.#typingSentAt > 2500) {
      this.#typingSentAt = Date.now()
      this.emit(new CustomEvent('parley-typing', { bubbles: true, composed: true }))
    }
  }

  #closeSuggestions() {
    clearTimeout(this.#suggestTimer)
    this.suggestions = []
  }

  async #toggleEmoji() {
    this.emojiOpen = !this.emojiOpen
    if (!this.emojiOpen) return
    this.#closeSuggestions()
    await this.updateComplete
    await this.emojiGrid?.updateComplete
    this.emojiGrid?.focus()
  }

  #chooseEmoji(event: CustomEvent<string>) {
    this.emojiOpen = false
    this.#insert(event.detail)
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
    return html`<div part="base">
      <div
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
                aria-label=${this.t('conversation.suggestions')}
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
        <parley-emoji-picker
          class="emoji"
          ?hidden=${!this.emojiOpen}
          .locale=${this.locale}
          @emoji-picked=${this.#chooseEmoji}
        ></parley-emoji-picker>
        ${
          this.uploads.length
            ? html`<ul part="uploads" aria-label=${this.t('conversation.attachments')}>
                ${repeat(
                  this.uploads,
                  (u) => u.key,
                  (u) =>
                    html`<li>
                      <span class="upload-name">${u.file.name}</span>
                      <button
                        type="button"
                        class="remove"
                        aria-label=${this.t('conversation.removeFile', { name: u.file.name })}
                        @click=${() => this.#remove(u)}
                      >
                        ×
                      </button>
                      ${
                        u.error
                          ? html`<span class="upload-state error" role="alert">${u.error}</span>`
                          : u.attachment
                            ? html`<span class="upload-state"
                                >${formatBytes(u.file.size, localeFor(this))}</span
                              >`
                            : html`<progress
                                max="1"
                                .value=${u.progress}
                                aria-label=${this.t('conversation.uploading', { name: u.file.name })}
                              ></progress>`
                      }
                    </li>`
                )}
              </ul>`
            : nothing
        }
        <textarea
          aria-label=${this.t('conversation.composer')}
          placeholder=${this.placeholder ?? this.t('conversation.composerHint')}
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
          >${this.t('conversation.send')}</parley-button
        >
        <div class="tools">
          <parley-button
            variant="ghost"
            size="sm"
            label=${this.t('conversation.attach')}
            @click=${() => this.picker.click()}
            >${ICONS.attach}</parley-button
          >
          <parley-button
            class="emoji-toggle"
            variant="ghost"
            size="sm"
            label=${this.t('conversation.emoji')}
            expanded=${this.emojiOpen ? 'true' : 'false'}
            @click=${() => this.#toggleEmoji()}
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
                  ${this.t('conversation.note')}</label
                >`
              : nothing
          }
        </div>
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
