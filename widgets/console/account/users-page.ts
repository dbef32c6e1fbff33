import { html, css, nothing } from 'lit'
import { customElement, query, state } from 'lit/decorators.js'
import {
  ConsoleElement,
  consoleStyles,
  stackedTableStyles,
  pageMessage,
  pageHead,
  type PageMessage,
} from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { ConsoleApiError } from '../api.js'
import {
  ROLES,
  accountApi,
  type AccountMe,
  type ConsoleRole,
  type ConsoleUser,
  type PendingInvitation,
} from './account-api.js'
import { copyText, dateTime, selectContents } from './format.js'
import { accountStyles } from './account-styles.js'
import type { ConsoleConfirm } from './confirm-dialog.js'
import './confirm-dialog.js'
import './account.locales.js'

/** The roles `actor` may give (ConsoleUserPolicy): owners any, admins all but owner, others none. */
export function rolesGivenBy(actor: ConsoleRole | undefined): ConsoleRole[] {
  if (actor === 'owner') return [...ROLES]
  if (actor === 'admin') return ROLES.filter((role) => role !== 'owner')
  return []
}

/**
 * Console users (GET/POST /v1/console/users, PATCH/DELETE /v1/console/users/:id): who signs in,
 * with role, two-step sign-in and last sign-in; invite by a one-time link (shown once: Parley
 * sends no email), cancel a pending invitation (DELETE /v1/console/invitations/:id), change a
 * role, remove after a confirmation. The server's rules are shown
 * before they refuse: owners manage everyone, admins all but owners, the last owner stays, the
 * others read.
 *
 * @event console-sign-out - The user removed themselves: their session is gone.
 */
