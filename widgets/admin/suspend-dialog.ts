import { html, css, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console/console-element.js'
import { ConsoleApiError } from '../console/api.js'
import { baseStyles } from '../kit/styles.js'
import type { ParleyDialog } from '../kit/primitives/dialog.js'
import type { ParleySelect } from '../kit/controls/select.js'
import '../kit/primitives/dialog.js'
import '../kit/controls/select.js'
import {
  adminApi,
  SUSPENSION_CATEGORIES,
  type SuspensionCategory,
  type TenantDetail,
} from './api.js'
import './admin.locales.js'
import { adminPageStyles } from './admin-styles.js'

/** A tenant changed here (suspended, resumed): `tenant` is the API's answer. */
export class AdminTenantChangedEvent extends Event {
  constructor(
    readonly tenant: TenantDetail,
    /** What to say about it. */
    readonly message: string
  ) {
    super('admin-tenant-changed', { bubbles: true, composed: true })
  }
}

/**
 * Suspending a tenant, in a modal dialog: a category, a reason its console users will read
 * (required) and an internal note; "Suspend now" sends POST /v1/admin/tenants/:id/suspend.
 * Escape or Cancel close it without a change.
 *
 * @event admin-tenant-changed - The tenant is suspended (AdminTenantChangedEvent).
 */
@customElement('admin-suspend-dialog')
export class AdminSuspendDialog extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    adminPageStyles,
    css`
      :host {
        display: contents;
      }
      parley-dialog {
        --parley-dialog-width: min(520px, calc(100vw - 32px));
      }
      form {
        display: grid;
        gap: var(--parley-space-4, 16px);
      }
      parley-select {
        --parley-control-height: 40px;
      }
      .actions {
        display: flex;
        flex-wrap: wrap-reverse;
        justify-content: flex-end;
        gap: var(--parley-space-2, 8px);
      }
      @media (max-width: 420px) {
        .actions .button {
          flex: 1 1 100%;
        }
      }
    `,
  ]

  @property({ attribute: false }) tenant?: Pick<TenantDetail, 'id' | 'name'>
  @state() private reasonError = ''
  @state() private error = ''
  @state() private busy = false
  @state() private category: SuspensionCategory = 'abuse'
  @query('parley-dialog') private dialog!: ParleyDialog

  /** Opens the dialog, blank, with focus on the category. */
  async show() {
    this.category = 'abuse'
    this.reasonError = ''
    this.error = ''
    this.renderRoot.querySelector('form')?.reset()
    await this.updateComplete
    this.dialog.show()
    await this.dialog.updateComplete
    this.renderRoot.querySelector<ParleySelect>('#category')?.focus()
  }

  close() {
    this.dialog.close()
  }

  render() {
    const name = this.tenant?.name ?? ''
    return html`<parley-dialog label=${this.t('admin.suspend.title', { name })}>
      <form novalidate @submit=${this.#submit}>
        <p>${this.t('admin.suspend.intro')}</p>
        ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
        <parley-select
          id="category"
          name="category"
          label=${this.t('admin.suspend.category')}
          .value=${this.category}
          .options=${SUSPENSION_CATEGORIES.map((c) => ({
            value: c,
            label: this.t(`admin.category.${c}`),
          }))}
          @change=${(event: CustomEvent<{ value: string }>) =>
            (this.category = event.detail.value as SuspensionCategory)}
        ></parley-select>
        <div class="field">
          <label for="reason">${this.t('admin.suspend.reason')}</label>
          <textarea
            id="reason"
            name="reason"
            required
            maxlength="1000"
            rows="3"
            aria-invalid=${this.reasonError ? 'true' : 'false'}
            aria-describedby="reason-hint"
          ></textarea>
          <p class=${this.reasonError ? 'error' : 'hint'} id="reason-hint">
            ${this.reasonError || this.t('admin.suspend.reasonHint')}
          </p>
        </div>
        <div class="field">
          <label for="note">${this.t('admin.suspend.note')}</label>
          <textarea
            id="note"
            name="note"
            maxlength="2000"
            rows="2"
            aria-describedby="note-hint"
          ></textarea>
          <p class="hint" id="note-hint">${this.t('admin.suspend.noteHint')}</p>
        </div>
        <div class="actions">
          <button class="button" type="button" @click=${() => this.close()}>
            ${this.t('admin.suspend.cancel')}
          </button>
          <button
            class="button danger filled"
            type="submit"
            id="confirm-suspend"
            ?disabled=${this.busy}
          >
            ${this.t('admin.suspend.confirm')}
          </button>
        </div>
      </form>
    </parley-dialog>`
  }

  #submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (this.busy || !this.tenant) return
    const data = new FormData(event.target as HTMLFormElement)
    const reason = String(data.get('reason') ?? '').trim()
    const note = String(data.get('note') ?? '').trim()
    this.reasonError = reason ? '' : this.t('admin.suspend.reasonMissing')
    this.error = ''
    if (!reason) {
      await this.focusWhenDrawn('#reason')
      return
    }
    this.busy = true
    try {
      const tenant = await adminApi.suspend(this.tenant.id, {
        category: this.category,
        reason,
        ...(note ? { note } : {}),
      })
      this.close()
      this.dispatchEvent(
        new AdminTenantChangedEvent(tenant, this.t('admin.suspend.done', { name: tenant.name }))
      )
    } catch (error) {
      const reasonProblem =
        error instanceof ConsoleApiError && error.details.find((d) => d.field === 'reason')
      if (reasonProblem) this.reasonError = reasonProblem.message
      else this.error = this.saveFailedText(error)
      if (error instanceof ConsoleApiError && error.status === 409) {
        // Suspended meanwhile (by someone else): the page reloads it.
        this.close()
        this.dispatchEvent(new Event('admin-tenant-stale', { bubbles: true, composed: true }))
      }
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-suspend-dialog': AdminSuspendDialog
  }
  interface HTMLElementEventMap {
    'admin-tenant-changed': AdminTenantChangedEvent
  }
}
