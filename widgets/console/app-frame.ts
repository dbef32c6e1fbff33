import { html, nothing, type TemplateResult } from 'lit'

/** One entry of the navigation. */
export interface FrameLink {
  page: string
  href: string
  label: string
}

export interface FrameOptions {
  /** The skip control's words ("Skip to content"). */
  skipLabel: string
  menuLabel: string
  menuOpen: boolean
  toggleMenu: () => void
  /** What heads the bar: the tenant's or the product's name, in a span of this class. */
  title: string
  titleClass: string
  /** The account menu, with whatever links it carries. */
  account: TemplateResult
  navLabel: string
  links: readonly FrameLink[]
  current: string
  /** A click on a navigation link (the app changes page without a load). */
  follow?: (event: MouseEvent, page: string) => void
  main: TemplateResult | typeof nothing
}

/**
 * The first-party apps' frame (the console, the platform admin), drawn inside the app's own
 * shadow root with appShellStyles: a skip control, the header with the menu toggle (the
 * navigation is a disclosure on phones), the navigation and the main region.
 */
export function appFrame(options: FrameOptions) {
  const root = (event: Event) => (event.currentTarget as Element).getRootNode() as ShadowRoot
  return html`
    <button class="skip button" type="button" @click=${(e: Event) => focusMain(root(e))}>
      ${options.skipLabel}
    </button>
    <header>
      <button
        class="button"
        id="menu-toggle"
        aria-expanded=${options.menuOpen}
        aria-controls="nav"
        @click=${options.toggleMenu}
      >
        ${options.menuLabel}
      </button>
      <span class=${options.titleClass}>${options.title}</span>
      ${options.account}
    </header>
    <div class="layout">
      <nav
        id="nav"
        class=${options.menuOpen ? 'open' : ''}
        aria-label=${options.navLabel}
        @keydown=${(e: KeyboardEvent) => navKeydown(root(e), e)}
      >
        <ul>
          ${options.links.map(
            (link) =>
              html`<li>
                <a
                  href=${link.href}
                  data-page=${link.page}
                  aria-current=${link.page === options.current ? 'page' : nothing}
                  @click=${(event: MouseEvent) => options.follow?.(event, link.page)}
                >
                  ${link.label}
                </a>
              </li>`
          )}
        </ul>
      </nav>
      <main id="main" tabindex="-1">${options.main}</main>
    </div>
  `
}

/**
 * Keyboard and screen-reader users start at the page's content. (A `#main` link cannot reach
 * it: the region is inside the app's shadow root.)
 */
export function focusMain(root: ShadowRoot | HTMLElement) {
  root.querySelector<HTMLElement>('main')?.focus()
}

/** Up/Down/Home/End move between the navigation's links (Tab still leaves the list). */
function navKeydown(root: ShadowRoot, event: KeyboardEvent) {
  const links = [...root.querySelectorAll<HTMLAnchorElement>('nav a')]
  const at = links.indexOf(root.activeElement as HTMLAnchorElement)
  if (at < 0) return
  const next = {
    ArrowDown: (at + 1) % links.length,
    ArrowUp: (at - 1 + links.length) % links.length,
    Home: 0,
    End: links.length - 1,
  }[event.key]
  if (next === undefined) return
  event.preventDefault()
  links[next].focus()
}
