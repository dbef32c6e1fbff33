import { html, css } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console/console-element.js'
import { appShellStyles } from '../console/shell-styles.js'
import { appFrame, focusMain } from '../console/app-frame.js'
import { baseStyles } from '../kit/styles.js'
import type { MessageKey } from '../kit/localize.js'
import { ConsoleApiError, SESSION_ENDED } from '../console/api.js'
import type { ConsoleAccountMenu } from '../console/account-menu.js'
import '../console/sign-in.js'
import '../console/account-menu.js'
import '../console/invite-page.js'
import type { ConsoleInvitationAcceptedEvent } from '../console/invite-page.js'
import type { ConsoleSignedInEvent } from '../console/sign-in.js'
import { adminApi, type AdminMe } from './api.js'
import { NAV, pathOf, routeFromPath, type AdminNavigateEvent, type Route } from './routes.js'
import './admin.locales.js'
import './totp-setup.js'
import './tenants-page.js'
import './tenant-new-page.js'
import './tenant-page.js'
import './usage-page.js'
import './sessions-page.js'

/** The server's admin invitation tokens: pa_ and 32 random characters. */
const ADMIN_TOKEN = /^pa_[A-Za-z0-9_-]{32}$/

/**
 * The platform admin (/admin): sign-in (TOTP always; a first sign-in enrols it), then tenants,
 * a tenant, a new tenant, usage across tenants and the admin's sessions. Routes are paths under
 * `base`; the server answers each with this shell. Built from the console's pieces.
 */
