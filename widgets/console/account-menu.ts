import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles, setConsoleScheme } from './console-element.js'
import { baseStyles } from '../kit/styles.js'
import { localeFor, setLocale, supportedLocale } from '../kit/localize.js'
import type { ConsoleMe } from './api.js'

const SCHEME_KEY = 'parley-console:scheme'
const LOCALE_KEY = 'parley-console:locale'

function stored(key: string) {
  try {
    return localStorage.getItem(key) ?? undefined
  } catch {
    return undefined
  }
}
function store(key: string, value: string | undefined) {
  try {
    if (value) localStorage.setItem(key, value)
    else localStorage.removeItem(key)
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

/** Applies the language and appearance chosen earlier in this browser. */
export function restorePreferences() {
  // The shell's lang="en" is only a default: the saved choice, else the browser's language.
  setLocale(supportedLocale(stored(LOCALE_KEY) ?? navigator.language))
  document.documentElement.lang = localeFor()
  const scheme = stored(SCHEME_KEY)
  setConsoleScheme(scheme === 'light' || scheme === 'dark' ? scheme : undefined)
}

/**
 * The account button: who is signed in, language, appearance, sign-out. A disclosure (not an
 * ARIA menu: it holds form controls); Escape closes it and gives focus back to the button.
 *
 * @slot - More entries above sign-out (the platform admin's "Sessions").
 * @event console-sign-out - The user asked to sign out.
 */
@customElement('console-account-menu')
export class ConsoleAccountMenu extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    css`
      :host {
        position: relative;
        display: inline-block;
      }
      .panel {
        position: absolute;
        inset-inline-end: 0;
        top: calc(100% + 6px);
        z-index: 20;
        display: grid;
        gap: var(--parley-space-3, 12px);
        width: min(280px, calc(100vw - 24px));
        box-shadow: var(--parley-shadow-3);
      }
      .who {
        overflow-wrap: anywhere;
      }
      .field {
        display: grid;
        gap: var(--parley-space-1, 4px);
      }
      .avatar {
        display: inline-grid;
        place-items: center;
        width: 28px;
        height: 28px;
        border-radius: 50%;
        background: var(--parley-color-primary);
        color: var(--parley-color-on-primary);
        font-weight: var(--parley-font-weight-strong);
        font-size: var(--parley-font-size-sm);
      }
      .label {
        max-width: 18ch;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      @media (max-width: 560px) {
        .label {
          display: none;
        }
      }
    `,
  ]

  @property({ attribute: false }) me?: ConsoleMe
  @state() open = false

  render() {
    const user = this.me?.user
    const name = user?.name || user?.email || ''
    const scheme = document.documentElement.dataset.parleyScheme ?? 'system'
    return html`
      <button
        class="button"
        part="base"
        id="toggle"
        aria-expanded=${this.open}
        aria-controls="panel"
        @click=${() => this.toggle()}
      >
        <span class="avatar" aria-hidden="true">${name.slice(0, 1).toUpperCase()}</span>
        <span class="label">${name}</span>
        <span class="visually-hidden">${this.t('console.account.menu')}</span>
      </button>
      ${
        this.open
          ? html`<div class="panel card" id="panel" @keydown=${this.#keydown}>
              <div class="who">
                <strong>${user?.name ?? user?.email}</strong>
                ${user?.name ? html`<p class="hint">${user.email}</p>` : nothing}
                ${
                  user?.role
                    ? html`<p class="hint">
                        ${this.t('console.account.role', { role: user.role })}
                      </p>`
                    : nothing
                }
                ${this.me?.tenant ? html`<p class="hint">${this.me.tenant.name}</p>` : nothing}
              </div>
              <div class="field">
                <label for="locale">${this.t('console.account.language')}</label>
                <select id="locale" @change=${this.#language}>
                  <option value="en" ?selected=${localeFor() === 'en'}>English</option>
                  <option value="es" ?selected=${localeFor() === 'es'}>Español</option>
                </select>
              </div>
              <div class="field">
                <label for="scheme">${this.t('console.account.appearance')}</label>
                <select id="scheme" @change=${this.#appearance}>
                  ${(['system', 'light', 'dark'] as const).map(
                    (value) =>
                      html`<option value=${value} ?selected=${scheme === value}>
                        ${this.t(`console.account.${value}`)}
                      </option>`
                  )}
                </select>
              </div>
              <slot></slot>
              <button class="button" id="sign-out" @click=${this.#signOut}>
                ${this.t('console.account.signOut')}
              </button>
            </div>`
          : nothing
      }
    `
  }

  toggle(open = !this.open) {
    this.open = open
    if (open) {
      document.addEventListener('pointerdown', this.#outside)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLSelectElement>('#locale')?.focus()
      )
    } else document.removeEventListener('pointerdown', this.#outside)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    document.removeEventListener('pointerdown', this.#outside)
  }

  #outside = (event: Event) => {
    if (!event.composedPath().includes(this)) this.toggle(false)
  }

  #keydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.stopPropagation()
    this.toggle(false)
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('#toggle')?.focus()
    )
  }

  #language = (event: Event) => {
    const locale = (event.target as HTMLSelectElement).value
    store(LOCALE_KEY, locale)
    setLocale(locale)
    document.documentElement.lang = locale
  }

  #appearance = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value
    const scheme = value === 'light' || value === 'dark' ? value : undefined
    store(SCHEME_KEY, scheme)
    setConsoleScheme(scheme)
    this.requestUpdate()
  }

  #signOut = () => {
    this.toggle(false)
    this.dispatchEvent(new Event('console-sign-out', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-account-menu': ConsoleAccountMenu
  }
}
