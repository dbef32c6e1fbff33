import { html, nothing } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { repeat } from 'lit/directives/repeat.js'
import { live } from 'lit/directives/live.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import '../kit/primitives/button.js'
import '../kit/primitives/state.js'
import '../kit/controls/select.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import type { ListOption } from '../kit/controls/listbox.js'
import { localeFor } from '../kit/localize.js'
import './inbox.locales.js'
import { visibleRange } from './virtual-window.js'
import { ROW_HEIGHT, renderRow, type RowContext } from './conversation-row.js'
import type { ConversationsController, Filters } from './conversations-controller.js'
import type { Conversation, Member } from './inbox.types.js'

export { ROW_HEIGHT } from './conversation-row.js'

/** How often the rows' times ("2m", "3h") are brought up to date. */
const TICK_MS = 30_000

/** The settings button's icon (drawn: no icon font to load). */
const GEAR = html`<svg
  slot="icon"
  viewBox="0 0 24 24"
  width="16"
  height="16"
  fill="none"
  stroke="currentColor"
  stroke-width="2"
  stroke-linecap="round"
  stroke-linejoin="round"
  aria-hidden="true"
>
  <circle cx="12" cy="12" r="3" />
  <path
    d="M19.4 15a1.65 1.65 0 0 0 .33 1.82l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.65 1.65 0 0 0-1.82-.33 1.65 1.65 0 0 0-1 1.51V21a2 2 0 1 1-4 0v-.09A1.65 1.65 0 0 0 9 19.4a1.65 1.65 0 0 0-1.82.33l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06A1.65 1.65 0 0 0 4.68 15a1.65 1.65 0 0 0-1.51-1H3a2 2 0 1 1 0-4h.09A1.65 1.65 0 0 0 4.6 9a1.65 1.65 0 0 0-.33-1.82l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06A1.65 1.65 0 0 0 9 4.68a1.65 1.65 0 0 0 1-1.51V3a2 2 0 1 1 4 0v.09a1.65 1.65 0 0 0 1 1.51 1.65 1.65 0 0 0 1.82-.33l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06A1.65 1.65 0 0 0 19.4 9a1.65 1.65 0 0 0 1.51 1H21a2 2 0 1 1 0 4h-.09a1.65 1.65 0 0 0-1.51 1z"
  />
</svg>`

const STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'closed'] as const

/**
 * The inbox's conversation list: search, filters, and a virtual window over the rows (a list of
 * 10,000 keeps a few dozen in the DOM), the next page fetched near the end. Each row shows who,
 * the last message, how long ago (kept current as time passes), the channel, unread, priority,
 * status, tags and the assignee (conversation-row.ts). An empty list says why: nothing yet,
 * nothing for this search (with a way to clear it), nothing under these filters. Part of
 * `<parley-inbox>`: it renders into the inbox's shadow root, so the inbox's `list` part and
 * styles reach it.
 *
 * @event conversation-selected - A row was chosen; `detail` is the conversation's id.
 * @event settings-toggled - The settings button was pressed.
 */
export class ParleyConversationList extends ParleyElement {
  /** The list's data and what changes it (search, filters, pages). */
  @property({ attribute: false }) source!: ConversationsController
  /** The conversations shown (the source's, passed so that a change renders). */
  @property({ attribute: false }) conversations: Conversation[] = []
  /** The filters and search shown (the source's). */
  @property({ attribute: false }) filters: Filters = { status: '', assignee: '', unread: false }
  @property({ attribute: false }) query = ''
  /** The open conversation's id. */
  @property() selected?: string
  /** The settings are shown (the settings button reads as expanded). */
  @property({ type: Boolean, attribute: 'settings-open' }) settingsOpen = false
  /** The workspace's members (assignees' avatars, teammates' names in previews). */
  @property({ attribute: false }) members: Member[] = []
  /** The signed-in member's id ("You:" in previews). */
  @property({ attribute: false }) me?: string

  @state() private listScrollTop = 0
  @state() private viewportHeight = 600
  /** "Now" for the rows' times; ticks every TICK_MS. */
  @state() private now = Date.now()
  #tick?: ReturnType<typeof setInterval>

  @query('.search input') private searchInput?: HTMLInputElement
  @query('.rows') private rows?: HTMLElement

  #resize = new ResizeObserver(([entry]) => (this.viewportHeight = entry.contentRect.height))
  #observed = false

  protected createRenderRoot() {
    return this
  }

  connectedCallback() {
    super.connectedCallback()
    this.now = Date.now()
    this.#tick = setInterval(() => (this.now = Date.now()), TICK_MS)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#resize.disconnect()
    clearInterval(this.#tick)
  }

  focusSearch() {
    this.searchInput?.focus()
  }

  scrollToTop() {
    this.rows?.scrollTo({ top: 0 })
  }

  /** Scrolls the virtual list so that row `index` is in view. */
  reveal(index: number) {
    const rows = this.rows
    if (!rows) return
    const top = index * ROW_HEIGHT
    if (top < rows.scrollTop) rows.scrollTop = top
    else if (top + ROW_HEIGHT > rows.scrollTop + rows.clientHeight)
      rows.scrollTop = top + ROW_HEIGHT - rows.clientHeight
  }

  #select(id: string) {
    this.dispatchEvent(new CustomEvent('conversation-selected', { detail: id }))
  }

