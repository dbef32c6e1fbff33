import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from './console-element.js'
import { baseStyles } from '../kit/styles.js'
import { ConsoleApiError, consoleApi, type ConsoleMe } from './api.js'

/** The invitation is accepted: the user signs in next (accepting does not sign in). */
export class ConsoleInvitationAcceptedEvent extends Event {
  constructor(readonly user: ConsoleMe['user']) {
    super('console-invitation-accepted', { bubbles: true, composed: true })
  }
}

/**
 * The one-time invitation link (`/console/invite#ci_…`; the token stays in the fragment, so no
 * server log sees it): the invited person chooses a name and a password.
 */
@customElement('console-invite')
export class ConsoleInvite extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    css`
      :host {
        display: grid;
        place-items: center;
        min-height: 100dvh;
        padding: var(--parley-space-4, 16px);
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
    `,
  ]

  /** The invitation token (from the link's fragment). */
  @property() token = ''
  /** The tokens this page accepts, and where it sends the form (the platform admin's differ). */
  @property({ attribute: false }) tokenPattern = /^ci_[0-9a-f]{32}[A-Za-z0-9_-]{32}$/
  @property({ attribute: false }) accept: (
    token: string,
    body: { name: string; password: string }
  ) => Promise<{ user: ConsoleMe['user'] }> = consoleApi.acceptInvitation
  /** The form's title (default: the console's). */
  @property() heading = ''
  @state() private error = ''
  @state() private passwordError = ''
  @state() private busy = false

  render() {
    // The server's token format: ci_, the tenant id in hex, 32 random characters.
    const usable = this.tokenPattern.test(this.token)
    return html`<form class="card" part="base" novalidate @submit=${this.#submit}>
      <h1>${this.heading || this.t('console.invite.title')}</h1>
      ${
        this.error || !usable
          ? html`<p class="alert" role="alert" id="error">
              ${this.error || this.t('console.invite.invalid')}
            </p>`
          : nothing
      }
      <div class="field">
        <label for="name">${this.t('console.invite.name')}</label>
        <input id="name" name="name" autocomplete="name" required ?disabled=${!usable} />
      </div>
      <div class="field">
        <label for="password">${this.t('console.invite.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          minlength="12"
          required
          ?disabled=${!usable}
          aria-invalid=${this.passwordError ? 'true' : 'false'}
          aria-describedby="password-hint"
        />
        <p class=${this.passwordError ? 'error' : 'hint'} id="password-hint">
          ${this.passwordError || this.t('console.invite.passwordHint')}
        </p>
      </div>
      <div>
        <button class="button primary" type="submit" ?disabled=${this.busy || !usable}>
          ${this.t('console.invite.submit')}
        </button>
      </div>
    </form>`
  }

  firstUpdated() {
    this.renderRoot.querySelector<HTMLInputElement>('input:not([disabled])')?.focus()
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault()
    const data = new FormData(event.target as HTMLFormElement)
    const name = String(data.get('name') ?? '').trim()
    const password = String(data.get('password') ?? '')
    this.error = ''
    this.passwordError = ''
    if (password.length < 12) {
      this.passwordError = this.t('console.invite.passwordHint')
      return
    }
    this.busy = true
    try {
      const { user } = await this.accept(this.token, { name, password })
      this.dispatchEvent(new ConsoleInvitationAcceptedEvent(user))
    } catch (error) {
      if (!(error instanceof ConsoleApiError)) throw error
      const passwordProblem = error.details.find((d) => d.field === 'password')
      if (passwordProblem) this.passwordError = passwordProblem.message
      else if (error.status === 404) this.error = this.t('console.invite.invalid')
      else if (error.status === 409) this.error = this.t('console.invite.taken')
      else if (error.status === 0) this.error = this.t('console.signIn.network')
      else
        this.error = error.details.map((d) => `${d.field}: ${d.message}`).join(' ') || error.message
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-invite': ConsoleInvite
  }
}
