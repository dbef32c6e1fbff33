import { html, nothing } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { api, whenConfigured } from '../kit/runtime.js'
import { messageStyles } from '../kit/conversation/message.js'
import '../kit/primitives/button.js'
import '../kit/primitives/state.js'
import './inbox.locales.js'
import './conversation-list.js'
import './thread.js'
import './panel.component.js'
import type { ParleyConversationList } from './conversation-list.js'
import type { ParleyThread } from './thread.js'
import type { ConversationPatch } from './panel.component.js'
import { inboxStyles } from './inbox.styles.js'
import { ConversationsController } from './conversations-controller.js'
import { ThreadController } from './thread-controller.js'
import { PresenceController } from './presence-controller.js'
import type { Conversation, Me } from './inbox.types.js'

/** Where keys are the field's own, not the inbox's shortcuts. */
const TYPING = new Set([
  'textarea',
  'input',
  'select',
  'parley-select',
  'parley-combobox',
  'parley-menu',
  'parley-date-time-picker',
  'parley-tag-input',
])

/**
 * The inbox: the workspace's conversations and their threads, live. Pin it to one conversation
 * with `conversation="<id>"` or to one contact's conversations with `contact="<id>"` (a host page
 * embedding a single thread), or use `compact` in the launcher's panel. User content is always
 * rendered as text.
 *
 * Built of `<parley-conversation-list>`, `<parley-thread>` (with `<parley-message>` bubbles and
 * the composer) and `<parley-conversation-panel>`, fed by controllers for the list, the open thread
 * and the team's presence.
 *
 * Keyboard: j / k move between conversations, e resolves the open one, / focuses the search.
 *
 * @event parley-error - Something could not be loaded or sent (`code` is the API's error code).
 * @event parley-unread-changed - How many conversations have something unread for the member
 *   changed (`count`); a launcher hosting the inbox shows it as its badge.
 * @csspart base - The whole inbox.
 * @csspart list - The conversation list.
 * @csspart thread - The open conversation.
 * @csspart messages - The scrolling list of messages.
 * @csspart bubble - One message (also `bubble mine`, `bubble note`).
 * @csspart details - The side panel (assignee, status, priority, tags, notes).
 * @cssproperty --parley-inbox-bubble-radius - Corner radius of message bubbles.
 * @cssproperty --parley-inbox-bubble - Background of others' messages.
 * @cssproperty --parley-inbox-own-bubble - Background of your messages.
 * @cssproperty --parley-inbox-own-bubble-color - Text colour of your messages.
 * @cssproperty --parley-inbox-note - Background of internal notes.
 */
export class ParleyInbox extends ParleyElement {
  static styles = [ParleyElement.styles, inboxStyles, messageStyles]

  /** Pins the inbox to one conversation (no list). */
  @property({ reflect: true }) conversation?: string
  /** Shows only this contact's conversations. */
  @property({ reflect: true }) contact?: string
  /** Tighter layout for the launcher's panel. */
  @property({ type: Boolean, reflect: true }) compact = false

  /** The signed-in member and their workspace. @internal */
  me?: Me
  @state() private loadState: 'loading' | 'ready' | 'error' = 'loading'
  @state() private error?: string
  @state() private panelOpen = true
  /** The settings (channels, canned responses) in place of the thread. */
  @state() private settingsOpen = false

  @query('parley-conversation-list') private listView?: ParleyConversationList
  @query('parley-thread') private threadView?: ParleyThread

  #list = new ConversationsController(this)
  #thread = new ThreadController(this)
  #team = new PresenceController(this)
  /** Every tag seen on a listed conversation: the panel suggests them (no workspace tag list). */
  #knownTags = new Set<string>()
  #tagList?: string[]

  connectedCallback() {
    super.connectedCallback()
    this.addEventListener('keydown', this.#onKeydown)
    void this.#load()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.removeEventListener('keydown', this.#onKeydown)
  }

  async #load() {
    this.loadState = 'loading'
    try {
      await whenConfigured()
      // The details panel starts open only where it fits beside the thread.
      this.panelOpen = !this.compact && this.getBoundingClientRect().width >= 1000
      this.me ??= await api().request<Me>('/v1/me')
      void this.#team.load()
      if (this.conversation) {
        await this.#open(this.conversation)
      } else {
        // Live updates start beside the first load: a page whose stream cannot connect yet still
        // shows its conversations (the realtime client keeps trying and catches up).
        void this.#list.subscribe().catch((error) => this.fail(error))
        await this.#list.load()
      }
      this.loadState = 'ready'
    } catch (error) {
      this.fail(error)
      this.loadState = 'error'
    }
  }

  // What the controllers need of the inbox.

  /** Reports a failure to the host page and shows it. @internal */
  fail(error: unknown) {
    this.error = this.reportError(error)
  }

  /** @internal */
  selectedId() {
    return this.#thread.selected
  }

  /** @internal */
  listReloaded() {
    this.listView?.scrollToTop()
  }

  /** @internal */
  atEnd() {
    return this.threadView?.atEnd() ?? true
  }

  /** @internal */
  scrollToEnd() {
    this.threadView?.scrollToEnd()
  }

  /** @internal */
  keepPosition() {
    return this.threadView?.keepPosition() ?? (() => {})
  }

  /** Waits for the thread and its bubbles too, so that scrolling measures them. */
  protected async getUpdateComplete() {
    const done = await super.getUpdateComplete()
    await this.threadView?.updateComplete
    return done
  }

