import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { ParleyUnreadChangedEvent } from '../kit/events/index.js'

/**
 * Whether the visitor can see the chat (the tab is visible and the chat is on screen: a closed
 * launcher panel hides it), and what follows from the replies they have not read: a
 * `parley-unread-changed` event (a launcher shows it as its badge) and, while they cannot see
 * the chat, the page's title ("(2) …", restored once read or seen).
 */
export class AttentionController implements ReactiveController {
  /** The visitor can see the chat now. */
  seen = false
  #unread = 0
  #onScreen = false
  #observer?: IntersectionObserver
  #baseTitle = ''
  #ourTitle?: string

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Called each time the chat comes into sight (to mark what shows as read). */
    private readonly onSeen: () => void
  ) {
    host.addController(this)
  }

  hostConnected() {
    this.#observer = new IntersectionObserver((entries) => {
      this.#onScreen = entries.at(-1)!.isIntersecting
      this.#update()
    })
    this.#observer.observe(this.host)
    document.addEventListener('visibilitychange', this.#update)
  }

  hostDisconnected() {
    this.#observer?.disconnect()
    document.removeEventListener('visibilitychange', this.#update)
    this.#seenChanged(false)
    this.unread = 0
  }

  get unread() {
    return this.#unread
  }

  /** Replies the visitor has not read: told to the host page and shown in the title. */
  set unread(count: number) {
    if (count === this.#unread) return
    this.#unread = count
    this.host.dispatchEvent(new ParleyUnreadChangedEvent(count))
    this.#title()
  }

  #update = () => {
    this.#seenChanged(document.visibilityState === 'visible' && this.#onScreen)
  }

  #seenChanged(seen: boolean) {
    const cameIntoSight = seen && !this.seen
    this.seen = seen
    if (cameIntoSight) this.onSeen()
    this.#title()
  }

  /** The host's own title, with the count in front while there is something unseen. */
  #title() {
    const ours = this.#ourTitle !== undefined && document.title === this.#ourTitle
    // The host may have changed its title since (a single-page app): that is the new base.
    const base = ours ? this.#baseTitle : document.title
    if (this.#unread > 0 && !this.seen) {
      this.#baseTitle = base
      this.#ourTitle = `(${this.#unread}) ${base}`
      document.title = this.#ourTitle
    } else {
      if (ours) document.title = base
      this.#ourTitle = undefined
    }
  }
}
