import { html, css, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console/console-element.js'
import { baseStyles } from '../kit/styles.js'
import { adminApi } from './api.js'
import './admin.locales.js'
import { adminPageStyles } from './admin-styles.js'
import '../console/account/totp-enrolment.js'
import type { TotpSetup } from '../console/account/totp-enrolment.js'

/**
 * Two-step sign-in, set up at an admin's first sign-in (the only thing that session may do):
 * POST /v1/admin/totp gives the secret, which console-totp-enrolment shows as a QR code and as
 * text, confirms with the app's code (POST /v1/admin/totp/verify) and whose recovery codes it
 * shows this once; its console-totp-enabled says the session is a full one now.
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
    `,
  ]

  @state() private setup?: TotpSetup
  @state() private error = ''

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
    return html`<section class="card" part="base" aria-labelledby="title">
      <p class="hint">${this.t('admin.title')}</p>
      <h1 id="title">${this.t('admin.totp.title')}</h1>
      <p>${this.t('admin.totp.intro')}</p>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${
        this.setup
          ? html`<console-totp-enrolment
              level="2"
              .setup=${this.setup}
              .verify=${adminApi.verifyTotp}
              file-name="platform-admin-recovery-codes.txt"
              file-header=${this.t('admin.totp.file')}
            ></console-totp-enrolment>`
          : this.error
            ? nothing
            : this.loadingStatus()
      }
    </section>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-totp-setup': AdminTotpSetup
  }
}