@customElement('console-users')
export class ConsoleUsers extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    accountStyles,
    stackedTableStyles,
    css`
      form.invite {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        align-items: start;
      }
      form.invite .field {
        flex: 1 1 220px;
      }
      form.invite .field.role {
        flex: 0 1 180px;
      }
      form.invite button {
        margin-top: calc(var(--parley-font-size-sm, 13px) * 1.5 + var(--parley-space-1, 4px));
      }
      .who {
        display: grid;
        gap: 2px;
        overflow-wrap: break-word;
      }
      th {
        white-space: nowrap;
      }
      /* Wide: an email or a date on one line (narrow rows are stacked and wrap instead). */
      @media (min-width: 701px) {
        .who .hint,
        td.date {
          white-space: nowrap;
        }
      }
      .role-control {
        display: flex;
        gap: var(--parley-space-1, 4px);
        flex-wrap: wrap;
        align-items: center;
      }
      .role-control select {
        min-width: 9.5em;
      }
      td .error,
      td .hint {
        margin-top: var(--parley-space-1, 4px);
        max-width: 28ch;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--parley-space-2, 8px) var(--parley-space-4, 16px);
        margin: 0;
      }
      dt {
        font-weight: var(--parley-font-weight-strong, 600);
      }
      dd {
        margin: 0;
        color: var(--parley-color-on-surface-muted);
      }
      ul.pending {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--parley-space-2, 8px);
      }
      ul.pending li {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-1, 4px) var(--parley-space-3, 12px);
        align-items: baseline;
      }
      ul.pending li .end {
        margin-inline-start: auto;
      }
      @media (max-width: 560px) {
        form.invite button {
          margin-top: 0;
        }
        /* Stacked like the people above: the action starts its line. */
        ul.pending li .end {
          margin-inline-start: 0;
        }
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
        dd {
          margin-bottom: var(--parley-space-2, 8px);
        }
      }
    `,
  ]

  @state() private me?: AccountMe
  @state() private users: ConsoleUser[] = []
  @state() private invitations: PendingInvitation[] = []
  @state() private loaded = false
  @state() private message?: PageMessage
  /** A role chosen in a row's select and not saved yet, by user id. */
  @state() private chosen: Record<string, ConsoleRole> = {}
  /** A refusal shown under a row's role control, by user id. */
  @state() private rowError: Record<string, string> = {}
  @state() private inviteError?: string
  @state() private created?: { invitation: PendingInvitation; link: string }
  @state() private copied = false
  @state() private busy = false
  @query('console-confirm') private confirmDialog!: ConsoleConfirm

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    try {
      const [me, list] = await Promise.all([accountApi.me(), accountApi.users()])
      this.me = me
      this.users = list.data
      this.invitations = list.invitations ?? []
    } catch (error) {
      this.message = { kind: 'error', text: this.loadFailedText(error) }
    } finally {
      this.loaded = true
    }
  }

  get #myRole() {
    return this.me?.user.role
  }

  #roleName(role: ConsoleRole) {
    return this.t(`console.users.role.${role}`)
  }

  #name(user: ConsoleUser) {
    return user.name || user.email
  }

  /** Why `user` cannot be changed by the signed-in user, or undefined when they can. */
  #lockedReason(user: ConsoleUser) {
    if (!rolesGivenBy(this.#myRole).length) return undefined // the read-only note says it once
    if (user.role === 'owner' && this.#myRole !== 'owner') return this.t('console.users.ownerOnly')
    if (user.role === 'owner' && this.users.filter((u) => u.role === 'owner').length === 1)
      return this.t('console.users.lastOwner')
    return undefined
  }

  render() {
    const canManage = rolesGivenBy(this.#myRole).length > 0
    return html`
      ${pageHead(this.t('console.users.title'), this.t('console.users.intro'))}
      ${pageMessage(this.message)} ${this.created ? this.#link(this.created) : nothing}
      ${this.loaded && this.me && canManage ? this.#inviteForm() : nothing}
      <section class="card" aria-labelledby="list-title">
        <h2 id="list-title" tabindex="-1">${this.t('console.users.list')}</h2>
        ${
          this.loaded && this.me && !canManage
            ? html`<p class="hint" id="read-only">
                ${this.t('console.users.readOnly', { role: this.#roleName(this.me.user.role) })}
              </p>`
            : nothing
        }
        ${
          this.loaded
            ? this.users.length
              ? this.#table(canManage)
              : nothing
            : this.loadingStatus()
        }
      </section>
      ${this.invitations.length ? this.#pending() : nothing}
      <section class="card" aria-labelledby="roles-title">
        <h2 id="roles-title">${this.t('console.users.rolesTitle')}</h2>
        <dl>
          ${ROLES.map(
            (role) =>
              html`<dt>${this.#roleName(role)}</dt>
                <dd>${this.t(`console.users.roleInfo.${role}`)}</dd>`
          )}
        </dl>
      </section>
      <console-confirm></console-confirm>
    `
  }

  #inviteForm() {
    const roles = rolesGivenBy(this.#myRole)
    return html`<section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">${this.t('console.users.inviteTitle')}</h2>
      <form class="invite" novalidate @submit=${this.#invite}>
        <div class="field">
          <label for="invite-email">${this.t('console.users.email')}</label>
          <input
            id="invite-email"
            name="email"
            type="email"
            autocomplete="off"
            maxlength="254"
            aria-invalid=${this.inviteError ? 'true' : 'false'}
            aria-describedby=${this.inviteError ? 'invite-error' : nothing}
          />
          ${
            this.inviteError
              ? html`<p class="error" id="invite-error">${this.inviteError}</p>`
              : nothing
          }
        </div>
        <div class="field role">
          <label for="invite-role">${this.t('console.users.role')}</label>
          <select id="invite-role" name="role">
            ${roles.map(
              (role) =>
                html`<option value=${role} ?selected=${role === 'developer'}>
                  ${this.#roleName(role)}
                </option>`
            )}
          </select>
        </div>
        <button class="button primary" type="submit" ?disabled=${this.busy}>
          ${this.t('console.users.invite')}
        </button>
      </form>
      ${
        this.#myRole === 'admin'
          ? html`<p class="hint">${this.t('console.users.inviteHint')}</p>`
          : nothing
      }
    </section>`
  }

  #link({ invitation, link }: { invitation: PendingInvitation; link: string }) {
    return html`<section class="card once" id="link-card" aria-labelledby="link-title">
      <h2 id="link-title">${this.t('console.users.linkTitle', { email: invitation.email })}</h2>
      <p>
        ${this.t('console.users.linkIntro', {
          email: invitation.email,
          date: dateTime(invitation.expiresAt),
        })}
      </p>
      <code class="value" id="link">${link}</code>
      <div class="actions">
        <button
          class="button primary"
          type="button"
          id="copy-link"
          @click=${() => this.#copy(link)}
        >
          ${this.copied ? this.t('console.users.copied') : this.t('console.users.copyLink')}
        </button>
        <button class="button" type="button" id="link-done" @click=${this.#linkDone}>
          ${this.t('console.users.done')}
        </button>
      </div>
    </section>`
  }

  #table(canManage: boolean) {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${this.t('console.users.name')}</th>
          <th scope="col">${this.t('console.users.role')}</th>
          <th scope="col">${this.t('console.users.twoStep')}</th>
          <th scope="col">${this.t('console.users.lastSignIn')}</th>
          ${
            canManage
              ? html`<th scope="col">
                  <span class="visually-hidden">${this.t('console.users.actions')}</span>
                </th>`
              : nothing
          }
        </tr>
      </thead>
      <tbody>
        ${this.users.map((user) => this.#row(user, canManage))}
      </tbody>
    </table>`
  }

  #row(user: ConsoleUser, canManage: boolean) {
    const you = user.id === this.me?.user.id
    const locked = this.#lockedReason(user)
    return html`<tr data-user=${user.id}>
      <td>
        <span class="who">
          <strong>
            ${this.#name(user)}
            ${you ? html` <span class="badge you">${this.t('console.users.you')}</span>` : nothing}
          </strong>
          ${user.name ? html`<span class="hint">${user.email}</span>` : nothing}
        </span>
      </td>
      <td data-label=${this.t('console.users.role')}>
        ${canManage && !locked ? this.#roleControl(user) : this.#roleName(user.role)}
      </td>
      <td data-label=${this.t('console.users.twoStep')}>
        <span class="badge ${user.totpEnabled ? 'on' : ''}">
          ${this.t(user.totpEnabled ? 'console.users.on' : 'console.users.off')}
        </span>
      </td>
      <td class="date" data-label=${this.t('console.users.lastSignIn')}>
        ${user.lastSignInAt ? dateTime(user.lastSignInAt) : this.t('console.users.never')}
      </td>
      ${
        canManage
          ? html`<td>
              ${
                locked
                  ? html`<p class="hint" data-reason=${user.id}>${locked}</p>`
                  : html`<button
                      class="button"
                      type="button"
                      data-remove=${user.id}
                      aria-label=${this.t('console.users.removeLabel', { name: this.#name(user) })}
                      @click=${() => this.#remove(user)}
                    >
                      ${this.t('console.users.remove')}
                    </button>`
              }
            </td>`
          : nothing
      }
    </tr>`
  }

  #roleControl(user: ConsoleUser) {
    const roles = rolesGivenBy(this.#myRole)
    const chosen = this.chosen[user.id] ?? user.role
    const error = this.rowError[user.id]
    const errorId = `role-error-${user.id}`
    return html`<div class="role-control">
        <select
          data-role=${user.id}
          aria-label=${this.t('console.users.roleOf', { name: this.#name(user) })}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? errorId : nothing}
          @change=${(event: Event) => this.#choose(user, event)}
        >
          ${roles.map(
            (role) =>
              html`<option value=${role} .selected=${role === chosen}>
                ${this.#roleName(role)}
              </option>`
          )}
        </select>
        ${
          chosen === user.role
            ? nothing
            : html`<button
                class="button primary"
                type="button"
                data-change-role=${user.id}
                aria-label=${this.t('console.users.changeRoleLabel', { name: this.#name(user) })}
                @click=${() => this.#changeRole(user)}
              >
                ${this.t('console.users.changeRole')}
              </button>`
        }
      </div>
      ${error ? html`<p class="error" id=${errorId} role="alert">${error}</p>` : nothing}`
  }

  #pending() {
    const canManage = rolesGivenBy(this.#myRole).length > 0
    return html`<section class="card" aria-labelledby="pending-title">
      <h2 id="pending-title" tabindex="-1">${this.t('console.users.pendingTitle')}</h2>
      <ul class="pending">
        ${this.invitations.map(
          (invitation) =>
            html`<li data-invitation=${invitation.id}>
              <strong>${invitation.email}</strong>
              <span class="badge">${this.#roleName(invitation.role)}</span>
              <span class="hint">
                ${this.t('console.users.expires', { date: dateTime(invitation.expiresAt) })}
              </span>
              ${canManage ? this.#cancelControl(invitation) : nothing}
            </li>`
        )}
      </ul>
    </section>`
  }

  /**
   * Cancel for an invitation the signed-in user may withdraw: the roles they may invite
   * (ConsoleUserPolicy.cancelInvitation); an admin is told why an owner's invitation has none.
   */
  #cancelControl(invitation: PendingInvitation) {
    if (!rolesGivenBy(this.#myRole).includes(invitation.role))
      return html`<span class="hint end" data-invitation-reason=${invitation.id}>
        ${this.t('console.users.ownerInvitationOnly')}
      </span>`
    return html`<button
      class="button end"
      type="button"
      data-cancel-invitation=${invitation.id}
      aria-label=${this.t('console.users.cancelInvitationLabel', { email: invitation.email })}
      @click=${() => this.#cancelInvitation(invitation)}
    >
      ${this.t('console.users.cancelInvitation')}
    </button>`
  }

  #choose(user: ConsoleUser, event: Event) {
    const role = (event.target as HTMLSelectElement).value as ConsoleRole
    this.chosen = { ...this.chosen, [user.id]: role }
    this.rowError = { ...this.rowError, [user.id]: '' }
  }

  /** The words for a refused change to a user: the role, the last owner, or the server's. */
  #refusal(error: unknown) {
    if (error instanceof ConsoleApiError && error.status === 403)
      return this.t('console.users.forbidden')
    if (error instanceof ConsoleApiError && error.status === 409)
      return this.t('console.users.keepOwner')
    return this.t('console.users.failed', { message: (error as Error).message })
  }

  async #changeRole(user: ConsoleUser) {
    const role = this.chosen[user.id]
    if (!role || role === user.role) return
    this.message = undefined
    try {
      const { user: saved } = await accountApi.changeRole(user.id, role)
      this.users = this.users.map((u) => (u.id === user.id ? saved : u))
      if (saved.id === this.me?.user.id && this.me)
        this.me = { ...this.me, user: { ...this.me.user, role: saved.role } }
      this.message = {
        kind: 'ok',
        text: this.t('console.users.roleChanged', {
          name: this.#name(saved),
          role: this.#roleName(saved.role),
        }),
      }
    } catch (error) {
      this.rowError = { ...this.rowError, [user.id]: this.#refusal(error) }
    }
    // The select shows the role the user has now; a refusal says why under it.
    const chosen = { ...this.chosen }
    delete chosen[user.id]
    this.chosen = chosen
    await this.focusWhenDrawn(`select[data-role="${user.id}"]`)
  }

  async #remove(user: ConsoleUser) {
    const self = user.id === this.me?.user.id
    const name = this.#name(user)
    const yes = await this.confirmDialog.ask(
      self
        ? this.t('console.users.confirmRemoveSelf')
        : this.t('console.users.confirmRemove', { name }),
      this.t(
        self ? 'console.users.confirmRemoveSelfMessage' : 'console.users.confirmRemoveMessage'
      ),
      this.t('console.users.remove')
    )
    if (!yes) return
    this.message = undefined
    try {
      await accountApi.removeUser(user.id)
    } catch (error) {
      this.rowError = { ...this.rowError, [user.id]: this.#refusal(error) }
      this.message = { kind: 'error', text: this.#refusal(error) }
      return
    }
    if (self) {
      this.dispatchEvent(new Event('console-sign-out', { bubbles: true, composed: true }))
      return
    }
    this.users = this.users.filter((u) => u.id !== user.id)
    this.message = { kind: 'ok', text: this.t('console.users.removed', { name }) }
    await this.focusWhenDrawn('#list-title')
  }

  async #cancelInvitation(invitation: PendingInvitation) {
    const { email } = invitation
    const yes = await this.confirmDialog.ask(
      this.t('console.users.confirmCancelInvitation', { email }),
      this.t('console.users.confirmCancelInvitationMessage'),
      this.t('console.users.cancelInvitation'),
      this.t('console.users.keepInvitation')
    )
    if (!yes) return
    this.message = undefined
    try {
      await accountApi.cancelInvitation(invitation.id)
      this.message = { kind: 'ok', text: this.t('console.users.invitationCancelled', { email }) }
    } catch (error) {
      if (!(error instanceof ConsoleApiError && error.status === 404)) {
        this.message = { kind: 'error', text: this.#refusal(error) }
        return
      }
      // Accepted, expired or cancelled meanwhile: the server's lists say which.
      await this.load()
      this.message = { kind: 'error', text: this.t('console.users.invitationGone', { email }) }
    }
    this.invitations = this.invitations.filter((i) => i.id !== invitation.id)
    // A link still on screen for it would no longer work.
    if (this.created?.invitation.id === invitation.id) this.created = undefined
    await this.focusWhenDrawn(this.invitations.length ? '#pending-title' : '#list-title')
  }

  #invite = async (event: SubmitEvent) => {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const email = String(data.get('email') ?? '').trim()
    const role = String(data.get('role')) as ConsoleRole
    const input = form.querySelector<HTMLInputElement>('#invite-email')
    if (!email) {
      this.inviteError = this.t('console.users.missingEmail')
      input?.focus()
      return
    }
    this.busy = true
    this.message = undefined
    this.inviteError = undefined
    try {
      const created = await accountApi.invite(email, role)
      this.created = created
      this.copied = false
      // Inviting an email again replaces its pending invitation on the server too.
      const invited = created.invitation.email.toLowerCase()
      this.invitations = [
        ...this.invitations.filter(
          (i) => i.id !== created.invitation.id && i.email.toLowerCase() !== invited
        ),
        created.invitation,
      ]
      form.reset()
      await this.focusWhenDrawn('#copy-link')
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 422)
        this.inviteError = error.details.find((d) => d.field === 'email')?.message ?? error.message
      else if (error instanceof ConsoleApiError && error.status === 409)
        this.inviteError = this.t('console.users.taken')
      else this.inviteError = this.#refusal(error)
      await this.updateComplete
      input?.focus()
    } finally {
      this.busy = false
    }
  }

  #linkDone = async () => {
    // The link is not kept: it was shown once.
    this.created = undefined
    await this.focusWhenDrawn('#invite-email')
  }

  async #copy(link: string) {
    if (await copyText(link)) this.copied = true
    else selectContents(this.renderRoot.querySelector('#link'))
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-users': ConsoleUsers
  }
}
