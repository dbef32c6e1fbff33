import { html, nothing } from 'lit'
import { property, state } from 'lit/decorators.js'
import { ParleyElement } from '../kit/parley-element.js'
import { define } from '../kit/define.js'
import { ParleyApiError } from '../kit/errors.js'
import '../kit/primitives/button.js'
import '../kit/primitives/input.js'
import './chat.locales.js'

/** What a visitor tells about themself (PATCH /v1/chat/contact). */
export interface VisitorDetails {
  name?: string
  email?: string
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Enter in a field submits (its native input sits in a shadow root, outside the form). */
function submitOnEnter(event: KeyboardEvent) {
  if (event.key !== 'Enter' || (event.target as Element).localName !== 'parley-input') return
  event.preventDefault()
  ;(event.currentTarget as HTMLFormElement).requestSubmit()
}

/** A field's value as it stands (typed, pasted or autofilled). */
const valueOf = (form: Element, name: string) =>
  (
    form.querySelector<HTMLElement & { value: string }>(`parley-input[name="${name}"]`)?.value ?? ''
  ).trim()

type Errors = { name?: string; email?: string; form?: string }

/** The server's 422 details as field errors; anything else for the form as a whole. */
function errorsOf(error: unknown, fallback: string): Errors {
  if (
    error instanceof ParleyApiError &&
    error.code === 'VALIDATION_ERROR' &&
    error.details.length
  ) {
    return Object.fromEntries(error.details.map((d) => [d.field, d.message]))
  }
  return { form: fallback }
}

/**
 * The pre-chat form: the visitor's email (and name) before their first message, as the
 * workspace asks. Required, it must be filled; optional, it can be skipped. Renders into the
 * chat's shadow root (the chat's `pre-chat` part and styles reach it).
 */
export class ParleyChatForm extends ParleyElement {
  /** What to ask. */
  @property() ask: 'email' | 'nameAndEmail' = 'email'
  @property({ type: Boolean }) required = false
  /** Stores what was given; rejects with the API's error. */
  @property({ attribute: false }) submit?: (details: VisitorDetails) => Promise<void>
  @property({ attribute: false }) skip?: () => void
  @state() private errors: Errors = {}
  @state() private busy = false

  protected createRenderRoot() {
    return this
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault()
    const name = valueOf(this, 'name')
    const email = valueOf(this, 'email')
    const errors: Errors = {}
    if (this.ask === 'nameAndEmail' && this.required && !name) {
      errors.name = this.t('chat.form.nameMissing')
    }
    if (this.required && !email) errors.email = this.t('chat.form.emailMissing')
    else if (email && !EMAIL.test(email)) errors.email = this.t('chat.form.emailInvalid')
    this.errors = errors
    if (Object.keys(errors).length) {
      this.#focusFirstError()
      return
    }
    if (!name && !email) return this.skip?.()
    this.busy = true
    try {
      await this.submit?.({ ...(name ? { name } : {}), ...(email ? { email } : {}) })
    } catch (error) {
      this.errors = errorsOf(error, this.reportError(error))
      this.#focusFirstError()
    } finally {
      this.busy = false
    }
  }

  #focusFirstError() {
    void this.updateComplete.then(() =>
      this.querySelector<HTMLElement>('parley-input[error]')?.focus()
    )
  }

  render() {
    return html`<form
      part="pre-chat"
      novalidate
      @submit=${this.#onSubmit}
      @keydown=${submitOnEnter}
    >
      <h3>${this.t('chat.form.title')}</h3>
      <p>${this.t(this.required ? 'chat.form.intro' : 'chat.form.introOptional')}</p>
      ${
        this.ask === 'nameAndEmail'
          ? html`<parley-input
              name="name"
              label=${this.t('chat.form.name')}
              ?required=${this.required}
              error=${this.errors.name ?? nothing}
            ></parley-input>`
          : nothing
      }
      <parley-input
        name="email"
        type="email"
        label=${this.t('chat.form.email')}
        ?required=${this.required}
        error=${this.errors.email ?? nothing}
      ></parley-input>
      ${this.errors.form ? html`<p class="form-error" role="alert">${this.errors.form}</p>` : nothing}
      <div class="actions">
        ${
          this.required
            ? nothing
            : html`<parley-button variant="ghost" @click=${() => this.skip?.()}
                >${this.t('chat.form.skip')}</parley-button
              >`
        }
        <parley-button type="submit" ?disabled=${this.busy}
          >${this.t('chat.form.start')}</parley-button
        >
      </div>
    </form>`
  }
}

/**
 * The chat's "leave your email and we'll reply there", in the flow, when nobody has answered
 * for the workspace's set time. Renders into the chat's shadow root (`email-prompt` part).
 */
export class ParleyChatEmailPrompt extends ParleyElement {
  @property({ attribute: false }) submit?: (details: VisitorDetails) => Promise<void>
  @property({ attribute: false }) dismiss?: () => void
  @state() private error?: string
  @state() private busy = false

  protected createRenderRoot() {
    return this
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault()
    const email = valueOf(this, 'email')
    this.error = !email
      ? this.t('chat.form.emailMissing')
      : EMAIL.test(email)
        ? undefined
        : this.t('chat.form.emailInvalid')
    if (this.error) {
      void this.updateComplete.then(() => this.querySelector('parley-input')?.focus())
      return
    }
    this.busy = true
    try {
      await this.submit?.({ email })
    } catch (error) {
      const errors = errorsOf(error, this.reportError(error))
      this.error = errors.email ?? errors.form
    } finally {
      this.busy = false
    }
  }

  render() {
    return html`<form
      part="email-prompt"
      novalidate
      @submit=${this.#onSubmit}
      @keydown=${submitOnEnter}
    >
      <p>${this.t('chat.email.prompt')}</p>
      <parley-input
        name="email"
        type="email"
        label=${this.t('chat.email.label')}
        error=${this.error ?? nothing}
      ></parley-input>
      <div class="actions">
        <parley-button variant="ghost" @click=${() => this.dismiss?.()}
          >${this.t('chat.email.dismiss')}</parley-button
        >
        <parley-button type="submit" ?disabled=${this.busy}
          >${this.t('chat.email.send')}</parley-button
        >
      </div>
    </form>`
  }
}

define('parley-chat-form', ParleyChatForm)
define('parley-chat-email-prompt', ParleyChatEmailPrompt)

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat-form': ParleyChatForm
    'parley-chat-email-prompt': ParleyChatEmailPrompt
  }
}
