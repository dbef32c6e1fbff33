import { html, css, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console/console-element.js'
import { ConsoleApiError } from '../console/api.js'
import { baseStyles } from '../kit/styles.js'
import { adminApi } from './api.js'
import './admin.locales.js'
import { adminPageStyles } from './admin-styles.js'
import { copyText } from './format.js'
import { qrCode } from '../console/account/qr.js'

/**
 * Two-step sign-in, set up at an admin's first sign-in (the only thing that session may do):
 * POST /v1/admin/totp gives the secret, shown as a QR code and as text; the app's code confirms
 * it (POST /v1/admin/totp/verify), and the recovery codes are shown this once, to copy.
 *
 * @event admin-totp-enabled - TOTP is on: the session is a full one now.
 */
@customElement('admin-totp-setup')
export class AdminTotpSetup extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    adminPageStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        place-items: center;
        min-height: 100dvh;
        max-width: none;
        padding: var(--parley-space-4, 16px);
        background: var(--parley-color-surface-muted, #f2f4f8);
      }
      .card {
        width: min(480px, 100%);
        gap: var(--parley-space-4, 16px);
      }
      .button {
        white-space: normal;
        text-align: center;
      }
      .qr {
        width: 200px;
        height: 200px;
        justify-self: center;
        border-radius: var(--parley-radius-md, 8px);
      }
      .codes {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
        gap: var(--parley-space-2, 8px);
        margin: 0;
        padding: var(--parley-space-3, 12px);
        list-style: none;
        border-radius: var(--parley-radius-md, 8px);
        background: var(--parley-color-surface-muted);
        font-family: var(--parley-font-family-mono, monospace);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
      }
    `,
  ]

  @state() private setup?: { otpauthUrl: string; secret: string }
  @state() private recoveryCodes?: string[]
  @state() private error = ''
  @state() private codeError = ''
  @state() private copied?: string
  @state() private busy = false

  connectedCallback() {
    super.connectedCallback()
    void this.#start()
  }

  async #start() {
    try {
      this.setup = await adminApi.startTotp()
    } catch (error) {
      this.error = this.t('admin.totp.failed', { message: (error as Error).message })
    }
  }

  render() {
    if (this.recoveryCodes) return this.#recovery(this.recoveryCodes)
    return html`<form class="card" part="base" novalidate @submit=${this.#verify}>
      <p class="hint">${this.t('admin.title')}</p>
      <h1 id="title">${this.t('admin.totp.title')}</h1>
      <p>${this.t('admin.totp.intro')}</p>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${
        this.setup
          ? html`${qrCode(this.setup.otpauthUrl, this.t('admin.totp.qr'))}
              <div class="field">
                <span class="label" id="secret-label">${this.t('admin.totp.secret')}</span>
                <div class="copy-row">
                  <code id="secret" aria-labelledby="secret-label">${this.setup.secret}</code>
                  <button
                    class="button"
                    type="button"
                    @click=${() => this.#copy('secret', this.setup!.secret)}
                  >
                    ${this.copied === 'secret' ? this.t('admin.copied') : this.t('admin.copy')}
                  </button>
                </div>
              </div>
              <div class="field">
                <label for="code">${this.t('admin.totp.code')}</label>
                <input
                  id="code"
                  name="code"
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  pattern="[0-9]*"
                  maxlength="6"
                  required
                  aria-invalid=${this.codeError ? 'true' : 'false'}
                  aria-describedby="code-hint"
                />
                <p class=${this.codeError ? 'error' : 'hint'} id="code-hint">
                  ${this.codeError || this.t('admin.totp.codeHint')}
                </p>
              </div>
              <div>
                <button class="button primary" type="submit" ?disabled=${this.busy}>
                  ${this.t('admin.totp.verify')}
                </button>
              </div>`
          : this.error
            ? nothing
            : html`<p role="status">${this.t('console.loading')}</p>`
      }
    </form>`
  }

  #recovery(codes: string[]) {
    return html`<section class="card" part="base" aria-labelledby="title">
      <p class="hint">${this.t('admin.title')}</p>
      <h1 id="title" tabindex="-1">${this.t('admin.totp.recoveryTitle')}</h1>
      <p>${this.t('admin.totp.recoveryIntro')}</p>
      <ul class="codes" id="recovery-codes" aria-label=${this.t('admin.totp.recoveryList')}>
        ${codes.map((code) => html`<li>${code}</li>`)}
      </ul>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button class="button" type="button" @click=${() => this.#copy('codes', codes.join('\n'))}>
          ${this.copied === 'codes' ? this.t('admin.copied') : this.t('admin.totp.copyAll')}
        </button>
        <button class="button primary" type="button" id="continue" @click=${this.#done}>
          ${this.t('admin.totp.continue')}
        </button>
      </div>
    </section>`
  }

  async #copy(what: string, text: string) {
    if (await copyText(text)) {
      this.copied = what
      this.error = ''
    } else this.error = this.t('admin.copyFailed')
  }

  #verify = async (event: SubmitEvent) => {
    event.preventDefault()
    if (this.busy) return
    const code = String(new FormData(event.target as HTMLFormElement).get('code') ?? '').trim()
    this.codeError = ''
    if (!/^\d{6}$/.test(code)) {
      this.codeError = this.t('admin.totp.missing')
      this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus()
      return
    }
    this.busy = true
    try {
      const { recoveryCodes } = await adminApi.verifyTotp(code)
      this.recoveryCodes = recoveryCodes
      this.error = ''
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>('h1')?.focus()
    } catch (error) {
      if (error instanceof ConsoleApiError && (error.status === 422 || error.status === 400))
        this.codeError = this.t('admin.totp.wrong')
      else this.error = this.t('admin.totp.failed', { message: (error as Error).message })
      this.renderRoot.querySelector<HTMLInputElement>('#code')?.focus()
    } finally {
      this.busy = false
    }
  }

  #done = () => {
    this.dispatchEvent(new Event('admin-totp-enabled', { bubbles: true, composed: true }))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-totp-setup': AdminTotpSetup
  }
}
