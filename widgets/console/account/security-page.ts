import { html, css, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { ConsoleApiError } from '../api.js'
import { accountApi, type AccountMe } from './account-api.js'
import { qrCode } from './qr.js'
import { copyText, selectContents } from './format.js'
import './sessions-list.js'
import './account.locales.js'
import { accountStyles } from './account-styles.js'

/** Where two-step sign-in stands on this page. */
type Step =
  | { kind: 'off' }
  | { kind: 'enrol'; secret: string; otpauthUrl: string }
  /** Just turned on: the recovery codes, shown this once (never fetched again). */
  | { kind: 'codes'; codes: string[] }
  | { kind: 'on' }
  | { kind: 'disable' }

const SIX_DIGITS = /^\d{6}$/

/**
 * The signed-in user's Security page: two-step sign-in (turn on: QR code and key, a code to
 * confirm, the recovery codes once with Copy/Download and an "I saved them" step; turn off with a
 * current code) and the browsers signed in to the account (console-sessions).
 */
@customElement('console-security')
export class ConsoleSecurity extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    accountStyles,
    css`
      .enrol {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: var(--parley-space-5, 20px);
        align-items: start;
      }
      .qr {
        width: 184px;
        height: 184px;
        border-radius: var(--parley-radius-md, 8px);
        border: 1px solid var(--parley-color-border);
      }
      .key {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: center;
      }
      ol.codes {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: var(--parley-space-2, 8px) var(--parley-space-4, 16px);
        margin: 0;
        padding: var(--parley-space-3, 12px) var(--parley-space-3, 12px) var(--parley-space-3, 12px)
          var(--parley-space-6, 32px);
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-surface-muted);
      }
      ol.codes code {
        font-size: var(--parley-font-size-md, 15px);
        letter-spacing: 0.04em;
      }
      .state {
        display: flex;
        gap: var(--parley-space-2, 8px);
        align-items: baseline;
        flex-wrap: wrap;
      }
      @media (max-width: 560px) {
        .enrol {
          grid-template-columns: minmax(0, 1fr);
        }
        .qr {
          justify-self: center;
        }
      }
    `,
  ]

  @state() private me?: AccountMe
  @state() private step?: Step
  @state() private codeError?: string
  @state() private message?: { kind: 'ok' | 'error'; text: string }
  @state() private busy = false
  @state() private copied?: 'key' | 'codes'
  @state() private saved = false

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
      <div part="base">
        <h1>${this.t('console.security.title')}</h1>
        <p class="hint">${this.t('console.security.intro')}</p>
      </div>
      ${
        this.message
          ? html`<p
              class="alert ${this.message.kind}"
              id="message"
              role=${this.message.kind === 'ok' ? 'status' : 'alert'}
            >
              ${this.message.text}
            </p>`
          : nothing
      }
      <section class="card" aria-labelledby="totp-title">
        <h2 id="totp-title" tabindex="-1">${this.t('console.totp.title')}</h2>
        ${this.step ? this.#totp(this.step) : html`<p role="status">${this.t('console.loading')}</p>`}
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
        return this.#enrol(step)
      case 'codes':
        return this.#codes(step.codes)
      case 'disable':
        return html`<form class="stack" novalidate @submit=${this.#turnOff}>
          <h3 id="step-title" tabindex="-1">${this.t('console.totp.offTitle')}</h3>
          ${this.#codeField('console.totp.offHint')}
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

  #codeField(hint: 'console.totp.codeHint' | 'console.totp.offHint') {
    return html`<div class="field">
      <label for="code">${this.t('console.totp.code')}</label>
      <input
        id="code"
        name="code"
        inputmode="numeric"
        autocomplete="one-time-code"
        maxlength="7"
        class="code-input"
        aria-describedby="code-hint${this.codeError ? ' code-error' : ''}"
        aria-invalid=${this.codeError ? 'true' : 'false'}
      />
      <p class="hint" id="code-hint">${this.t(hint)}</p>
      ${this.codeError ? html`<p class="error" id="code-error">${this.codeError}</p>` : nothing}
    </div>`
  }

  #enrol(step: Extract<Step, { kind: 'enrol' }>) {
    const grouped = step.secret.match(/.{1,4}/g)?.join(' ') ?? step.secret
    return html`<div class="stack" id="enrol">
      <h3 id="step-title" tabindex="-1">${this.t('console.totp.scanTitle')}</h3>
      <div class="enrol">
        ${qrCode(step.otpauthUrl, this.t('console.totp.qrLabel'))}
        <div class="stack">
          <p class="hint">${this.t('console.totp.scanHint')}</p>
          <p>${this.t('console.totp.secret')}</p>
          <div class="key">
            <code class="value" id="secret">${grouped}</code>
            <button
              class="button"
              type="button"
              id="copy-key"
              @click=${() => this.#copy('key', step.secret, '#secret')}
            >
              ${this.copied === 'key' ? this.t('console.totp.copied') : this.t('console.totp.copyKey')}
            </button>
          </div>
          <form class="stack" novalidate @submit=${this.#verify}>
            ${this.#codeField('console.totp.codeHint')}
            <div class="actions">
              <button class="button primary" type="submit" ?disabled=${this.busy}>
                ${this.t('console.totp.verify')}
              </button>
              <button class="button" type="button" @click=${() => this.#settle('off', '#turn-on')}>
                ${this.t('console.totp.cancel')}
              </button>
            </div>
          </form>
        </div>
      </div>
    </div>`
  }

  #codes(codes: string[]) {
    return html`<div class="stack once" id="codes">
      <h3 id="step-title" tabindex="-1">${this.t('console.totp.codesTitle')}</h3>
      <p>${this.t('console.totp.codesIntro')}</p>
      <ol class="codes" aria-label=${this.t('console.totp.codesLabel')}>
        ${codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ol>
      <div class="actions">
        <button
          class="button"
          type="button"
          id="copy-codes"
          @click=${() => this.#copy('codes', codes.join('\n'), 'ol.codes')}
        >
          ${this.copied === 'codes' ? this.t('console.totp.copied') : this.t('console.totp.copyCodes')}
        </button>
        <button class="button" type="button" id="download" @click=${() => this.#download(codes)}>
          ${this.t('console.totp.download')}
        </button>
      </div>
      <label class="check">
        <input
          type="checkbox"
          id="saved"
          .checked=${this.saved}
          @change=${(e: Event) => (this.saved = (e.target as HTMLInputElement).checked)}
        />
        <span>${this.t('console.totp.saved')}</span>
      </label>
      <div class="actions">
        <button
          class="button primary"
          type="button"
          id="codes-done"
          ?disabled=${!this.saved}
          @click=${this.#codesDone}
        >
          ${this.t('console.totp.done')}
        </button>
      </div>
    </div>`
  }

  /** Moves focus to the new step's heading (or a named control) once it is drawn. */
  async #focus(selector = '#step-title') {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  #settle(kind: 'on' | 'off', focus: string) {
    this.step = { kind }
    this.codeError = undefined
    void this.#focus(focus)
  }

  #start = async () => {
    this.busy = true
    this.message = undefined
    try {
      const { secret, otpauthUrl } = await accountApi.startTotp()
      this.step = { kind: 'enrol', secret, otpauthUrl }
      this.codeError = undefined
      this.copied = undefined
      await this.#focus()
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = false
    }
  }

  /** The typed code, or undefined (with the reason under the field) when it is not six digits. */
  #typedCode(form: HTMLFormElement) {
    const code = String(new FormData(form).get('code') ?? '').replace(/\s/g, '')
    if (SIX_DIGITS.test(code)) return code
    this.codeError = this.t('console.totp.missingCode')
    void this.#focus('#code')
    return undefined
  }

  /** A refused code keeps the step, says so under the field and puts the cursor back in it. */
  async #codeRefused(error: unknown, input: HTMLInputElement | null) {
    if (error instanceof ConsoleApiError && error.status === 422) {
      this.codeError = this.t('console.totp.wrongCode')
      await this.updateComplete
      input?.select()
      input?.focus()
    } else this.message = { kind: 'error', text: this.saveFailedText(error) }
  }

  #verify = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const code = this.#typedCode(form)
    if (!code) return
    this.busy = true
    this.message = undefined
    try {
      const { recoveryCodes } = await accountApi.verifyTotp(code)
      this.codeError = undefined
      this.saved = false
      this.copied = undefined
      this.step = { kind: 'codes', codes: recoveryCodes }
      await this.#focus()
    } catch (error) {
      await this.#codeRefused(error, form.querySelector('input'))
    } finally {
      this.busy = false
    }
  }

  #codesDone = async () => {
    // The codes leave memory with this step: they are never shown again.
    this.step = { kind: 'on' }
    if (this.me) this.me = { ...this.me, user: { ...this.me.user, totpEnabled: true } }
    this.message = { kind: 'ok', text: this.t('console.totp.turnedOn') }
    await this.#focus('#totp-title')
  }

  #askOff = async () => {
    this.message = undefined
    this.codeError = undefined
    this.step = { kind: 'disable' }
    await this.#focus('#code')
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
    await this.#focus('#turn-on')
  }

  async #copy(what: 'key' | 'codes', text: string, shown: string) {
    if (await copyText(text)) this.copied = what
    else selectContents(this.renderRoot.querySelector(shown))
  }

  #download(codes: string[]) {
    const header = this.t('console.totp.file', {
      email: this.me?.user.email ?? '',
      tenant: this.me?.tenant?.name ?? '',
    })
    const blob = new Blob([`${header}\n\n${codes.join('\n')}\n`], { type: 'text/plain' })
    const link = document.createElement('a')
    link.href = URL.createObjectURL(blob)
    link.download = 'console-recovery-codes.txt'
    this.renderRoot.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-security': ConsoleSecurity
  }
}
