import { html, css, nothing } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console/console-element.js'
import { ConsoleApiError } from '../console/api.js'
import { baseStyles } from '../kit/styles.js'
import { confirm } from '../kit/controls/confirm-dialog.js'
import { adminApi, FEATURES, type TenantDetail } from './api.js'
import './admin.locales.js'
import { adminPageStyles } from './admin-styles.js'
import { formats } from './format.js'
import { tenantStatus } from './tenant-bits.js'
import { suspensionHistory, timelineStyles } from './suspension-history.js'
import type { AdminSuspendDialog, AdminTenantChangedEvent } from './suspend-dialog.js'
import './suspend-dialog.js'

/**
 * One tenant (GET /v1/admin/tenants/:id): status, origins, custom domains, workspaces, this month's
 * use, the suspension history; Suspend (a dialog asking category and reason) or Resume (a
 * confirmation).
 */
@customElement('admin-tenant')
export class AdminTenant extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    adminPageStyles,
    timelineStyles,
    css`
      .title {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-3, 12px);
        align-items: center;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
        gap: var(--parley-space-4, 16px);
        align-items: start;
      }
      .facts {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--parley-space-2, 8px) var(--parley-space-4, 16px);
        margin: 0;
      }
      .facts dt {
        color: var(--parley-color-on-surface-muted);
        font-size: var(--parley-font-size-sm, 13px);
      }
      .facts dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      ul.plain {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--parley-space-2, 8px);
      }
      ul.plain li {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
        justify-content: space-between;
        align-items: center;
      }
      .suspended-banner {
        border-color: var(--parley-color-danger, #c2261f);
        overflow-wrap: anywhere;
      }
      .wide {
        grid-column: 1 / -1;
      }
    `,
  ]

  @property() base = '/admin'
  @property() tenantId = ''
  @state() tenant?: TenantDetail
  @state() private error = ''
  @state() private notFound = false
  @state() private message?: { kind: 'ok' | 'error'; text: string }
  @state() private busy = false
  @query('admin-suspend-dialog') private suspendDialog!: AdminSuspendDialog

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('tenantId') && this.tenantId) void this.load()
  }

  async load() {
    this.error = ''
    this.notFound = false
    try {
      this.tenant = await adminApi.tenant(this.tenantId)
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 404) this.notFound = true
      else this.error = this.loadFailedText(error)
    }
  }

  render() {
    const back = html`<p><a href="${this.base}/tenants">${this.t('admin.tenant.back')}</a></p>`
    if (this.notFound)
      return html`${back}
        <p class="alert" role="alert">${this.t('admin.tenant.notFound')}</p>`
    if (this.error)
      return html`${back}
        <p class="alert" role="alert">${this.error}</p>`
    const tenant = this.tenant
    if (!tenant)
      return html`${back}
        <p role="status">${this.t('console.loading')}</p>`
    const f = formats()
    const open = tenant.suspension ?? tenant.suspensions.find((s) => !s.resumedAt)
    return html`
      <div class="head">
        <div>
          ${back}
          <div class="title">
            <h1>${tenant.name}</h1>
            ${tenantStatus(this.t.bind(this), tenant.status)}
          </div>
        </div>
        ${
          tenant.status === 'suspended'
            ? html`<button
                class="button primary"
                id="resume"
                ?disabled=${this.busy}
                @click=${this.#resume}
              >
                ${this.t('admin.resume.button')}
              </button>`
            : html`<button
                class="button danger"
                id="suspend"
                @click=${() => this.suspendDialog.show()}
              >
                ${this.t('admin.suspend.button')}
              </button>`
        }
      </div>
      ${
        this.message
          ? html`<p
              class="alert ${this.message.kind}"
              role=${this.message.kind === 'ok' ? 'status' : 'alert'}
              id="message"
            >
              ${this.message.text}
            </p>`
          : nothing
      }
      ${
        tenant.status === 'suspended' && open
          ? html`<p class="alert suspended-banner">
              ${this.t('admin.tenant.since', { date: f.dateTime(open.suspendedAt), reason: open.reason })}
            </p>`
          : nothing
      }
      <div class="grid">
        <section class="card" aria-labelledby="facts-title">
          <h2 id="facts-title" class="visually-hidden">${tenant.name}</h2>
          <dl class="facts">
            <dt>${this.t('admin.tenant.id')}</dt>
            <dd><code>${tenant.id}</code></dd>
            <dt>${this.t('admin.tenant.created')}</dt>
            <dd>${f.dateTime(tenant.createdAt)}</dd>
            <dt>${this.t('admin.tenant.workspaces')}</dt>
            <dd id="workspaces">${f.number(tenant.workspacesCount)}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="usage-title">
          <h2 id="usage-title">${this.t('admin.tenant.usage')}</h2>
          <dl class="facts" id="usage">
            ${FEATURES.map(
              (feature) =>
                html`<dt>${this.t(`admin.feature.${feature}`)}</dt>
                  <dd>${f.number(tenant.usage.features?.[feature] ?? 0)}</dd>`
            )}
            ${
              tenant.usage.whatsappNumbers
                ? html`<dt>${this.t('admin.feature.whatsappNumbers')}</dt>
                    <dd>
                      ${this.t('admin.tenant.whatsapp', {
                        connected: f.number(tenant.usage.whatsappNumbers.connected),
                        total: f.number(tenant.usage.whatsappNumbers.total),
                      })}
                    </dd>`
                : nothing
            }
          </dl>
        </section>
        <section class="card" aria-labelledby="origins-title">
          <h2 id="origins-title">${this.t('admin.tenant.origins')}</h2>
          ${
            tenant.origins.length
              ? html`<ul class="plain" id="origins">
                  ${tenant.origins.map((o) => html`<li><code>${o}</code></li>`)}
                </ul>`
              : html`<p class="hint">${this.t('admin.tenant.noOrigins')}</p>`
          }
        </section>
        <section class="card" aria-labelledby="domains-title">
          <h2 id="domains-title">${this.t('admin.tenant.domains')}</h2>
          ${
            tenant.domains.length
              ? html`<ul class="plain" id="domains">
                  ${tenant.domains.map(
                    (d) =>
                      html`<li>
                        <code>${d.hostname}</code>
                        <span class="status ${d.status}"
                          >${this.t(`admin.domain.${d.status}`)}</span
                        >
                      </li>`
                  )}
                </ul>`
              : html`<p class="hint">${this.t('admin.tenant.noDomains')}</p>`
          }
        </section>
        <section class="card wide" aria-labelledby="history-title">
          <h2 id="history-title">${this.t('admin.tenant.history')}</h2>
          ${suspensionHistory(this.t.bind(this), f, tenant.suspensions)}
        </section>
      </div>
      <admin-suspend-dialog
        .tenant=${tenant}
        @admin-tenant-changed=${this.#changed}
        @admin-tenant-stale=${this.#stale}
      ></admin-suspend-dialog>
    `
  }

  #changed = async (event: AdminTenantChangedEvent) => {
    event.stopPropagation()
    this.tenant = event.tenant
    this.message = { kind: 'ok', text: event.message }
    await this.updateComplete
    // The button that opened the dialog is gone (Suspend became Resume): focus its successor.
    this.renderRoot.querySelector<HTMLElement>('#resume, #suspend')?.focus()
  }

  #stale = async () => {
    await this.load()
    this.message = { kind: 'error', text: this.t('admin.tenant.conflict') }
  }

  #resume = async () => {
    const tenant = this.tenant
    if (!tenant || this.busy) return
    const yes = await confirm({
      title: this.t('admin.resume.title', { name: tenant.name }),
      message: this.t('admin.resume.message'),
      confirmLabel: this.t('admin.resume.button'),
      cancelLabel: this.t('admin.suspend.cancel'),
      from: this,
    })
    if (!yes) return
    this.busy = true
    try {
      this.tenant = await adminApi.resume(tenant.id)
      this.message = { kind: 'ok', text: this.t('admin.resume.done', { name: tenant.name }) }
      await this.focusWhenDrawn('#suspend')
    } catch (error) {
      if (error instanceof ConsoleApiError && error.status === 409) await this.#stale()
      else this.message = { kind: 'error', text: this.saveFailedText(error) }
    } finally {
      this.busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-tenant': AdminTenant
  }
}
