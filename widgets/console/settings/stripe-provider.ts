import { html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import type { MessageKey } from '../../kit/localize.js'
import { ConsoleApiError, consoleFetch, type ProblemDetail } from '../api.js'
import {
  ConsoleProviderChangedEvent,
  dateTime,
  fieldError,
  fieldErrors,
  notice,
  providerStyles,
  stateDot,
  type Notice,
  type StripeState,
} from './provider-parts.js'
import './settings-more.locales.js'

type Mode = 'connect' | 'own'

/**
 * The Stripe account billing uses: its mode (a Connect account of the platform, or the tenant's
 * own keys), the account, test or live, when it was verified, and a form to connect or replace it
 * (PUT /v1/providers/stripe verifies with Stripe before storing; keys are never shown back). The
 * API has no disconnect: the card says so.
 *
 * @event console-provider-changed - The account was saved.
 */
@customElement('console-stripe-provider')
export class ConsoleStripeProvider extends ConsoleElement {
  static styles = [baseStyles, consoleStyles, providerStyles]

  @property({ attribute: false }) state?: StripeState
  /** Shows the state only (developers and support). */
  @property({ type: Boolean }) readOnly = false
  @state() private mode: Mode = 'connect'
  @state() private busy = false
  @state() private message?: Notice
  @state() private errors: ProblemDetail[] = []

  protected willUpdate(changed: PropertyValues<this>) {
    // The form starts on the mode in use, or the one the platform offers.
    if (changed.has('state') && this.state && !changed.get('state'))
      this.mode = this.state.mode ?? (this.state.connectAvailable ? 'connect' : 'own')
  }

  render() {
    const s = this.state
    if (!s) return nothing
    return html`<section class="card" aria-labelledby="stripe-title" part="base">
      <h2 id="stripe-title">${this.t('console.providers.stripe.title')}</h2>
      <p class="state" id="state">
        ${stateDot(!s.configured ? 'off' : s.ready ? 'ok' : 'warn')}
        ${this.t(s.mode ? `console.providers.stripe.${s.mode}` : 'console.providers.stripe.none')}
      </p>
      ${
        s.configured
          ? html`<dl>
                <dt>${this.t('console.providers.stripe.account')}</dt>
                <dd><code id="account">${s.accountId}</code></dd>
                <dt>${this.t('console.providers.stripe.mode')}</dt>
                <dd>
                  ${this.t(s.livemode ? 'console.providers.stripe.live' : 'console.providers.stripe.test')}
                </dd>
                ${
                  s.verifiedAt
                    ? html`<dt>${this.t('console.providers.stripe.verifiedAt')}</dt>
                        <dd>${dateTime(s.verifiedAt)}</dd>`
                    : nothing
                }
              </dl>
              ${
                s.ready
                  ? nothing
                  : html`<p class="alert" role="alert">
                      ${this.t('console.providers.stripe.notReady')}
                    </p>`
              }`
          : nothing
      }
      ${notice(this.message)} ${this.readOnly ? nothing : this.#form(s)}
    </section>`
  }

  #field(name: 'accountId' | 'secretKey' | 'webhookSecret' | 'publishableKey', secret = false) {
    const key = `console.providers.stripe.${name}` as MessageKey
    return html`<div class="field">
      <label for=${name}>${this.t(key)}</label>
      <input
        id=${name}
        name=${name}
        type=${secret ? 'password' : 'text'}
        autocomplete="off"
        spellcheck="false"
        aria-describedby="${name}-hint ${name}-error"
        aria-invalid=${fieldError(this.errors, name) ? 'true' : 'false'}
      />
      <p class="hint" id="${name}-hint">${this.t(`${key}Hint` as MessageKey)}</p>
      ${fieldErrors(this.errors, name)}
    </div>`
  }

  #form(s: StripeState) {
    return html`<form novalidate class="form" @submit=${this.#save}>
      <fieldset>
        <legend>${this.t('console.providers.stripe.how')}</legend>
        <label>
          <input
            type="radio"
            name="mode"
            value="connect"
            .checked=${this.mode === 'connect'}
            ?disabled=${!s.connectAvailable}
            @change=${() => (this.mode = 'connect')}
          />
          ${this.t('console.providers.stripe.useConnect')}
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            value="own"
            .checked=${this.mode === 'own'}
            @change=${() => (this.mode = 'own')}
          />
          ${this.t('console.providers.stripe.useOwn')}
        </label>
      </fieldset>
      ${
        s.connectAvailable
          ? nothing
          : html`<p class="hint">${this.t('console.providers.stripe.connectUnavailable')}</p>`
      }
      ${
        this.mode === 'connect'
          ? this.#field('accountId')
          : html`${this.#field('secretKey', true)} ${this.#field('webhookSecret', true)}
            ${this.#field('publishableKey')}`
      }
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.busy}>
          ${this.t(
            s.configured
              ? 'console.providers.stripe.replaceButton'
              : 'console.providers.stripe.connectButton'
          )}
        </button>
      </div>
      ${
        s.configured
          ? html`<p class="hint">${this.t('console.providers.stripe.disconnect')}</p>`
          : nothing
      }
    </form>`
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const value = (name: string) => String(data.get(name) ?? '').trim()
    const body =
      this.mode === 'connect'
        ? { accountId: value('accountId') }
        : {
            secretKey: value('secretKey'),
            webhookSecret: value('webhookSecret'),
            ...(value('publishableKey') ? { publishableKey: value('publishableKey') } : {}),
          }
    this.busy = true
    this.message = undefined
    try {
      await consoleFetch('/v1/providers/stripe', { method: 'PUT', body })
      this.errors = []
      // Secrets leave the page (a reset would also clear the mode's radio, which Lit set).
      for (const input of form.querySelectorAll<HTMLInputElement>('input:not([type=radio])'))
        input.value = ''
      this.message = { kind: 'ok', text: this.t('console.providers.stripe.saved') }
      this.dispatchEvent(new ConsoleProviderChangedEvent('stripe'))
    } catch (error) {
      const details = error instanceof ConsoleApiError && error.status === 422 ? error.details : []
      this.errors = details
      this.message = {
        kind: 'error',
        text: details.length ? this.t('console.settings.fix') : this.saveFailedText(error),
      }
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-stripe-provider': ConsoleStripeProvider
  }
}
