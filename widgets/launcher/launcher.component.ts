import { html, nothing, svg } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js'
import { ParleyElement } from '../kit/parley-element.js'
import {
  ParleyLauncherClosedEvent,
  ParleyLauncherOpenedEvent,
  ParleyUnreadChangedEvent,
} from '../kit/events/index.js'
import { deepActiveElement, focusableWithin } from '../kit/focus.js'
import { loadWidget } from '../kit/runtime.js'
import { BrandController, brandLogoStyles } from '../kit/brand.js'
import '../kit/primitives/badge.js'
import { launcherStyles } from './launcher.styles.js'

export const LAUNCHER_ICONS = ['chat', 'help', 'mic', 'campaign'] as const
export type LauncherIcon = (typeof LAUNCHER_ICONS)[number]

const ICONS: Record<LauncherIcon, ReturnType<typeof svg>> = {
  chat: svg`<path d="M4 5h16v11H8l-4 4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>`,
  help: svg`<circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5V14M12 17.5v.01" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`,
  mic: svg`<rect x="9" y="3" width="6" height="11" rx="3" fill="none" stroke="currentColor" stroke-width="2"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`,
  campaign: svg`<path d="M4 10v4h3l6 4V6L7 10z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><path d="M17 9a4 4 0 0 1 0 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`,
}

const WIDGET_NAME = /^[a-z][a-z0-9-]{0,30}$/
/**
 * Widgets that paint their own panel (slotted, they fill it edge to edge), under Parley's name or
 * the tenant's element prefix (`<acme-chat>`; prefixes have no hyphen).
 */
const HOSTED = /^[a-z][a-z0-9]*-(chat|inbox|recorder|account|campaigns|billing)$/

/** A pointer press outside the panel this recently lets focus leave it (the user went elsewhere). */
const OUTSIDE_PRESS_MS = 1000

/**
 * A floating button that opens any Parley widget in a panel. Both sit on the browser's top layer
 * (the Popover API), so no host z-index can cover them. The panel is resizable on desktop,
 * full-screen on phones and kept above the on-screen keyboard (`visualViewport`); Escape closes
 * it, focus stays inside while it is open (through clicks on it, re-renders of its content and
 * removed elements) and returns to the button when it closes.
 *
 * The badge shows what the hosted widget says its user has not read (`parley-unread-changed`
 * from inside the panel), or `unread` when the host sets it. A named `widget` is loaded when the
 * page is idle, so it can report replies before the panel is first opened. A slotted widget
 * (`<parley-chat>`…) fills the panel edge to edge (the launcher marks itself `flush`). The title
 * bar shows the tenant's logo (Branding) and, when no `label` is given, its display name.
 *
 * @slot - Content of the panel when no `widget` is named.
 * @event parley-launcher-opened - The panel opened.
 * @event parley-launcher-closed - The panel closed.
 * @csspart base - Wraps the button's dock and the panel (laid out as its contents).
 * @csspart dock - The top-layer container of the button.
 * @csspart button - The floating button.
 * @csspart panel - The panel.
 * @csspart header - The panel's title bar.
 * @csspart logo - The tenant's logo in the title bar, on its light tile (none set, or broken: not there).
 * @csspart body - The panel's content.
 * @cssproperty --parley-launcher-size - Diameter of the button (default 56px).
 * @cssproperty --parley-launcher-offset - Distance from the viewport's edges (default 20px).
 * @cssproperty --parley-launcher-background - Button and title bar colour (default: primary).
 * @cssproperty --parley-launcher-color - Icon and title colour (default: on-primary).
 * @cssproperty --parley-launcher-panel-width - Panel width on desktop (default 380px).
 * @cssproperty --parley-launcher-panel-height - Panel height on desktop.
 * @cssproperty --parley-launcher-panel-radius - Panel corner radius.
 * @cssproperty --parley-launcher-logo-background - The tile behind the logo (default: white).
 */
export class ParleyLauncher extends ParleyElement {
  static styles = [ParleyElement.styles, brandLogoStyles, launcherStyles]

