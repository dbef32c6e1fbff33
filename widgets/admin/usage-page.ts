import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console/console-element.js'
import { baseStyles } from '../kit/styles.js'
import type { SelectChangeEvent } from '../kit/controls/select.js'
import '../kit/controls/select.js'
import { adminApi, FEATURES, type Feature, type UsageReport } from './api.js'
import './admin.locales.js'
import { adminPageStyles, stackedListStyles } from './admin-styles.js'
import { formats } from './format.js'
import '../console/charts/usage-chart.js'
import { bucketsOf, chartOf, featureUse, PERIODS, periodQuery, type Period } from './usage-model.js'

/** Tenants drawn on their own in the chart; the rest are summed as "other tenants". */
const TOP = 5

/**
 * Usage across all tenants (GET /v1/admin/usage): per feature over a period, a chart of the top
 * tenants stacked per day or month with the same numbers as a table, the top tenants' totals and
 * WhatsApp numbers as they are now.
 */
@customElement('admin-usage')
export class AdminUsage extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    adminPageStyles,
    css`
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-3, 12px);
      }
      parley-select {
        flex: 0 1 260px;
        --parley-control-height: 40px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
        gap: var(--parley-space-4, 16px);
        align-items: start;
      }
    `,
    stackedListStyles,
  ]

  @property() base = '/admin'
  @state() period: Period = 'last30'
  @state() feature: Feature = 'messagesSent'
  @state() report?: UsageReport
  @state() private error = ''

  connectedCallback() {
    super.connectedCallback()
    void this.load()
  }

  async load() {
    this.error = ''
    try {
      this.report = await adminApi.usage(periodQuery(this.period))
    } catch (error) {
      this.error = this.loadFailedText(error)
    }
  }

  render() {
    return html`
      <div class="head">
        <div>
          <h1>${this.t('admin.usage.title')}</h1>
          <p class="hint">${this.t('admin.usage.intro')}</p>
        </div>
      </div>
      <div class="controls">
        <parley-select
          id="period"
          label=${this.t('admin.usage.period')}
          .value=${this.period}
          .options=${PERIODS.map((p) => ({ value: p, label: this.t(`admin.usage.${p}`) }))}
          @change=${(event: SelectChangeEvent) => {
            this.period = event.detail.value as Period
            void this.load()
          }}
        ></parley-select>
        <parley-select
          id="feature"
          label=${this.t('admin.usage.feature')}
          .value=${this.feature}
          .options=${FEATURES.map((f) => ({ value: f, label: this.t(`admin.feature.${f}`) }))}
          @change=${(event: SelectChangeEvent) => (this.feature = event.detail.value as Feature)}
        ></parley-select>
      </div>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${this.report ? this.#report(this.report) : this.error ? nothing : this.loadingStatus()}
    `
  }

  #report(report: UsageReport) {
    const f = formats()
    const use = featureUse(report, this.feature)
    const unknown = this.t('admin.usage.unknownTenant')
    const featureName = this.t(`admin.feature.${this.feature}`)
    return html`
      <section class="card" aria-labelledby="chart-title">
        <h2 id="chart-title" class="visually-hidden">${featureName}</h2>
        ${
          use.total
            ? html`<console-usage-chart
                .data=${chartOf(
                  report,
                  this.feature,
                  this.t('admin.usage.caption', { feature: featureName }),
                  unknown
                )}
                .buckets=${bucketsOf(report)}
                granularity=${report.granularity}
                top=${TOP}
                others-label=${this.t('admin.usage.others')}
              ></console-usage-chart>`
            : html`<p class="hint" id="empty">${this.t('admin.usage.empty')}</p>`
        }
      </section>
      <div class="grid">
        <section class="card" aria-labelledby="top-title">
          <h2 id="top-title">${this.t('admin.usage.top')}</h2>
          ${
            use.tenants.length
              ? html`<table class="stack" id="top">
                  <thead>
                    <tr>
                      <th scope="col">${this.t('admin.usage.tenant')}</th>
                      <th scope="col" class="number">${featureName}</th>
                      <th scope="col" class="number">${this.t('admin.usage.share')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${use.tenants.map(
                      (t) =>
                        html`<tr>
                          <th scope="row">
                            <a href="${this.base}/tenants/${encodeURIComponent(t.tenantId)}"
                              >${t.name ?? unknown}</a
                            >
                          </th>
                          <td class="number" data-label=${featureName}>${f.number(t.total)}</td>
                          <td class="number" data-label=${this.t('admin.usage.share')}>
                            ${f.percent(use.total ? t.total / use.total : 0)}
                          </td>
                        </tr>`
                    )}
                  </tbody>
                </table>`
              : html`<p class="hint">${this.t('admin.usage.empty')}</p>`
          }
        </section>
        <section class="card" aria-labelledby="numbers-title">
          <h2 id="numbers-title">${this.t('admin.usage.whatsapp')}</h2>
          ${
            report.current.length
              ? html`<table class="stack" id="numbers">
                  <thead>
                    <tr>
                      <th scope="col">${this.t('admin.usage.tenant')}</th>
                      <th scope="col" class="number">${this.t('admin.usage.connected')}</th>
                      <th scope="col" class="number">${this.t('admin.usage.numbers')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${report.current.map(
                      (c) =>
                        html`<tr>
                          <th scope="row">${c.tenant?.name ?? unknown}</th>
                          <td class="number" data-label=${this.t('admin.usage.connected')}>
                            ${f.number(c.connected)}
                          </td>
                          <td class="number" data-label=${this.t('admin.usage.numbers')}>
                            ${f.number(c.total)}
                          </td>
                        </tr>`
                    )}
                  </tbody>
                </table>`
              : html`<p class="hint">${this.t('admin.usage.noNumbers')}</p>`
          }
        </section>
      </div>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'admin-usage': AdminUsage
  }
}
