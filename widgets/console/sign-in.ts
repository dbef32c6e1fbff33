import { html, css, nothing } from 'lit'
import { customElement, property, state, query } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from './console-element.js'
import { baseStyles } from '../kit/styles.js'
import { ConsoleApiError, consoleApi, type ConsoleMe, type SessionApi } from './api.js'

type Step = 'password' | 'tenant' | 'code' | 'recovery'

/** Signed in: the app reloads who it is. */
export class ConsoleSignedInEvent extends Event {
  constructor(
    readonly me?: ConsoleMe,
    /** The server asks this account to turn on two-step sign-in before anything else. */
    readonly totpSetupRequired = false
  ) {
    super('console-signed-in', { bubbles: true, composed: true })
  }
}

/**
 * Sign-in: email and password, then a TOTP code (or a recovery code) when the server answers
 * `{ totpRequired: true }`. Errors in words; 429 says how long to wait.
 */
@customElement('console-sign-in')
export class ConsoleSignIn extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100dvh;
        padding: var(--parley-space-4, 16px);
        background: var(--parley-color-surface-muted, #f2f4f8);
      }
      form {
        display: grid;
        gap: var(--parley-space-4, 16px);
        width: min(400px, 100%);
      }
      .field {
        display: grid;
        gap: var(--parley-space-1, 4px);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        justify-content: space-between;
        align-items: center;
      }
      .brand {
        color: var(--parley-color-on-surface-muted, #586174);
        font-size: var(--parley-font-size-sm, 13px);
        text-transform: uppercase !important;
        letter-spacing: 0.08em !important;
      }
    `,
  ]

  /** A word shown above the form (after accepting an invitation). */
  @property() notice = ''
  /** The email to start with. */
  @property() email = ''
  /** Where to sign in (the platform admin passes `sessionApi('/v1/admin')`). */
  @property({ attribute: false }) api: Pick<SessionApi, 'signIn'> = consoleApi
  /** The product's name above the form, and the form's title (default: the console's). */
  @property() brand = ''
  @property() heading = ''
  @state() private step: Step = 'password'
  @state() private tenantIds: string[] = []
  @state() private error = ''
  @state() private busy = false
  @query('form') private form!: HTMLFormElement

  #email = ''
  #password = ''
  #tenantId?: string

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('email') && this.email && !this.#email) this.#email = this.email
  }

  render() {
    const totp = this.step === 'code' || this.step === 'recovery'
    const later = this.step !== 'password'
    return html`
      <form class="card" part="base" novalidate @submit=${this.#submit}>
        <p class="brand">${this.brand || this.t('console.title')}</p>
        <h1 id="title">
          ${totp ? this.t('console.signIn.totpTitle') : this.heading || this.t('console.signIn.title')}
        </h1>
        ${
          this.notice && !this.error
            ? html`<p class="alert ok" role="status">${this.notice}</p>`
            : nothing
        }
        ${this.error ? html`<p class="alert" role="alert" id="error">${this.error}</p>` : nothing}
        ${
          totp
            ? this.#codeFields()
            : this.step === 'tenant'
              ? this.#tenantField()
              : this.#passwordFields()
        }
        <div class="actions">
          <button class="button primary" type="submit" ?disabled=${this.busy}>
            ${totp ? this.t('console.signIn.verify') : this.t('console.signIn.submit')}
          </button>
          ${
            later
              ? html`<button class="button link" type="button" @click=${this.#restart}>
                  ${this.t('console.signIn.back')}
                </button>`
              : nothing
          }
        </div>
      </form>
    `
  }

  #tenantField() {
    return html`
      <div class="field">
        <label for="tenant">${this.t('console.signIn.tenant')}</label>
        <select id="tenant" name="tenantId" aria-describedby="tenant-hint">
          ${this.tenantIds.map((id) => html`<option value=${id}>${id}</option>`)}
        </select>
        <p class="hint" id="tenant-hint">${this.t('console.signIn.tenantHint')}</p>
      </div>
    `
  }

  #passwordFields() {
    return html`
      <div class="field">
        <label for="email">${this.t('console.signIn.email')}</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          required
          .value=${this.#email}
          aria-describedby=${this.error ? 'error' : nothing}
        />
      </div>
      <div class="field">
        <label for="password">${this.t('console.signIn.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          .value=${this.#password}
        />
      </div>
    `
  }

  #codeFields() {
    const recovery = this.step === 'recovery'
    return html`
      <div class="field">
        <label for="code">
          ${recovery ? this.t('console.signIn.recoveryCode') : this.t('console.signIn.code')}
        </label>
        ${
          recovery
            ? html`<input
                id="code"
                name="recoveryCode"
                autocomplete="off"
                spellcheck="false"
                required
                aria-describedby="code-hint"
              />`
            : html`<input
                id="code"
                name="code"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9]*"
                maxlength="6"
                required
                aria-describedby="code-hint"
              />`
        }
        <p class="hint" id="code-hint">
          ${recovery ? this.t('console.signIn.recoveryHint') : this.t('console.signIn.codeHint')}
        </p>
      </div>
      <button class="button link" type="button" @click=${this.#toggleRecovery}>
        ${recovery ? this.t('console.signIn.useCode') : this.t('console.signIn.useRecovery')}
      </button>
    `
  }

  firstUpdated() {
    this.focusFirst()
  }

  /** Focuses the step's first field (after a step change, for keyboard and screen readers). */
  async focusFirst() {
    await this.focusWhenDrawn('input, select')
  }

  #toggleRecovery = () => {
    this.step = this.step === 'recovery' ? 'code' : 'recovery'
    this.error = ''
    void this.focusFirst()
  }

  #restart = () => {
    this.step = 'password'
    this.#password = ''
    this.#tenantId = undefined
    this.error = ''
    void this.focusFirst()
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (this.busy) return
    const data = new FormData(this.form)
    if (this.step === 'password') {
      this.#email = String(data.get('email') ?? '').trim()
      this.#password = String(data.get('password') ?? '')
      if (!this.#email || !this.#password) {
        this.error = this.t('console.signIn.missing')
        return
      }
    }
    if (this.step === 'tenant') this.#tenantId = String(data.get('tenantId') ?? '') || undefined
    const code = this.step === 'code' ? String(data.get('code') ?? '').trim() : undefined
    const recoveryCode =
      this.step === 'recovery' ? String(data.get('recoveryCode') ?? '').trim() : undefined
    this.busy = true
    this.error = ''
    try {
      const answer = await this.api.signIn({
        email: this.#email,
        password: this.#password,
        ...(this.#tenantId ? { tenantId: this.#tenantId } : {}),
        ...(code ? { code } : {}),
        ...(recoveryCode ? { recoveryCode } : {}),
      })
      if (answer.kind === 'chooseTenant') {
        this.tenantIds = answer.tenantIds
        this.step = 'tenant'
        void this.focusFirst()
        return
      }
      if (answer.kind === 'totpRequired') {
        if (this.step === 'code' || this.step === 'recovery') this.error = this.#wrongCodeText()
        else this.step = 'code'
        void this.focusFirst()
        return
      }
      this.#password = ''
      this.dispatchEvent(new ConsoleSignedInEvent(answer.me, answer.totpSetupRequired))
    } catch (error) {
      this.error = this.#errorText(error)
      void this.focusFirst()
    } finally {
      this.busy = false
    }
  }

  #wrongCodeText() {
    return this.step === 'recovery'
      ? this.t('console.signIn.wrongRecovery')
      : this.t('console.signIn.wrongCode')
  }

  #errorText(error: unknown) {
    if (!(error instanceof ConsoleApiError)) return this.t('console.signIn.failed')
    if (error.status === 0) return this.t('console.signIn.network')
    if (error.status === 429)
      return error.retryAfter
        ? this.t('console.signIn.locked', {
            minutes: Math.max(1, Math.ceil(error.retryAfter / 60)),
          })
        : this.t('console.signIn.lockedSoon')
    if (error.status === 401 || error.status === 422)
      return this.step === 'code' || this.step === 'recovery'
        ? this.#wrongCodeText()
        : this.t('console.signIn.wrong')
    return this.t('console.signIn.failed')
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-sign-in': ConsoleSignIn
  }
}