@customElement('admin-app')
export class AdminApp extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    appShellStyles,
    css`
      #sessions-link {
        color: inherit;
      }
      .product {
        font-weight: var(--parley-font-weight-strong, 600);
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ]

  /** Where the admin lives; paths below it name its pages. */
  @property() base = '/admin'
  @state() me?: AdminMe
  @state() status: 'loading' | 'signed-out' | 'totp-setup' | 'signed-in' = 'loading'
  @state() route: Route = { page: 'tenants' }
  @state() private menuOpen = false
  @state() private inviteToken?: string
  @state() private signInNotice = ''
  @state() private signInEmail = ''
  @query('console-account-menu') private accountMenu?: ConsoleAccountMenu

  connectedCallback() {
    super.connectedCallback()
    this.route = routeFromPath(location.pathname, this.base)
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
      this.me = await adminApi.me()
      this.status = this.me.totpSetupRequired ? 'totp-setup' : 'signed-in'
    } catch (error) {
      if (!(error instanceof ConsoleApiError)) throw error
      this.status = 'signed-out'
    }
  }

  updated() {
    document.title = `${this.#pageTitle()} · ${this.t('admin.title')}`
  }

  #pageTitle() {
    if (this.status !== 'signed-in') return this.t('admin.signIn.title')
    const page =
      this.route.page === 'new' || this.route.page === 'tenant' ? 'tenants' : this.route.page
    return this.t(`admin.nav.${page}`)
  }

  render() {
    if (this.status === 'loading')
      return html`<p class="loading" part="base" role="status">${this.t('console.loading')}</p>`
    if (this.inviteToken !== undefined)
      return html`<console-invite
        part="base"
        .token=${this.inviteToken}
        .tokenPattern=${ADMIN_TOKEN}
        .accept=${adminApi.acceptInvitation}
        .heading=${this.t('admin.invite.title')}
        @console-invitation-accepted=${this.#invitationAccepted}
      ></console-invite>`
    if (this.status === 'signed-out')
      return html`<console-sign-in
        part="base"
        .api=${adminApi}
        .brand=${this.t('admin.title')}
        .heading=${this.t('admin.signIn.title')}
        .notice=${this.signInNotice}
        .email=${this.signInEmail}
        @console-signed-in=${this.#signedIn}
      ></console-sign-in>`
    if (this.status === 'totp-setup')
      return html`<admin-totp-setup
        part="base"
        @console-totp-enabled=${() => void this.#loadMe()}
      ></admin-totp-setup>`
    const current =
      this.route.page === 'new' || this.route.page === 'tenant' ? 'tenants' : this.route.page
    return html`<div
      part="base"
      @click=${this.#followLink}
      @admin-navigate=${this.#navigateEvent}
      @console-sign-out=${this.#signOut}
    >
      ${appFrame({
        skipLabel: this.t('admin.skip'),
        menuLabel: this.t('admin.nav.menu'),
        menuOpen: this.menuOpen,
        toggleMenu: () => (this.menuOpen = !this.menuOpen),
        title: this.t('admin.title'),
        titleClass: 'product',
        account: html`<console-account-menu .me=${this.me}>
          <a class="button" id="sessions-link" href="${this.base}/sessions">
            ${this.t('admin.nav.sessions')}
          </a>
        </console-account-menu>`,
        navLabel: this.t('admin.nav.label'),
        links: NAV.map((page) => ({
          page,
          href: `${this.base}/${page}`,
          label: this.t(`admin.nav.${page}` as MessageKey),
        })),
        current,
        main: this.#page(),
      })}
    </div>`
  }

  #page() {
    const base = this.base
    switch (this.route.page) {
      case 'tenants':
        return html`<admin-tenants .base=${base}></admin-tenants>`
      case 'new':
        return html`<admin-tenant-new .base=${base}></admin-tenant-new>`
      case 'tenant':
        return html`<admin-tenant .base=${base} .tenantId=${this.route.id}></admin-tenant>`
      case 'usage':
        return html`<admin-usage .base=${base}></admin-usage>`
      case 'sessions':
        return html`<admin-sessions></admin-sessions>`
    }
  }

  /** Shows the page at `path` (under base), with its address in the history. */
  async navigate(path: string, { focus = true, push = true } = {}) {
    this.route = routeFromPath(path, this.base)
    this.menuOpen = false
    this.accountMenu?.toggle(false)
    const address = pathOf(this.route, this.base)
    if (push && location.pathname.startsWith(this.base) && location.pathname !== address)
      history.pushState(null, '', address)
    await this.updateComplete
    // A new page: keyboard and screen-reader users start at its content.
    if (focus) focusMain(this.renderRoot as ShadowRoot)
  }

  /** Links to the admin's own pages (in the frame or in a page) change page without a load. */
  #followLink = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const link = event
      .composedPath()
      .find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement)
    if (!link || link.target || link.hasAttribute('download')) return
    const url = new URL(link.href, location.href)
    if (url.origin !== location.origin || !url.pathname.startsWith(`${this.base}/`)) return
    if (url.hash && url.pathname === location.pathname) return
    event.preventDefault()
    void this.navigate(url.pathname)
  }

  #navigateEvent = (event: AdminNavigateEvent) => {
    event.stopPropagation()
    void this.navigate(event.path)
  }

  #popstate = () => {
    void this.navigate(location.pathname, { push: false, focus: false })
  }

  #sessionEnded = () => {
    if (this.status !== 'signed-in' && this.status !== 'totp-setup') return
    this.signInNotice = this.t('admin.sessionEnded')
    this.signInEmail = this.me?.user.email ?? ''
    this.me = undefined
    this.status = 'signed-out'
  }

  #invitationAccepted = (event: ConsoleInvitationAcceptedEvent) => {
    this.inviteToken = undefined
    this.signInNotice = this.t('admin.invite.done')
    this.signInEmail = event.user.email
    this.status = 'signed-out'
    // The spent token leaves the address bar and the history.
    if (location.pathname.startsWith(this.base))
      history.replaceState(null, '', `${this.base}/tenants`)
  }

  #signedIn = (event: ConsoleSignedInEvent) => {
    this.signInNotice = ''
    if (event.totpSetupRequired) this.status = 'totp-setup'
    else void this.#loadMe()
  }

  /** Sign-out from the account menu, or this browser's session revoked on the Sessions page. */
  #signOut = async () => {
    // Signed out locally whatever the answer: a session the server already dropped is gone too.
    await adminApi.signOut().catch(() => undefined)
    this.me = undefined
    this.status = 'signed-out'
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-app': AdminApp
  }
}