  async #open(id: string) {
    this.settingsOpen = false
    await this.#thread.open(
      id,
      () => this.#list.ensure(id),
      () => this.#list.markRead(id)
    )
  }

  async #update(patch: ConversationPatch) {
    const id = this.#thread.selected
    if (!id) return
    try {
      const updated = await api().request<Conversation>(`/v1/conversations/${id}`, {
        method: 'PATCH',
        body: patch,
      })
      this.#list.merge(updated)
    } catch (error) {
      this.fail(error)
    }
  }

  #onKeydown = (event: KeyboardEvent) => {
    // Letters typed in a field or a kit control (a select's typeahead) are not shortcuts.
    if (event.composedPath().some((node) => TYPING.has((node as Element).localName))) return
    const conversations = this.#list.conversations
    const index = conversations.findIndex((c) => c.id === this.#thread.selected)
    if (event.key === 'j' || event.key === 'k') {
      const next =
        conversations[
          Math.max(0, Math.min(conversations.length - 1, index + (event.key === 'j' ? 1 : -1)))
        ]
      if (next) {
        void this.#open(next.id)
        this.listView?.reveal(conversations.indexOf(next))
      }
    } else if (event.key === 'e') {
      void this.#update({ status: 'resolved' })
    } else if (event.key === '/') {
      event.preventDefault()
      this.listView?.focusSearch()
    }
  }

  async #toggleSettings() {
    this.settingsOpen = !this.settingsOpen
    if (this.settingsOpen) {
      this.#thread.close()
      // Its own chunk, fetched the first time (each section's too, when it opens).
      await import('./inbox-settings.js')
    }
  }

  render() {
    if (this.loadState === 'loading') return html`<parley-state kind="loading"></parley-state>`
    if (this.loadState === 'error') {
      return html`<parley-state
        kind="error"
        message=${this.error ?? ''}
        @parley-retry-requested=${() => this.#load()}
      ></parley-state>`
    }
    const selected = this.#thread.selected
    const classes = [
      selected || this.settingsOpen ? 'showing-thread' : '',
      selected && this.panelOpen ? 'with-details' : '',
    ]
    return html`<div part="base" class=${classes.join(' ')}>
      <parley-conversation-list
        .source=${this.#list}
        .conversations=${this.#list.conversations}
        .filters=${this.#list.filters}
        .query=${this.#list.query}
        .selected=${selected}
        .members=${this.#team.members}
        .me=${this.me?.member.id}
        ?settings-open=${this.settingsOpen}
        .locale=${this.locale}
        @conversation-selected=${(e: CustomEvent<string>) => this.#open(e.detail)}
        @settings-toggled=${() => this.#toggleSettings()}
      ></parley-conversation-list>
      ${this.#renderThread()} ${this.#renderDetails()}
    </div>`
  }

  #renderThread() {
    const selected = this.#thread.selected
    if (this.settingsOpen && !selected) {
      return html`<section part="thread" class="settings">
        <header>
          <parley-button
            class="back"
            variant="ghost"
            size="sm"
            label=${this.t('inbox.back')}
            @click=${() => (this.settingsOpen = false)}
            >←</parley-button
          >
          <h2>${this.t('inbox.settings')}</h2>
        </header>
        <parley-inbox-settings .locale=${this.locale}></parley-inbox-settings>
      </section>`
    }
    if (!selected)
      return html`<section part="thread">
        <p class="placeholder">${this.t('inbox.pick')}</p>
      </section>`
    return html`<parley-thread
      .source=${this.#thread}
      .messages=${this.#thread.messages}
      .typing=${this.#thread.typing}
      .earlier=${this.#thread.earlierCursor}
      .conversation=${this.#list.find(selected)}
      .me=${this.me}
      .members=${this.#team.members}
      ?panel-open=${this.panelOpen}
      .locale=${this.locale}
      @thread-closed=${() => this.#thread.close()}
      @details-toggled=${() => (this.panelOpen = !this.panelOpen)}
      @conversation-changed=${(e: CustomEvent<ConversationPatch>) => this.#update(e.detail)}
    ></parley-thread>`
  }

  #tagsSeen() {
    const before = this.#knownTags.size
    for (const c of this.#list.conversations)
      for (const tag of c.tags ?? []) this.#knownTags.add(tag)
    if (before !== this.#knownTags.size || !this.#tagList)
      this.#tagList = [...this.#knownTags].sort()
    return this.#tagList
  }

  #renderDetails() {
    const conversation = this.#list.find(this.#thread.selected)
    if (!conversation || !this.panelOpen) return nothing
    return html`<aside part="details" aria-label=${this.t('inbox.details')}>
      <header>
        <h2>${this.t('inbox.details')}</h2>
        <parley-button
          variant="ghost"
          size="sm"
          label=${this.t('inbox.closePanel')}
          @click=${() => (this.panelOpen = false)}
          >×</parley-button
        >
      </header>
      <parley-conversation-panel
        .conversation=${conversation}
        .me=${this.me?.member.id}
        .knownTags=${this.#tagsSeen()}
        .members=${this.#team.members}
        .presence=${this.#team.presence}
        .notes=${this.#thread.messages.filter((m) => m.type === 'note' && !m.deletedAt)}
        ?read-only=${this.me?.member.role === 'viewer'}
        @parley-conversation-change=${(e: CustomEvent<ConversationPatch>) => this.#update(e.detail)}
      ></parley-conversation-panel>
    </aside>`
  }
}
