import { html, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles, stackedTableStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { accountApi, type ConsoleSession } from './account-api.js'
import { describeUserAgent } from './user-agent.js'
import { ago, dateTime } from './format.js'
import { accountStyles } from './account-styles.js'
import type { ConsoleConfirm } from './confirm-dialog.js'
import './confirm-dialog.js'
import './account.locales.js'

/**
 * The browsers signed in to the user's console account (GET /v1/console/sessions): browser and
 * system from the user agent, address, sign-in time, last activity, this browser marked. Signing
 * one out asks first; signing out this browser ends the console session here too.
 *
 * @event console-sign-out - This browser's session was revoked: the app shows sign-in.
 */
@customElement('console-sessions')
export class ConsoleSessions extends ConsoleElement {
  static styles = [baseStyles, consoleStyles, accountStyles, stackedTableStyles]

  /** Where the sessions are read and revoked (the platform admin passes its /v1/admin calls). */
  @property({ attribute: false }) api: Pick<typeof accountApi, 'sessions' | 'revokeSession'> =
    accountApi
  @state() private sessions: ConsoleSession[] = []
  @state() private loaded = false
  @state() private message?: { kind: 'ok' | 'error'; text: string }
  @query('console-confirm') private confirmDialog!: ConsoleConfirm

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    try {
      const { data } = await this.api.sessions()
      this.sessions = data
    } catch (error) {
      this.message = { kind: 'error', text: this.loadFailedText(error) }
    } finally {
      this.loaded = true
    }
  }

  /** "Chrome on macOS", or what is known of it. */
  device(session: ConsoleSession) {
    const { browser, os } = describeUserAgent(session.userAgent)
    if (browser && os) return this.t('console.sessions.on', { browser, os })
    return browser ?? os ?? this.t('console.sessions.unknown')
  }

  render() {
    const others = this.sessions.filter((s) => !s.current)
    return html`<section class="card" part="base" aria-labelledby="sessions-title">
        <h2 id="sessions-title" tabindex="-1">${this.t('console.sessions.title')}</h2>
        <p class="hint">${this.t('console.sessions.intro')}</p>
        ${
          this.message
            ? html`<p
                class="alert ${this.message.kind}"
                id="sessions-message"
                role=${this.message.kind === 'ok' ? 'status' : 'alert'}
              >
                ${this.message.text}
              </p>`
            : nothing
        }
        ${!this.loaded ? this.loadingStatus() : this.sessions.length ? this.#table() : nothing}
        ${
          this.loaded && this.sessions.length && !others.length
            ? html`<p class="hint">${this.t('console.sessions.onlyThis')}</p>`
            : nothing
        }
        ${
          others.length > 1
            ? html`<div class="actions">
                <button
                  class="button"
                  id="sign-out-others"
                  @click=${() => this.#revokeOthers(others)}
                >
                  ${this.t('console.sessions.signOutOthers')}
                </button>
              </div>`
            : nothing
        }
      </section>
      <console-confirm></console-confirm>`
  }

  #table() {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${this.t('console.sessions.device')}</th>
          <th scope="col">${this.t('console.sessions.ip')}</th>
          <th scope="col">${this.t('console.sessions.started')}</th>
          <th scope="col">${this.t('console.sessions.lastSeen')}</th>
          <th scope="col">
            <span class="visually-hidden">${this.t('console.sessions.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        ${this.sessions.map((session) => {
          const device = this.device(session)
          return html`<tr data-session=${session.id} class=${session.current ? 'current' : ''}>
            <td>
              <strong>${device}</strong>
              ${
                session.current
                  ? html` <span class="badge you">${this.t('console.sessions.thisDevice')}</span>`
                  : nothing
              }
            </td>
            <td data-label=${this.t('console.sessions.ip')}>${session.ip ?? '—'}</td>
            <td data-label=${this.t('console.sessions.started')}>
              ${session.createdAt ? dateTime(session.createdAt) : '—'}
            </td>
            <td data-label=${this.t('console.sessions.lastSeen')}>
              ${
                session.current
                  ? this.t('console.sessions.now')
                  : session.lastSeenAt
                    ? ago(session.lastSeenAt)
                    : '—'
              }
            </td>
            <td>
              <button
                class="button"
                data-revoke=${session.id}
                aria-label=${this.t('console.sessions.signOutLabel', {
                  device,
                  ip: session.ip ?? '—',
                })}
                @click=${() => this.#revoke(session, device)}
              >
                ${this.t('console.sessions.signOut')}
              </button>
            </td>
          </tr>`
        })}
      </tbody>
    </table>`
  }

  async #revoke(session: ConsoleSession, device: string) {
    const ip = session.ip ?? '—'
    const yes = session.current
      ? await this.confirmDialog.ask(
          this.t('console.sessions.confirmThisTitle'),
          this.t('console.sessions.confirmThisMessage'),
          this.t('console.sessions.signOut')
        )
      : await this.confirmDialog.ask(
          this.t('console.sessions.confirmTitle', { device }),
          this.t('console.sessions.confirmMessage', { ip }),
          this.t('console.sessions.signOut')
        )
    if (!yes) return
    this.message = undefined
    try {
      await this.api.revokeSession(session.id)
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
      return
    }
    if (session.current) {
      this.dispatchEvent(new Event('console-sign-out', { bubbles: true, composed: true }))
      return
    }
    this.sessions = this.sessions.filter((s) => s.id !== session.id)
    this.message = { kind: 'ok', text: this.t('console.sessions.signedOut', { device }) }
    await this.#focusTitle()
  }

  async #revokeOthers(others: ConsoleSession[]) {
    const yes = await this.confirmDialog.ask(
      this.t('console.sessions.confirmOthersTitle', { count: others.length }),
      this.t('console.sessions.confirmOthersMessage'),
      this.t('console.sessions.signOut')
    )
    if (!yes) return
    this.message = undefined
    const gone = new Set<string>()
    try {
      for (const session of others) {
        await this.api.revokeSession(session.id)
        gone.add(session.id)
      }
      this.message = { kind: 'ok', text: this.t('console.sessions.signedOutOthers') }
    } catch (error) {
      this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.sessions = this.sessions.filter((s) => !gone.has(s.id))
    }
    await this.#focusTitle()
  }

  /** After a row goes, focus lands on the list's heading rather than on the page's start. */
  async #focusTitle() {
    await this.focusWhenDrawn('#sessions-title')
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-sessions': ConsoleSessions
  }
}
