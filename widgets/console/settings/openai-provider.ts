import { html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
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
  type OpenAIState,
} from './provider-parts.js'
import './settings-more.locales.js'

/** POST /v1/providers/openai/verify. */
export interface Verification {
  ok: boolean
  checkedAt: string
  models?: string[]
  reason?: string
}

const TRANSCRIPTION_MODELS = [
  'whisper-1',
  'gpt-4o-transcribe',
  'gpt-4o-mini-transcribe',
  'gpt-4o-transcribe-diarize',
] as const

/**
 * The OpenAI provider: whose key is used (the tenant's own, the platform's, none), the models,
 * a form to set or replace the key (PUT /v1/providers/openai; the key is never shown back), and
 * verification (POST /v1/providers/openai/verify), run after each save and on demand.
 *
 * @event console-provider-changed - The key was saved.
 */
@customElement('console-openai-provider')
export class ConsoleOpenAIProvider extends ConsoleElement {
  static styles = [baseStyles, consoleStyles, providerStyles]

  @property({ attribute: false }) state?: OpenAIState
  /** Shows the state only (developers and support). */
  @property({ type: Boolean }) readOnly = false
  @state() private busy: '' | 'save' | 'verify' = ''
  @state() private message?: Notice
  @state() private errors: ProblemDetail[] = []
  @state() private verification?: Verification

  render() {
    const o = this.state
    if (!o) return nothing
    const v = this.verification
    return html`<section class="card" aria-labelledby="openai-title" part="base">
      <h2 id="openai-title">${this.t('console.providers.openai.title')}</h2>
      <p class="state" id="state">
        ${stateDot(o.source === 'tenant' ? 'ok' : o.source === 'platform' ? 'warn' : 'off')}
        ${this.t(`console.providers.openai.${o.source ?? 'none'}`)}
      </p>
      <dl>
        ${
          o.baseUrl
            ? html`<dt>${this.t('console.providers.openai.baseUrl')}</dt>
                <dd><code>${o.baseUrl}</code></dd>`
            : nothing
        }
        <dt>${this.t('console.providers.openai.model.transcription')}</dt>
        <dd><code>${o.models.transcription}</code></dd>
        <dt>${this.t('console.providers.openai.model.summary')}</dt>
        <dd><code>${o.models.summary}</code></dd>
        <dt>${this.t('console.providers.openai.model.classification')}</dt>
        <dd><code>${o.models.classification}</code></dd>
      </dl>
      ${
        o.updatedAt
          ? html`<p class="hint">
              ${this.t('console.providers.openai.updated', { date: dateTime(o.updatedAt) })}
            </p>`
          : nothing
      }
      ${
        v
          ? html`<p
              class="alert ${v.ok ? 'ok' : ''}"
              id="verification"
              role=${v.ok ? 'status' : 'alert'}
            >
              ${
                v.ok
                  ? this.t('console.providers.openai.verified', {
                      date: dateTime(v.checkedAt),
                      count: v.models?.length ?? 0,
                    })
                  : this.t('console.providers.openai.verifyFailed', {
                      date: dateTime(v.checkedAt),
                      reason: v.reason ?? '',
                    })
              }
            </p>`
          : nothing
      }
      ${notice(this.message)} ${this.readOnly ? nothing : this.#form(o)}
    </section>`
  }

  #form(o: OpenAIState) {
    const errors = this.errors
    const invalid = (field: string) => (fieldError(errors, field) ? 'true' : 'false')
    return html`<form novalidate class="form" @submit=${this.#save}>
      <div class="field">
        <label for="apiKey">${this.t('console.providers.openai.key')}</label>
        <input
          id="apiKey"
          name="apiKey"
          type="password"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="apiKey-hint apiKey-error"
          aria-invalid=${invalid('apiKey')}
        />
        <p class="hint" id="apiKey-hint">${this.t('console.providers.openai.keyHint')}</p>
        ${fieldErrors(errors, 'apiKey')}
      </div>
      <div class="field">
        <label for="baseUrl">${this.t('console.providers.openai.baseUrl')}</label>
        <input
          id="baseUrl"
          name="baseUrl"
          type="url"
          autocomplete="off"
          .value=${o.baseUrl ?? ''}
          aria-describedby="baseUrl-hint baseUrl-error"
          aria-invalid=${invalid('baseUrl')}
        />
        <p class="hint" id="baseUrl-hint">${this.t('console.providers.openai.baseUrlHint')}</p>
        ${fieldErrors(errors, 'baseUrl')}
      </div>
      <div class="field">
        <label for="transcriptionModel">
          ${this.t('console.providers.openai.transcriptionModel')}
        </label>
        <select id="transcriptionModel" name="transcriptionModel">
          ${TRANSCRIPTION_MODELS.map(
            (m) => html`<option value=${m} ?selected=${m === o.models.transcription}>${m}</option>`
          )}
        </select>
      </div>
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${Boolean(this.busy)}>
          ${this.t(
            o.source === 'tenant'
              ? 'console.providers.openai.replace'
              : 'console.providers.openai.save'
          )}
        </button>
        ${
          o.configured
            ? html`<button
                class="button"
                type="button"
                id="verify"
                ?disabled=${Boolean(this.busy)}
                @click=${() => this.verify()}
              >
                ${this.t(
                  this.busy === 'verify'
                    ? 'console.providers.openai.verifying'
                    : 'console.providers.openai.verify'
                )}
              </button>`
            : nothing
        }
      </div>
    </form>`
  }

  /** Asks the provider whether it takes the key in use; the answer shows above the form. */
  async verify() {
    this.busy = 'verify'
    try {
      this.verification = await consoleFetch<Verification>('/v1/providers/openai/verify', {
        method: 'POST',
      })
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = ''
    }
  }

  #save = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const apiKey = String(data.get('apiKey') ?? '').trim()
    const baseUrl = String(data.get('baseUrl') ?? '').trim()
    this.message = undefined
    if (!apiKey) {
      this.errors = [{ field: 'apiKey', message: this.t('console.providers.openai.keyMissing') }]
      return
    }
    this.busy = 'save'
    try {
      await consoleFetch('/v1/providers/openai', {
        method: 'PUT',
        body: {
          apiKey,
          ...(baseUrl ? { baseUrl } : {}),
          transcriptionModel: data.get('transcriptionModel'),
        },
      })
    } catch (error) {
      const details = error instanceof ConsoleApiError && error.status === 422 ? error.details : []
      this.errors = details
      this.message = {
        kind: 'error',
        text: details.length ? this.t('console.settings.fix') : this.saveFailedText(error),
      }
      this.busy = ''
      return
    }
    this.errors = []
    // The key leaves the page; the other fields keep what was saved.
    form.querySelector<HTMLInputElement>('#apiKey')!.value = ''
    this.message = { kind: 'ok', text: this.t('console.providers.openai.saved') }
    this.dispatchEvent(new ConsoleProviderChangedEvent('openai'))
    // The next thing anyone wants to know: does the key work?
    await this.verify()
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-openai-provider': ConsoleOpenAIProvider
  }
}
