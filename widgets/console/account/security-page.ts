import { html, css } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import {
  ConsoleElement,
  consoleStyles,
  pageMessage,
  pageHead,
  type PageMessage,
} from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { accountApi, type AccountMe } from './account-api.js'
import { isWrongTotpCode, totpCodeField, typedTotpCode, type TotpSetup } from './totp-enrolment.js'
import './sessions-list.js'
import './account.locales.js'
import { accountStyles } from './account-styles.js'

/** Where two-step sign-in stands on this page. */
type Step =
  | { kind: 'off' }
  /** Turning on: the QR code, the key, the code, then the recovery codes once. */
  | { kind: 'enrol'; setup: TotpSetup }
  | { kind: 'on' }
  | { kind: 'disable' }

/**
 * The signed-in user's Security page: two-step sign-in (turn on with console-totp-enrolment;
 * turn off with a current code) and the browsers signed in to the account (console-sessions).
 */
@customElement('console-security')
export class ConsoleSecurity extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    accountStyles,
    css`
      .state {
        display: flex;
        gap: var(--parley-space-2, 8px);
        align-items: baseline;
        flex-wrap: wrap;
      }
    `,
  ]

  @state() private me?: AccountMe
  @state() private step?: Step
  @state() private codeError?: string
  @state() private message?: PageMessage
  @state() private busy = false

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    try {
      this.me = await accountApi.me()
      this.step = { kind: this.me.user.totpEnabled ? 'on' : 'off' }
    } catch (error) {
      this.message = { kind: 'error', text: this.loadFailedText(error) }
    }
  }

  render() {
    return html`
      ${pageHead(this.t('console.security.title'), this.t('console.security.intro'))}
      ${pageMessage(this.message)}
      <section class="card" aria-labelledby="totp-title">
        <h2 id="totp-title" tabindex="-1">${this.t('console.totp.title')}</h2>
        ${this.step ? this.#totp(this.step) : this.loadingStatus()}
      </section>
      <console-sessions></console-sessions>
    `
  }

  #totp(step: Step) {
    switch (step.kind) {
      case 'off':
        return html`<p class="state">
            <span class="badge">${this.t('console.users.off')}</span> ${this.t('console.totp.off')}
          </p>
          <p class="hint">${this.t('console.totp.why')}</p>
          <div class="actions">
            <button
              class="button primary"
              id="turn-on"
              ?disabled=${this.busy}
              @click=${this.#start}
            >
              ${this.t('console.totp.turnOn')}
            </button>
          </div>`
      case 'on':
        return html`<p class="state">
            <span class="badge on">${this.t('console.users.on')}</span> ${this.t('console.totp.on')}
          </p>
          <div class="actions">
            <button class="button" id="turn-off" @click=${this.#askOff}>
              ${this.t('console.totp.turnOff')}
            </button>
          </div>`
      case 'enrol':
        return html`<console-totp-enrolment
          .setup=${step.setup}
          .verify=${accountApi.verifyTotp}
          cancellable
          file-name="console-recovery-codes.txt"
          file-header=${this.t('console.totp.file', {
            email: this.me?.user.email ?? '',
            tenant: this.me?.tenant?.name ?? '',
          })}
          @console-totp-enabled=${this.#enabled}
          @console-totp-cancelled=${() => this.#settle('off', '#turn-on')}
        ></console-totp-enrolment>`
      case 'disable':
        return html`<form class="stack" novalidate @submit=${this.#turnOff}>
          <h3 id="step-title" tabindex="-1">${this.t('console.totp.offTitle')}</h3>
          ${totpCodeField({
            label: this.t('console.totp.code'),
            hint: this.t('console.totp.offHint'),
            error: this.codeError,
          })}
          <div class="actions">
            <button class="button danger" type="submit" ?disabled=${this.busy}>
              ${this.t('console.totp.confirmOff')}
            </button>
            <button class="button" type="button" @click=${() => this.#settle('on', '#turn-off')}>
              ${this.t('console.totp.cancel')}
            </button>
          </div>
        </form>`
    }
  }

  #settle(kind: 'on' | 'off', focus: string) {
    this.step = { kind }
    this.codeError = undefined
    void this.focusWhenDrawn(focus)
  }

  #start = async () => {
    this.busy = true
    this.message = undefined
    try {
      this.step = { kind: 'enrol', setup: await accountApi.startTotp() }
      await this.updateComplete
      await this.renderRoot.querySelector('console-totp-enrolment')?.focusStep()
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = false
    }
  }

  /** The typed code, or undefined (with the reason under the field) when it is not six digits. */
  #typedCode(form: HTMLFormElement) {
    const code = typedTotpCode(form)
    if (code) return code
    this.codeError = this.t('console.totp.missingCode')
    void this.focusWhenDrawn('#code')
    return undefined
  }

  /** A refused code keeps the step, says so under the field and puts the cursor back in it. */
  async #codeRefused(error: unknown, input: HTMLInputElement | null) {
    if (isWrongTotpCode(error)) {
      this.codeError = this.t('console.totp.wrongCode')
      await this.updateComplete
      input?.select()
      input?.focus()
    } else this.message = { kind: 'error', text: this.saveFailedText(error) }
  }

  #enabled = async () => {
    this.step = { kind: 'on' }
    if (this.me) this.me = { ...this.me, user: { ...this.me.user, totpEnabled: true } }
    this.message = { kind: 'ok', text: this.t('console.totp.turnedOn') }
    await this.focusWhenDrawn('#totp-title')
  }

  #askOff = async () => {
    this.message = undefined
    this.codeError = undefined
    this.step = { kind: 'disable' }
    await this.focusWhenDrawn('#code')
  }

  #turnOff = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const code = this.#typedCode(form)
    if (!code) return
    this.busy = true
    try {
      await accountApi.disableTotp(code)
    } catch (error) {
      await this.#codeRefused(error, form.querySelector('input'))
      return
    } finally {
      this.busy = false
    }
    this.codeError = undefined
    this.step = { kind: 'off' }
    this.message = { kind: 'ok', text: this.t('console.totp.turnedOff') }
    await this.focusWhenDrawn('#turn-on')
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-security': ConsoleSecurity
  }
}
