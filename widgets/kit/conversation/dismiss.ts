import type { ReactiveController, ReactiveControllerHost } from 'lit'

/** One popup of an element: whether it is open, what counts as inside it, how it closes. */
export interface Dismissible {
  open(): boolean
  /** The popup and its opener: a press on them is not "outside". */
  inside(): (Element | null | undefined)[]
  /** Escape also says where focus goes back to; a press outside leaves focus where it went. */
  close(how: 'escape' | 'outside'): void
}

/**
 * Closes an element's popups the way people expect: Escape closes the open one (and goes no
 * further, so a launcher panel or dialog around it stays open), a press outside closes it. The
 * document is listened to only while one is open.
 */
export class DismissController implements ReactiveController {
  #listening = false

  constructor(
    private host: ReactiveControllerHost & HTMLElement,
    private popups: Dismissible[]
  ) {
    host.addController(this)
  }

  hostConnected() {
    this.host.addEventListener('keydown', this.#onKeydown)
  }

  hostDisconnected() {
    this.host.removeEventListener('keydown', this.#onKeydown)
    this.#listen(false)
  }

  hostUpdated() {
    this.#listen(this.popups.some((p) => p.open()))
  }

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    const open = this.popups.find((p) => p.open())
    if (!open) return
    event.preventDefault()
    event.stopPropagation()
    open.close('escape')
  }

  #onPointerdown = (event: Event) => {
    const path = event.composedPath()
    for (const popup of this.popups) {
      if (!popup.open()) continue
      if (!popup.inside().some((element) => element && path.includes(element)))
        popup.close('outside')
    }
  }

  #listen(on: boolean) {
    if (on === this.#listening) return
    this.#listening = on
    if (on) document.addEventListener('pointerdown', this.#onPointerdown, true)
    else document.removeEventListener('pointerdown', this.#onPointerdown, true)
  }
}
