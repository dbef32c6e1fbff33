import type { ReactiveController, ReactiveControllerHost } from 'lit'

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment }

interface PopupOptions {
  /** What the popup opens from. */
  anchor: () => Element | null | undefined
  /** The `popover` element. */
  panel: () => HTMLElement | null | undefined
  /** A press outside the host (the popup is inside it): close. */
  onOutside: () => void
  /** Which edges of popup and anchor line up: `start` (left), or `end` (right). */
  align?: () => 'start' | 'end'
}

const GAP = 4
const MARGIN = 8

/**
 * Shows a popup on the browser's top layer (Popover API, `popover="manual"`, so the host decides
 * when it closes; or a `<dialog>`, shown modally) next to its anchor: below it, or above when there is more room there, never off
 * screen, kept next to it while anything scrolls or resizes. The position goes through a stylesheet
 * of the host's own (`--_popup-*` variables), never a style attribute: strict-CSP hosts.
 */
export class PopupController implements ReactiveController {
  readonly #sheet = new CSSStyleSheet()
  #open = false
  #frame = 0
  #last?: string

  constructor(
    private host: Host,
    private options: PopupOptions
  ) {
    host.addController(this)
  }

  get isOpen() {
    return this.#open
  }

  hostConnected() {
    const root = this.host.renderRoot as ShadowRoot
    if (!root.adoptedStyleSheets.includes(this.#sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet]
  }

  hostDisconnected() {
    this.hide()
  }

  show() {
    const panel = this.options.panel()
    if (!panel) return
    if (panel instanceof HTMLDialogElement) {
      if (!panel.open) panel.showModal()
    } else if (!panel.matches(':popover-open')) panel.showPopover()
    this.place()
    if (this.#open) return
    this.#open = true
    document.addEventListener('pointerdown', this.#onPointerDown, true)
    this.#frame = requestAnimationFrame(this.#follow)
  }

  hide() {
    const panel = this.options.panel()
    if (panel instanceof HTMLDialogElement) {
      if (panel.open) panel.close()
    } else if (panel?.matches(':popover-open')) panel.hidePopover()
    if (!this.#open) return
    this.#open = false
    document.removeEventListener('pointerdown', this.#onPointerDown, true)
    cancelAnimationFrame(this.#frame)
  }

  /** Puts the popup below its anchor, or above when it does not fit below and fits better there. */
  place() {
    const anchor = this.options.anchor()?.getBoundingClientRect()
    const panel = this.options.panel()
    if (!anchor || !panel) return
    const viewport = { width: window.innerWidth, height: window.innerHeight }
    // First its width (at least the anchor's), then measure its natural height.
    this.#write({ width: anchor.width, space: viewport.height, top: 0, left: 0 })
    const natural = panel.scrollHeight + (panel.offsetHeight - panel.clientHeight)
    const below = viewport.height - anchor.bottom - GAP - MARGIN
    const above = anchor.top - GAP - MARGIN
    const up = natural > below && above > below
    const space = Math.max(0, up ? above : below)
    const height = Math.min(natural, space)
    const width = panel.getBoundingClientRect().width
    const start = this.options.align?.() === 'end' ? anchor.right - width : anchor.left
    this.#write({
      width: anchor.width,
      space,
      top: up ? anchor.top - GAP - height : anchor.bottom + GAP,
      left: Math.max(MARGIN, Math.min(start, viewport.width - width - MARGIN)),
    })
  }

  #write(at: { width: number; space: number; top: number; left: number }) {
    const px = (n: number) => `${Math.round(n)}px`
    this.#sheet.replaceSync(
      `:host { --_popup-width: ${px(at.width)}; --_popup-space: ${px(at.space)}; ` +
        `--_popup-top: ${px(at.top)}; --_popup-left: ${px(at.left)}; }`
    )
  }

  #onPointerDown = (event: PointerEvent) => {
    if (!event.composedPath().includes(this.host)) this.options.onOutside()
  }

  /**
   * Follows the anchor while open, once a frame: a scroll inside a widget's shadow root, a
   * resize or a layout change moves it, and scroll events from shadow roots never reach window.
   */
  #follow = () => {
    const box = this.options.anchor()?.getBoundingClientRect()
    const at = box && `${box.top},${box.left},${box.width},${innerWidth},${innerHeight}`
    if (at !== this.#last) {
      this.#last = at
      this.place()
    }
    this.#frame = requestAnimationFrame(this.#follow)
  }
}
