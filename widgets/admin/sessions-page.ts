import { html, css } from 'lit'
import { customElement } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console/console-element.js'
import { baseStyles } from '../kit/styles.js'
import '../console/account/sessions-list.js'
import './admin.locales.js'
import { adminApi } from './api.js'
import { adminPageStyles } from './admin-styles.js'

/**
 * The signed-in admin's sessions: the console's list (<console-sessions>) on /v1/admin/sessions.
 * Revoking this browser's session signs out (its `console-sign-out` reaches the app).
 */
@customElement('admin-sessions')
export class AdminSessions extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    adminPageStyles,
    css`
      :host {
        max-width: 960px;
      }
    `,
  ]

  render() {
    return html`
      <div class="head">
        <div>
          <h1>${this.t('admin.sessions.title')}</h1>
        </div>
      </div>
      <console-sessions .api=${adminApi}></console-sessions>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-sessions': AdminSessions
  }
}
