import { html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from './console-element.js'
import { appShellStyles } from './shell-styles.js'
import { appFrame, focusMain } from './app-frame.js'
import { baseStyles } from '../kit/styles.js'
import { ConsoleApiError, SESSION_ENDED, consoleApi, type ConsoleMe } from './api.js'
import type { ConsoleSignedInEvent } from './sign-in.js'
import type { MessageKey } from '../kit/localize.js'
import './sign-in.js'
import './account-menu.js'
import './invite-page.js'
import type { ConsoleInvitationAcceptedEvent } from './invite-page.js'
import './theme/theme-editor.js'
import './settings/keys-page.js'
import './settings/audit-page.js'
import './settings/branding-page.js'
import './settings/domains-page.js'
import './settings/origins-page.js'
import './settings/providers-page.js'
import './settings/workspaces-page.js'
import './settings/usage-page.js'
import './account/security-page.js'
import './account/users-page.js'

/** The console's pages, in the navigation's order. */
export const PAGES = [
  'theme',
  'branding',
  'domains',
  'keys',
  'origins',
  'providers',
  'workspaces',
  'usage',
  'audit',
  'users',
  'security',
] as const
export type Page = (typeof PAGES)[number]

const pageFromPath = (path: string, base: string): Page => {
  const rest = path.startsWith(base) ? path.slice(base.length).replace(/^\/+/, '') : ''
  const name = rest.split('/')[0] as Page
  return PAGES.includes(name) ? name : 'theme'
}

/**
 * The partner console (/console): sign-in, then a navigation of its pages, the account menu, and
 * the page itself. Routes are paths under `base` (the server answers every one with this shell).
 */
@customElement('console-app')
export class ConsoleApp extends ConsoleElement {
  static styles = [baseStyles, consoleStyles, appShellStyles]

  /** Where the console lives; paths below it name its pages. */
  @property() base = '/console'
  @state() me?: ConsoleMe
  @state() status: 'loading' | 'signed-out' | 'signed-in' = 'loading'
  @state() page: Page = 'theme'
  @state() private menuOpen = false
  /** An invitation link's token (`/console/invite#ci_…`), until it is accepted. */
  @state() private inviteToken?: string
  /** What the sign-in form says first, and the email it starts with. */
  @state() private signInNotice = ''
  @state() private signInEmail = ''

  connectedCallback() {
    super.connectedCallback()
    this.page = pageFromPath(location.pathname, this.base)
    if (location.pathname === `${this.base}/invite`) this.inviteToken = location.hash.slice(1)
    window.addEventListener('popstate', this.#popstate)
    window.addEventListener(SESSION_ENDED, this.#sessionEnded)
    void this.#loadMe()
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    window.removeEventListener('popstate', this.#popstate)
    window.removeEventListener(SESSION_ENDED, this.#sessionEnded)
  }

  async #loadMe() {
    try {
      this.me = await consoleApi.me()
      this.status = 'signed-in'
    } catch (error) {
      if (!(error instanceof ConsoleApiError)) throw error
      this.status = 'signed-out'
    }
  }

  render() {
    if (this.status === 'loading')
      return html`<p class="loading" part="base" role="status">${this.t('console.loading')}</p>`
    if (this.inviteToken !== undefined)
      return html`<console-invite
        part="base"
        .token=${this.inviteToken}
        @console-invitation-accepted=${this.#invitationAccepted}
      ></console-invite>`
    if (this.status === 'signed-out')
      return html`<console-sign-in
        part="base"
        .notice=${this.signInNotice}
        .email=${this.signInEmail}
        @console-signed-in=${this.#signedIn}
      ></console-sign-in>`
    return html`<div part="base" @console-sign-out=${this.#signOut}>
      ${appFrame({
        skipLabel: this.t('console.skip'),
        menuLabel: this.t('console.nav.menu'),
        menuOpen: this.menuOpen,
        toggleMenu: () => (this.menuOpen = !this.menuOpen),
        title: this.me?.tenant?.name ?? this.t('console.title'),
        titleClass: 'tenant',
        account: html`<console-account-menu .me=${this.me}>
          <a
            class="button"
            href="${this.base}/security"
            @click=${(event: MouseEvent) => {
              this.renderRoot.querySelector('console-account-menu')?.toggle(false)
              this.#follow(event, 'security')
            }}
            >${this.t('console.nav.security' as MessageKey)}</a
          >
        </console-account-menu>`,
        navLabel: this.t('console.nav.label'),
        links: PAGES.map((page) => ({
          page,
          href: `${this.base}/${page}`,
          label: this.t(`console.nav.${page}` as MessageKey),
        })),
        current: this.page,
        follow: (event, page) => this.#follow(event, page as Page),
        main: this.#page(),
      })}
    </div>`
  }

  #page() {
    const role = this.me?.user?.role
    switch (this.page) {
      case 'theme':
        return html`<console-theme-editor .userRole=${role}></console-theme-editor>`
      case 'branding':
        return html`<console-branding .userRole=${role}></console-branding>`
      case 'domains':
        return html`<console-domains .userRole=${role}></console-domains>`
      case 'keys':
        return html`<console-keys .userRole=${role}></console-keys>`
      case 'origins':
        return html`<console-origins .userRole=${role}></console-origins>`
      case 'providers':
        return html`<console-providers .userRole=${role}></console-providers>`
      case 'workspaces':
        return html`<console-workspaces .userRole=${role}></console-workspaces>`
      case 'usage':
        return html`<console-usage .userRole=${role}></console-usage>`
      case 'audit':
        return html`<console-audit></console-audit>`
      case 'users':
        return html`<console-users></console-users>`
      case 'security':
        return html`<console-security></console-security>`
    }
  }

  /** Shows `page`, with its address in the history when the console runs at its own path. */
  async navigate(page: Page, { focus = true, push = true } = {}) {
    this.page = page
    this.menuOpen = false
    if (push && location.pathname.startsWith(this.base))
      history.pushState({ page }, '', `${this.base}/${page}`)
    await this.updateComplete
    // A new page: keyboard and screen-reader users start at its content.
    if (focus) focusMain(this.renderRoot as ShadowRoot)
  }

  #follow(event: MouseEvent, page: Page) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    void this.navigate(page)
  }

  #popstate = () => {
    void this.navigate(pageFromPath(location.pathname, this.base), { push: false, focus: false })
  }

  #sessionEnded = () => {
    if (this.status !== 'signed-in') return
    this.signInNotice = this.t('console.sessionEnded')
    this.signInEmail = this.me?.user.email ?? ''
    this.me = undefined
    this.status = 'signed-out'
  }

  #invitationAccepted = (event: ConsoleInvitationAcceptedEvent) => {
    this.inviteToken = undefined
    this.signInNotice = this.t('console.invite.done')
    this.signInEmail = event.user.email
    this.status = 'signed-out'
    // The spent token leaves the address bar and the history.
    if (location.pathname.startsWith(this.base))
      history.replaceState(null, '', `${this.base}/theme`)
  }

  #signedIn = (event: ConsoleSignedInEvent) => {
    this.signInNotice = ''
    if (event.me) {
      this.me = event.me
      this.status = 'signed-in'
    } else void this.#loadMe()
  }

  #signOut = async () => {
    // Signed out locally whatever the answer: a session the server already dropped is gone too.
    await consoleApi.signOut().catch(() => undefined)
    this.me = undefined
    this.status = 'signed-out'
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-app': ConsoleApp
  }
}