  #onScroll(event: Event) {
    const rows = event.target as HTMLElement
    this.listScrollTop = rows.scrollTop
    if (rows.scrollTop + rows.clientHeight > rows.scrollHeight - ROW_HEIGHT * 10)
      void this.source.loadMore()
  }

  updated() {
    // Spacer heights go through the CSSOM (a strict style-src forbids style attributes).
    for (const spacer of this.querySelectorAll<HTMLElement>('.spacer')) {
      spacer.style.height = `${spacer.dataset.px}px`
    }
    if (this.rows && !this.#observed) {
      this.#observed = true
      this.#resize.observe(this.rows)
    }
  }

  /**
   * Why the list is empty: a search that found nothing (with a way back), filters that leave
   * nothing (unread only: all read), or an inbox with no conversations yet.
   */
  #renderEmpty() {
    const source = this.source
    if (!source?.loaded) return nothing
    if (source.loadedQuery) {
      return html`<parley-state
        kind="empty"
        heading=${this.t('inbox.noMatch', { query: source.loadedQuery })}
        ><parley-button variant="secondary" size="sm" class="clear" @click=${this.#clearSearch}
          >${this.t('inbox.clearSearch')}</parley-button
        ></parley-state
      >`
    }
    const { status, assignee, unread } = this.filters
    if (status || assignee || unread) {
      const onlyUnread = unread && !status && !assignee
      return html`<parley-state
        kind="empty"
        heading=${this.t(onlyUnread ? 'inbox.noUnread' : 'inbox.noFilterMatch')}
        ><parley-button
          variant="secondary"
          size="sm"
          class="clear"
          @click=${() => this.source.clearFilters()}
          >${this.t('inbox.clearFilters')}</parley-button
        ></parley-state
      >`
    }
    return html`<parley-state kind="empty" heading=${this.t('inbox.empty')}></parley-state>`
  }

  /** Anyone, mine, unassigned, then each teammate (the API's `assignee=me|none|<memberId>`). */
  #assigneeFilters(): ListOption[] {
    const teammates = this.members
      .filter((m) => m.id !== this.me && m.role !== 'viewer')
      .sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id, localeFor(this)))
    return [
      { value: '', label: this.t('inbox.filter.anyone') },
      { value: 'me', label: this.t('inbox.filter.mine') },
      { value: 'none', label: this.t('inbox.unassigned') },
      ...teammates.map((m) => ({ value: m.id, label: m.name ?? m.id, avatar: m.avatarUrl ?? '' })),
    ]
  }

  #clearSearch = () => {
    this.source.search('', true)
    this.focusSearch()
  }

  render() {
    const { filters } = this
    const conversations = this.conversations
    const context: RowContext = {
      t: (key, params) => this.t(key, params),
      locale: localeFor(this),
      now: this.now,
      me: this.me,
      members: this.members,
      selected: this.selected,
      select: (id) => this.#select(id),
    }
    const { start, end, before, after } = visibleRange(
      this.listScrollTop,
      this.viewportHeight,
      ROW_HEIGHT,
      conversations.length
    )
    return html`<nav part="list" aria-label=${this.t('inbox.conversations')}>
      <div class="search">
        <parley-button
          class="settings-toggle"
          variant="secondary"
          size="sm"
          expanded=${this.settingsOpen ? 'true' : 'false'}
          @click=${() => this.dispatchEvent(new Event('settings-toggled'))}
          >${GEAR}${this.t('inbox.settings')}</parley-button
        >
        <input
          type="search"
          aria-label=${this.t('inbox.search')}
          placeholder=${this.t('inbox.search')}
          .value=${this.query}
          @input=${(e: InputEvent) => this.source.search((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="filters">
        <parley-select
          class="status-filter"
          label=${this.t('inbox.statusLabel')}
          hide-label
          size="sm"
          .options=${[
            { value: '', label: this.t('inbox.filter.anyStatus') },
            ...STATUSES.map((s) => ({ value: s, label: this.t(`inbox.status.${s}`) })),
          ]}
          .value=${live(filters.status)}
          @change=${(e: SelectChangeEvent) => this.source.setFilter({ status: e.detail.value })}
        ></parley-select>
        <parley-select
          class="assignee-filter"
          label=${this.t('inbox.assignee')}
          hide-label
          size="sm"
          .options=${this.#assigneeFilters()}
          .value=${live(filters.assignee)}
          @change=${(e: SelectChangeEvent) => this.source.setFilter({ assignee: e.detail.value })}
        ></parley-select>
        <label
          ><input
            type="checkbox"
            .checked=${filters.unread}
            @change=${(e: Event) => this.source.setFilter({ unread: (e.target as HTMLInputElement).checked })}
          />
          ${this.t('inbox.filter.unread')}</label
        >
      </div>
      ${
        conversations.length === 0
          ? this.#renderEmpty()
          : html`<div class="rows" @scroll=${this.#onScroll}>
              <div class="spacer" data-px=${before}></div>
              <ul>
                ${repeat(
                  conversations.slice(start, end),
                  (c) => c.id,
                  (c, i) => renderRow(c, start + i, conversations.length, context)
                )}
              </ul>
              <div class="spacer" data-px=${after}></div>
            </div>`
      }
    </nav>`
  }
}

define('parley-conversation-list', ParleyConversationList)

declare global {
  interface HTMLElementTagNameMap {
    'parley-conversation-list': ParleyConversationList
  }
}
