import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { ConsoleApiError } from '../api.js'
import { qrCode } from './qr.js'
import { copyText, selectContents } from './format.js'
import './account.locales.js'
import { accountStyles } from './account-styles.js'

/** A secret being enrolled: POST …/totp's answer. */
export interface TotpSetup {
  secret: string
  otpauthUrl: string
}

/** The six digits typed in a form's `code` field (spaces dropped), or undefined. */
export function typedTotpCode(form: HTMLFormElement) {
  const code = String(new FormData(form).get('code') ?? '').replace(/\s/g, '')
  return /^\d{6}$/.test(code) ? code : undefined
}

/** Whether the server refused the code itself (rather than failing). */
export const isWrongTotpCode = (error: unknown) =>
  error instanceof ConsoleApiError && (error.status === 422 || error.status === 400)

/** The `code` field of a TOTP form: its label, a hint and the reason it was refused. */
export function totpCodeField(text: { label: string; hint: string; error?: string }) {
  return html`<div class="field">
    <label for="code">${text.label}</label>
    <input
      id="code"
      name="code"
      inputmode="numeric"
      autocomplete="one-time-code"
      maxlength="7"
      class="code-input"
      aria-describedby="code-hint${text.error ? ' code-error' : ''}"
      aria-invalid=${text.error ? 'true' : 'false'}
    />
    <p class="hint" id="code-hint">${text.hint}</p>
    ${text.error ? html`<p class="error" id="code-error">${text.error}</p>` : nothing}
  </div>`
}

/**
 * Turning two-step sign-in on from a secret the host asked for: the QR code and the key (to
 * copy), a code from the app to confirm it, then the recovery codes this once (Copy, Download,
 * "I saved them", Done). The console's Security page and the platform admin's first sign-in both
 * use it, each with its own API.
 *
 * @event console-totp-enabled - The code was right and the recovery codes are saved.
 * @event console-totp-cancelled - Cancel was chosen (only offered when `cancellable`).
 */