  /** The widget the panel shows (`inbox`, `recorder`…); its code loads on first open. */
  @property() widget?: string
  /** Title of the panel and accessible name of the button (default: the tenant's display name). */
  @property() label?: string
  /** The corner of the viewport the button sits in. */
  @property({ reflect: true }) position: 'bottom-right' | 'bottom-left' = 'bottom-right'
  /** The button's icon. */
  @property() icon: 'chat' | 'help' | 'mic' | 'campaign' = 'chat'
  /** Unread count shown on the button (the hosted widget's `parley-unread-changed` sets it). */
  @property({ type: Number }) unread = 0
  /** Whether the panel is open; set it, or call `show()`, `hide()`, `toggle()`. */
  @property({ type: Boolean, reflect: true }) open = false
  @state() private widgetReady = false

  @query('[part="dock"]') private dock!: HTMLElement
  @query('[part="panel"]') private panel!: HTMLElement
  @query('[part="button"]') private button!: HTMLButtonElement

  #returnFocusTo: HTMLElement | null = null
  #brand = new BrandController(this)
  #viewportCleanup?: () => void
  #outsidePressAt = 0

  constructor() {
    super()
    // From the slotted widget, or the one in the panel (composed events cross its shadow root).
    this.addEventListener(ParleyUnreadChangedEvent.type, (event) => {
      this.unread = Math.max(0, event.count)
    })
  }

  /** Opens the panel. */
  show() {
    this.open = true
  }

  /** Closes the panel (focus goes back to where it was). */
  hide() {
    this.open = false
  }

  /** Opens the panel if it is closed, closes it if it is open. */
  toggle() {
    this.open = !this.open
  }

  connectedCallback() {
    super.connectedCallback()
    // Re-attached (SPA navigation, a move in the DOM): the top layer was left, so re-enter it.
    if (this.hasUpdated) void this.updateComplete.then(() => this.#sync(true))
    document.addEventListener('keydown', this.#onDocumentKeydown)
    document.addEventListener('pointerdown', this.#onDocumentPointerdown, true)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#viewportCleanup?.()
    document.removeEventListener('keydown', this.#onDocumentKeydown)
    document.removeEventListener('pointerdown', this.#onDocumentPointerdown, true)
  }

  firstUpdated() {
    this.#sync(true)
  }

  updated(changed: Map<string, unknown>) {
    if (changed.has('open') && changed.get('open') !== undefined) this.#sync(false)
    if (changed.has('open') && this.open) void this.#ensureWidget()
    else if (changed.has('widget') && this.widget) this.#whenIdle(() => void this.#ensureWidget())
  }

  render() {
    const label = this.label ?? this.#brand.name ?? this.t('launcher.defaultLabel')
    const buttonLabel = [
      this.t('launcher.open', { label }),
      this.unread > 0 ? this.t('launcher.unread', { count: this.unread }) : '',
    ]
      .filter(Boolean)
      .join(', ')
    return html`<div part="base">
      <div part="dock" popover="manual">
        <button
          part="button"
          aria-label=${buttonLabel}
          aria-expanded=${String(this.open)}
          aria-controls="panel"
          @click=${this.toggle}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">${ICONS[this.icon] ?? ICONS.chat}</svg>
          <parley-badge .count=${this.unread}></parley-badge>
        </button>
      </div>
      <div
        id="panel"
        part="panel"
        popover="manual"
        role="dialog"
        aria-labelledby="title"
        tabindex="-1"
        @keydown=${this.#onKeydown}
        @focusout=${this.#onFocusOut}
      >
        <span
          tabindex="0"
          class="sentinel"
          @focus=${(e: FocusEvent) => this.#wrapFocus(e.relatedTarget === this.panel ? 'start' : 'end')}
        ></span>
        <div part="header">
          <div class="title">
            ${this.#brand.logo(label)}
            <h2 id="title">${label}</h2>
          </div>
          <button class="close" aria-label=${this.t('launcher.close')} @click=${this.hide}>
            ×
          </button>
        </div>
        <div part="body">${this.#content()}</div>
        <span tabindex="0" class="sentinel" @focus=${() => this.#wrapFocus('start')}></span>
      </div>
    </div>`
  }

  #content() {
    if (!this.widget) return html`<slot @slotchange=${this.#onSlotChange}></slot>`
    if (!WIDGET_NAME.test(this.widget) || !this.widgetReady) return nothing
    const tag = unsafeStatic(`parley-${this.widget}`)
    return staticHtml`<${tag} compact></${tag}>`
  }

  /** A slotted widget fills the panel edge to edge; other content keeps the panel's padding. */
  #onSlotChange(event: Event) {
    const assigned = (event.target as HTMLSlotElement).assignedElements()
    this.toggleAttribute('flush', assigned.length === 1 && HOSTED.test(assigned[0].localName))
  }

  #whenIdle(run: () => void) {
    if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 3000 })
    else setTimeout(run, 200)
  }

