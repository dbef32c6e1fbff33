import { html, css, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles, stackedTableStyles, pageHead } from '../console-element.js'
import { pageStyles, tableStyles } from '../page-styles.js'
import { baseStyles } from '../../kit/styles.js'
import { localeFor, type MessageKey } from '../../kit/localize.js'
import { consoleFetch } from '../api.js'
import type { DateTimeChangeEvent } from '../../kit/controls/date-time-picker.js'
import type { ChartGranularity } from '../charts/usage-chart.js'
import '../../kit/controls/date-time-picker.js'
import '../charts/usage-chart.js'
import './settings-more.locales.js'
import {
  bucketsOf,
  chartFor,
  customRange,
  presetRange,
  RANGES,
  seriesFeatures,
  totalsCsv,
  totalsOf,
  usagePath,
  type Range,
  type RangeChoice,
  type UsageReport,
} from './usage-data.js'

const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/**
 * Usage per workspace and feature (GET /v1/usage): a range (the last 30 days by day, the last 12
 * months by month, or custom dates with the kit's date picker), a chart over time per feature
 * (the largest workspaces by name, the rest as "Others"), and the period's totals per workspace,
 * downloadable as CSV. Every console role reads it.
 */
@customElement('console-usage')
export class ConsoleUsage extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    pageStyles,
    tableStyles,
    css`
      :host {
        max-width: 1100px;
      }
      .card {
        min-width: 0;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-2, 8px);
      }
      legend {
        font-weight: var(--parley-font-weight-strong, 600);
        font-size: var(--parley-font-size-sm, 13px);
        margin-bottom: var(--parley-space-1, 4px);
      }
      .choice {
        display: inline-flex;
        align-items: center;
        gap: var(--parley-space-1, 4px);
        min-height: 40px;
        padding: 0 var(--parley-space-3, 12px);
        border: 1px solid var(--parley-color-border);
        border-radius: var(--parley-radius-md, 8px);
        font-weight: normal;
        cursor: pointer;
      }
      .choice:has(input:checked) {
        border-color: var(--parley-color-primary);
        box-shadow: inset 0 0 0 1px var(--parley-color-primary);
      }
      .custom {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--parley-space-2, 8px) var(--parley-space-3, 12px);
      }
      .custom parley-date-time-picker {
        flex: 1 1 160px;
        max-width: 220px;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr));
        gap: var(--parley-space-4, 16px);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: var(--parley-space-2, 8px);
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        text-align: end;
      }
      th:first-child,
      td:first-child {
        text-align: start;
      }
      tfoot th,
      tfoot td {
        font-weight: var(--parley-font-weight-strong, 600);
        border-bottom: 0;
      }
      @media (max-width: 700px) {
        td[data-label] {
          text-align: start;
        }
      }
    `,
    stackedTableStyles,
    css`
      /* Narrow: a row's own header is the first line of its block. */
      @media (max-width: 700px) {
        tbody th,
        tfoot th {
          display: block;
          border: 0;
          padding: 2px 0;
        }
      }
    `,
  ]

  /** The signed-in user's role (every role reads usage). */
  @property({ attribute: false }) userRole?: string
  /** "Now", for the preset ranges (a test fixes it). */
  @property({ attribute: false }) now = new Date()
  @state() private choice: RangeChoice = 'last30'
  @state() private customFrom = ''
  @state() private customTo = ''
  @state() private customGranularity: ChartGranularity = 'day'
  @state() private rangeError = ''
  @state() private range?: Range
  @state() private report?: UsageReport
  @state() private loading = false
  @state() private error = ''
  #generation = 0

  connectedCallback() {
    super.connectedCallback()
    this.customTo = isoDay(this.now)
    this.customFrom = isoDay(new Date(this.now.getTime() - 29 * 86_400_000))
    void this.show(presetRange('last30', this.now))
  }

  /** Reads the usage of `range` (a newer request wins over an older one still on its way). */
  async show(range: Range) {
    const generation = ++this.#generation
    this.range = range
    this.loading = true
    this.error = ''
    try {
      const report = await consoleFetch<UsageReport>(usagePath(range))
      if (generation === this.#generation) this.report = report
    } catch (error) {
      if (generation === this.#generation) {
        this.report = undefined
        this.error = this.loadFailedText(error)
      }
    } finally {
      if (generation === this.#generation) this.loading = false
    }
  }

  #feature(feature: string) {
    return this.t(`console.usage.feature.${feature}` as MessageKey)
  }

  render() {
    return html`
      ${pageHead(this.t('console.usage.title'), this.t('console.usage.intro'))}
      <section class="card" aria-labelledby="range-title">
        <h2 id="range-title" class="visually-hidden">${this.t('console.usage.range')}</h2>
        ${this.#rangePicker()}
        ${this.range ? html`<p class="hint" id="period">${this.#period(this.range)}</p>` : nothing}
      </section>
      ${this.error ? html`<p class="alert" role="alert">${this.error}</p>` : nothing}
      ${
        this.loading && !this.report
          ? this.loadingStatus()
          : this.report && this.range
            ? this.#report(this.report, this.range)
            : nothing
      }
    `
  }

  #rangePicker() {
    return html`<fieldset>
        <legend>${this.t('console.usage.range')}</legend>
        ${RANGES.map(
          (choice) =>
            html`<label class="choice">
              <input
                type="radio"
                name="range"
                value=${choice}
                .checked=${this.choice === choice}
                @change=${() => this.#choose(choice)}
              />
              ${this.t(`console.usage.${choice}`)}
            </label>`
        )}
      </fieldset>
      ${
        this.choice === 'custom'
          ? html`<form class="custom" novalidate @submit=${this.#applyCustom}>
                <parley-date-time-picker
                  id="from"
                  label=${this.t('console.usage.from')}
                  .value=${this.customFrom}
                  max=${isoDay(this.now)}
                  @change=${(e: DateTimeChangeEvent) => (this.customFrom = e.detail.value)}
                ></parley-date-time-picker>
                <parley-date-time-picker
                  id="to"
                  label=${this.t('console.usage.to')}
                  .value=${this.customTo}
                  max=${isoDay(this.now)}
                  @change=${(e: DateTimeChangeEvent) => (this.customTo = e.detail.value)}
                ></parley-date-time-picker>
                <div class="field">
                  <label for="granularity">${this.t('console.usage.granularity')}</label>
                  <select
                    id="granularity"
                    @change=${(e: Event) =>
                      (this.customGranularity = (e.target as HTMLSelectElement)
                        .value as ChartGranularity)}
                  >
                    <option value="day" ?selected=${this.customGranularity === 'day'}>
                      ${this.t('console.usage.byDay')}
                    </option>
                    <option value="month" ?selected=${this.customGranularity === 'month'}>
                      ${this.t('console.usage.byMonth')}
                    </option>
                  </select>
                </div>
                <button class="button primary" type="submit" id="apply">
                  ${this.t('console.usage.apply')}
                </button>
              </form>
              ${this.rangeError ? html`<p class="error" role="alert">${this.rangeError}</p>` : nothing}`
          : nothing
      }`
  }

  #period(range: Range) {
    const format = new Intl.DateTimeFormat(localeFor(), {
      dateStyle: 'medium',
      timeZone: 'UTC',
    })
    // `to` is exclusive; the last day shown is the one before it (or today).
    const last = new Date(Math.min(range.to.getTime(), this.now.getTime()) - 1)
    return this.t('console.usage.period', {
      from: format.format(range.from),
      to: format.format(last),
    })
  }

  #report(report: UsageReport, range: Range) {
    const unknown = this.t('console.usage.unknownWorkspace')
    const features = seriesFeatures(report)
    const buckets = bucketsOf(range)
    const rows = totalsOf(report, unknown)
    return html`<div class="charts" aria-busy=${this.loading ? 'true' : 'false'}>
        ${features.map(
          (feature) =>
            html`<section class="card" data-feature=${feature}>
              <console-usage-chart
                .data=${chartFor(
                  report,
                  feature,
                  this.t('console.usage.chartTitle', { feature: this.#feature(feature) }),
                  unknown
                )}
                .buckets=${buckets}
                granularity=${range.granularity}
              ></console-usage-chart>
            </section>`
        )}
      </div>
      <section class="card">
        <div class="head">
          <h2 id="totals-title">${this.t('console.usage.totals')}</h2>
          ${
            rows.length
              ? html`<button
                  class="button"
                  type="button"
                  id="download"
                  @click=${() => this.#download(rows, features)}
                >
                  ${this.t('console.usage.download')}
                </button>`
              : nothing
          }
        </div>
        ${
          rows.length
            ? this.#totals(rows, features)
            : html`<p class="hint" id="empty">${this.t('console.usage.empty')}</p>`
        }
      </section>`
  }

  #totals(rows: ReturnType<typeof totalsOf>, features: string[]) {
    const number = new Intl.NumberFormat(localeFor())
    const sum = (f: string) => rows.reduce((s, r) => s + (r.totals[f] ?? 0), 0)
    const whatsapp = (w: { connected: number; total: number } | null) =>
      w
        ? this.t('console.usage.whatsappValue', {
            connected: number.format(w.connected),
            total: number.format(w.total),
          })
        : '—'
    return html`<div class="scroll" tabindex="0" role="region" aria-labelledby="totals-title">
      <table id="totals">
        <thead>
          <tr>
            <th scope="col">${this.t('console.usage.workspace')}</th>
            ${features.map((f) => html`<th scope="col">${this.#feature(f)}</th>`)}
            <th scope="col">${this.t('console.usage.whatsappNow')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr data-workspace=${r.workspaceId}>
                <th scope="row">${r.name}</th>
                ${features.map(
                  (f) =>
                    html`<td data-label=${this.#feature(f)}>${number.format(r.totals[f] ?? 0)}</td>`
                )}
                <td data-label=${this.t('console.usage.whatsappNow')}>${whatsapp(r.whatsapp)}</td>
              </tr>`
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${this.t('console.usage.all')}</th>
            ${features.map(
              (f) => html`<td data-label=${this.#feature(f)}>${number.format(sum(f))}</td>`
            )}
            <td data-label=${this.t('console.usage.whatsappNow')}>
              ${whatsapp(
                rows.some((r) => r.whatsapp)
                  ? {
                      connected: rows.reduce((s, r) => s + (r.whatsapp?.connected ?? 0), 0),
                      total: rows.reduce((s, r) => s + (r.whatsapp?.total ?? 0), 0),
                    }
                  : null
              )}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>`
  }

  #choose(choice: RangeChoice) {
    this.choice = choice
    this.rangeError = ''
    if (choice !== 'custom') void this.show(presetRange(choice, this.now))
  }

  #applyCustom = (event: SubmitEvent) => {
    event.preventDefault()
    const range = customRange(this.customFrom, this.customTo, this.customGranularity)
    if (!range) {
      this.rangeError = this.t('console.usage.invalidRange')
      return
    }
    this.rangeError = ''
    void this.show(range)
  }

  #download(rows: ReturnType<typeof totalsOf>, features: string[]) {
    const csv = totalsCsv(rows, features, {
      workspace: this.t('console.usage.workspace'),
      externalId: this.t('console.workspaces.externalId'),
      features: features.map((f) => this.#feature(f)),
      connected: this.t('console.usage.csvConnected'),
      numbers: this.t('console.usage.feature.whatsappNumbers'),
    })
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
    const link = document.createElement('a')
    link.href = url
    link.download = `usage-${isoDay(this.range!.from)}-${isoDay(new Date(this.range!.to.getTime() - 1))}.csv`
    link.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-usage': ConsoleUsage
  }
}