@customElement('console-totp-enrolment')
export class ConsoleTotpEnrolment extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    accountStyles,
    css`
      :host {
        container-type: inline-size;
      }
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
      /* The QR code goes above the key on a phone, or in a narrow card (the admin's). */
      @media (max-width: 560px) {
        .enrol {
          grid-template-columns: minmax(0, 1fr);
        }
        .qr {
          justify-self: center;
        }
      }
      @container (max-width: 480px) {
        .enrol {
          grid-template-columns: minmax(0, 1fr);
        }
        .qr {
          justify-self: center;
        }
      }
    `,
  ]

  /** The secret to enrol (the host started the enrolment). */
  @property({ attribute: false }) setup?: TotpSetup
  /** Confirms a code: POST …/totp/verify, answering the recovery codes. */
  @property({ attribute: false }) verify?: (code: string) => Promise<{ recoveryCodes: string[] }>
  /** Offer Cancel beside Verify. */
  @property({ type: Boolean }) cancellable = false
  /** The downloaded file's name; no Download button without one. */
  @property({ attribute: 'file-name' }) fileName = ''
  /** The downloaded file's first lines: whose codes they are. */
  @property({ attribute: 'file-header' }) fileHeader = ''
  /** The steps' heading level, under the host's own heading. */
  @property({ type: Number }) level: 2 | 3 = 3

  @state() private codes?: string[]
  @state() private codeError?: string
  @state() private error = ''
  @state() private busy = false
  @state() private copied?: 'key' | 'codes'
  @state() private saved = false

  /** Moves focus to the current step's heading (or a named control) once it is drawn. */
  focusStep(selector = '#step-title') {
    return this.focusWhenDrawn(selector)
  }

  render() {
    return this.codes ? this.#codes(this.codes) : this.setup ? this.#enrol(this.setup) : nothing
  }

  #heading(text: string) {
    return this.level === 2
      ? html`<h2 id="step-title" tabindex="-1">${text}</h2>`
      : html`<h3 id="step-title" tabindex="-1">${text}</h3>`
  }

  #alert() {
    return this.error ? html`<p class="alert error" role="alert">${this.error}</p>` : nothing
  }

  #enrol(setup: TotpSetup) {
    const grouped = setup.secret.match(/.{1,4}/g)?.join(' ') ?? setup.secret
    return html`<div class="stack" id="enrol" part="base">
      ${this.#heading(this.t('console.totp.scanTitle'))}
      <div class="enrol">
        ${qrCode(setup.otpauthUrl, this.t('console.totp.qrLabel'))}
        <div class="stack">
          <p class="hint">${this.t('console.totp.scanHint')}</p>
          <p>${this.t('console.totp.secret')}</p>
          <div class="key">
            <code class="value" id="secret">${grouped}</code>
            <button
              class="button"
              type="button"
              id="copy-key"
              @click=${() => this.#copy('key', setup.secret, '#secret')}
            >
              ${this.copied === 'key' ? this.t('console.totp.copied') : this.t('console.totp.copyKey')}
            </button>
          </div>
          ${this.#alert()}
          <form class="stack" novalidate @submit=${this.#verify}>
            ${totpCodeField({
              label: this.t('console.totp.code'),
              hint: this.t('console.totp.codeHint'),
              error: this.codeError,
            })}
            <div class="actions">
              <button class="button primary" type="submit" ?disabled=${this.busy}>
                ${this.t('console.totp.verify')}
              </button>
              ${
                this.cancellable
                  ? html`<button
                      class="button"
                      type="button"
                      @click=${() => this.#emit('cancelled')}
                    >
                      ${this.t('console.totp.cancel')}
                    </button>`
                  : nothing
              }
            </div>
          </form>
        </div>
      </div>
    </div>`
  }

  #codes(codes: string[]) {
    return html`<div class="stack once" id="codes" part="base">
      ${this.#heading(this.t('console.totp.codesTitle'))}
      <p>${this.t('console.totp.codesIntro')}</p>
      <ol class="codes" id="recovery-codes" aria-label=${this.t('console.totp.codesLabel')}>
        ${codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ol>
      ${this.#alert()}
      <div class="actions">
        <button
          class="button"
          type="button"
          id="copy-codes"
          @click=${() => this.#copy('codes', codes.join('\n'), 'ol.codes')}
        >
          ${this.copied === 'codes' ? this.t('console.totp.copied') : this.t('console.totp.copyCodes')}
        </button>
        ${
          this.fileName
            ? html`<button
                class="button"
                type="button"
                id="download"
                @click=${() => this.#download(codes)}
              >
                ${this.t('console.totp.download')}
              </button>`
            : nothing
        }
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
          @click=${this.#done}
        >
          ${this.t('console.totp.done')}
        </button>
      </div>
    </div>`
  }

  #verify = async (event: SubmitEvent) => {
    event.preventDefault()
    if (this.busy || !this.verify) return
    const form = event.target as HTMLFormElement
    const code = typedTotpCode(form)
    if (!code) {
      this.codeError = this.t('console.totp.missingCode')
      return this.focusStep('#code')
    }
    this.busy = true
    this.error = ''
    try {
      const { recoveryCodes } = await this.verify(code)
      this.codeError = undefined
      this.saved = false
      this.copied = undefined
      this.codes = recoveryCodes
      await this.focusStep()
    } catch (error) {
      // A refused code keeps the step, says so under the field and puts the cursor back in it.
      if (isWrongTotpCode(error)) this.codeError = this.t('console.totp.wrongCode')
      else this.error = this.saveFailedText(error)
      await this.updateComplete
      const input = form.querySelector('input')
      input?.select()
      input?.focus()
    } finally {
      this.busy = false
    }
  }

  #done = () => {
    // The codes leave memory with this step: they are never shown again.
    this.codes = undefined
    this.setup = undefined
    this.#emit('enabled')
  }

  #emit(what: 'enabled' | 'cancelled') {
    this.dispatchEvent(new Event(`console-totp-${what}`, { bubbles: true, composed: true }))
  }

  async #copy(what: 'key' | 'codes', text: string, shown: string) {
    if (await copyText(text)) this.copied = what
    else selectContents(this.renderRoot.querySelector(shown))
  }

  #download(codes: string[]) {
    const head = this.fileHeader ? `${this.fileHeader}\n\n` : ''
    const blob = new Blob([`${head}${codes.join('\n')}\n`], { type: 'text/plain' })
    const link = document.createElement('a')
    link.href = URL.createObjectURL(blob)
    link.download = this.fileName
    this.renderRoot.append(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-totp-enrolment': ConsoleTotpEnrolment
  }
}