  async #ensureWidget() {
    if (!this.widget || !WIDGET_NAME.test(this.widget) || this.widgetReady) return
    await loadWidget(this.widget)
    this.widgetReady = true
  }

  /** Shows or hides the popovers to match `open`, moving focus in and back out. */
  #sync(initial: boolean) {
    if (!this.isConnected) return
    if (!this.dock.matches(':popover-open')) this.dock.showPopover()
    const shown = this.panel.matches(':popover-open')
    if (this.open && !shown) {
      // Opened by a script while nothing had focus: focus returns to the button.
      this.#returnFocusTo = this.#focusIsNowhere()
        ? this.button
        : (deepActiveElement() as HTMLElement | null)
      this.panel.showPopover()
      this.#followViewport()
      void this.updateComplete.then(() =>
        (
          focusableWithin(this.panel).find((e) => !e.classList.contains('sentinel')) ?? this.panel
        ).focus()
      )
      if (!initial) this.emit(new ParleyLauncherOpenedEvent(this.widget ?? null))
    } else if (!this.open && shown) {
      this.panel.hidePopover()
      this.#viewportCleanup?.()
      const target = this.#returnFocusTo?.isConnected ? this.#returnFocusTo : this.button
      target.focus()
      this.emit(new ParleyLauncherClosedEvent(this.widget ?? null))
    }
  }

  #onKeydown(event: KeyboardEvent) {
    // The panel itself holds focus (after a click on text, or a removed element): Tab goes in.
    if (event.key === 'Tab' && this.shadowRoot!.activeElement === this.panel) {
      event.preventDefault()
      this.#wrapFocus(event.shiftKey ? 'end' : 'start')
      return
    }
    // A control inside that handles Escape itself (a picker, a menu) prevents the default.
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.stopPropagation()
      this.hide()
    }
  }

  /** Escape while focus is nowhere (it was lost before this fix could catch it) still closes. */
  #onDocumentKeydown = (event: KeyboardEvent) => {
    if (!this.open || event.key !== 'Escape' || event.defaultPrevented) return
    if (this.#focusIsNowhere()) this.hide()
  }

  #onDocumentPointerdown = (event: PointerEvent) => {
    if (!event.composedPath().includes(this.panel)) this.#outsidePressAt = Date.now()
  }

  /**
   * Focus left the panel for nowhere: the focused element was removed or re-rendered, or the user
   * clicked something in it that takes no focus. Bring it back to the panel, unless the user
   * pressed somewhere outside (the host page is theirs to use while the panel stays open).
   */
  #onFocusOut(event: FocusEvent) {
    if (event.relatedTarget) return
    setTimeout(() => {
      if (!this.open || Date.now() - this.#outsidePressAt < OUTSIDE_PRESS_MS) return
      if (this.#focusIsNowhere()) this.panel.focus({ preventScroll: true })
    })
  }

  #focusIsNowhere() {
    const active = deepActiveElement()
    return !active || active === document.body || active === document.documentElement
  }

  /** Tab past the last element comes back to the first, Shift+Tab before the first to the last. */
  #wrapFocus(to: 'start' | 'end') {
    const focusable = focusableWithin(this.panel).filter((e) => !e.classList.contains('sentinel'))
    ;(to === 'start' ? focusable[0] : focusable.at(-1))?.focus()
  }

  /**
   * On phones the on-screen keyboard shrinks the visual viewport, not the layout viewport: size
   * the panel to what is visible so the composer is never hidden behind the keyboard.
   */
  #followViewport() {
    const viewport = window.visualViewport
    if (!viewport) return
    const fit = () => {
      if (!matchMedia('(max-width: 640px)').matches) {
        this.panel.style.removeProperty('height')
        this.panel.style.removeProperty('top')
        return
      }
      this.panel.style.setProperty('height', `${viewport.height}px`)
      this.panel.style.setProperty('top', `${viewport.offsetTop}px`)
    }
    fit()
    viewport.addEventListener('resize', fit)
    viewport.addEventListener('scroll', fit)
    this.#viewportCleanup = () => {
      viewport.removeEventListener('resize', fit)
      viewport.removeEventListener('scroll', fit)
    }
  }
}
