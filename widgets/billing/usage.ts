import { html, nothing, svg } from 'lit'
import type { MessageKey } from '../kit/localize.js'
import {
  FEATURES,
  levelOf,
  periodStart,
  type Formats,
  type Interval,
  type Plan,
  type Usage,
} from './billing.types.js'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

export interface UsageView {
  t: T
  f: Formats
  usage: Usage[]
  /** The features used up over the period (with a reset date), which the chart can show. */
  metered: Usage[]
  plan: Plan | null
  interval: Interval
  /** The feature the chart shows. */
  charted: Usage | undefined
  tableView: boolean
  onChart: (feature: Usage['feature']) => void
  onTableView: () => void
  now: number
}

const featureName = (t: T, feature: string) => t(`billing.feature.${feature}` as MessageKey)

/** Usage bars, one per feature, with the limit, the reset date and the 80 %/100 % states. */
export function renderUsage(v: UsageView) {
  const rows = FEATURES.flatMap((f) => v.usage.filter((u) => u.feature === f))
  if (!rows.length) return nothing
  return html`<section part="usage" class="card" aria-labelledby="usage-title">
    <h3 id="usage-title">${v.t('billing.usage.title')}</h3>
    <ul class="meters">
      ${rows.map((u) => renderMeter(v, u))}
    </ul>
    ${v.charted ? renderChart(v, v.charted) : nothing}
  </section>`
}

function renderMeter(v: UsageView, u: Usage) {
  const { t, f } = v
  const level = levelOf(u)
  const name = featureName(t, u.feature)
  const ratio = u.limit ? Math.min(u.used / u.limit, 1) : 0
  const amount =
    u.limit === null
      ? t('billing.usage.unlimited', { used: f.number(u.used) })
      : t('billing.usage.of', { used: f.number(u.used), limit: f.number(u.limit) })
  const overage = v.plan?.overage?.[u.feature]
  const state =
    level === 'over'
      ? overage
        ? t('billing.usage.overage', { price: f.money(overage.unitAmount, priceCurrency(v.plan)) })
        : t('billing.usage.reached')
      : level === 'warn'
        ? t('billing.usage.near', { percent: f.percent(u.used / u.limit!) })
        : ''
  return html`<li part="meter" class="meter ${level}">
    <div class="meter-head">
      <span class="meter-name" id="meter-${u.feature}">${name}</span>
      <span class="meter-amount">${amount}</span>
    </div>
    ${
      u.limit === null
        ? nothing
        : html`<div
            class="bar"
            role="meter"
            aria-labelledby="meter-${u.feature}"
            aria-valuemin="0"
            aria-valuemax=${u.limit}
            aria-valuenow=${Math.min(u.used, u.limit)}
            aria-valuetext=${state ? `${amount}. ${state}` : amount}
          >
            <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
              <rect class="track" width="100" height="8" rx="4"></rect>
              ${ratio > 0 ? svg`<rect class="fill" width=${Math.max(ratio * 100, 2)} height="8" rx="4"></rect>` : nothing}
            </svg>
          </div>`
    }
    <div class="meter-foot">
      ${state ? html`<span part="usage-state" class="flag">${state}</span>` : nothing}
      ${u.resetsAt ? html`<span class="muted">${t('billing.usage.resets', { date: f.day(u.resetsAt) })}</span>` : nothing}
    </div>
  </li>`
}

const priceCurrency = (plan: Plan | null) => plan?.prices[0]?.currency ?? 'usd'

interface Point {
  at: number
  used: number
}

/**
 * Usage over the current period as a small line chart: what was used so far (the series when the
 * API gives one, else the period's start and now), the limit, and where the current pace leads by
 * the period's end. The SVG is for the eye; its words are the legend under it, and a table of the
 * same numbers is one press away.
 */
function renderChart(v: UsageView, u: Usage) {
  const { t, f } = v
  const end = u.resetsAt ? new Date(u.resetsAt).getTime() : v.now
  const period = periodStart(new Date(end).toISOString(), v.interval).getTime()
  const series = (u.series ?? []).map((p) => ({ at: new Date(p.at).getTime(), used: p.used }))
  // A series may start before the period as this widget reckons it (a plan changed mid-month).
  const start = Math.min(period, series[0]?.at ?? period)
  const now = Math.min(Math.max(v.now, start), end)
  // A yearly period's ends are the same day of the month: they need their years.
  const day = (at: number) =>
    end - start > 200 * 86_400_000 ? f.date(new Date(at).toISOString(), 'medium') : f.day(at)
  const points: Point[] = series.length
    ? series
    : [
        { at: start, used: 0 },
        { at: now, used: u.used },
      ]
  const elapsed = (now - start) / (end - start || 1)
  const projected = elapsed > 0.05 ? Math.round(u.used / elapsed) : undefined
  const top = Math.max(u.limit ?? 0, projected ?? 0, ...points.map((p) => p.used), 1) * 1.1
  const W = 300
  const H = 100
  const x = (at: number) => ((at - start) / (end - start || 1)) * W
  const y = (used: number) => H - (used / top) * H
  const line = points.map((p) => `${x(p.at).toFixed(1)},${y(p.used).toFixed(1)}`).join(' ')
  const last = points[points.length - 1]
  const name = featureName(t, u.feature)
  const summary = [
    t('billing.chart.summary', {
      feature: name,
      used: f.number(u.used),
      date: day(now),
    }),
    u.limit !== null ? t('billing.chart.limit', { limit: f.number(u.limit) }) : '',
    projected !== undefined
      ? t('billing.chart.projected', { projected: f.number(projected), date: day(end) })
      : '',
  ]
    .filter(Boolean)
    .join(' ')
  const features = v.metered
  return html`<figure part="chart" class="chart">
    <div class="chart-head">
      <figcaption id="chart-caption">${t('billing.chart.title')}</figcaption>
      <div class="chart-tools">
        ${
          features.length > 1
            ? html`<div
                class="segmented"
                role="radiogroup"
                aria-label=${t('billing.chart.feature')}
              >
                ${features.map(
                  (other) =>
                    html`<label
                      ><input
                        type="radio"
                        name="chart-feature"
                        .checked=${other.feature === u.feature}
                        @change=${() => v.onChart(other.feature)}
                      /><span>${featureName(t, other.feature)}</span></label
                    >`
                )}
              </div>`
            : nothing
        }
        <button type="button" class="link" @click=${v.onTableView}>
          ${t(v.tableView ? 'billing.chart.asChart' : 'billing.chart.asTable')}
        </button>
      </div>
    </div>
    ${
      v.tableView
        ? html`<table class="chart-table">
            <caption class="visually-hidden">
              ${summary}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('billing.chart.date')}</th>
                <th scope="col">${name}</th>
              </tr>
            </thead>
            <tbody>
              ${points.map(
                (p) =>
                  html`<tr>
                    <td>${day(p.at)}</td>
                    <td>${f.number(p.used)}</td>
                  </tr>`
              )}
              ${
                projected !== undefined
                  ? html`<tr>
                      <td>${t('billing.chart.projectedRow', { date: day(end) })}</td>
                      <td>${f.number(projected)}</td>
                    </tr>`
                  : nothing
              }
              ${
                u.limit !== null
                  ? html`<tr>
                      <td>${t('billing.chart.limitRow')}</td>
                      <td>${f.number(u.limit)}</td>
                    </tr>`
                  : nothing
              }
            </tbody>
          </table>`
        : html`<svg
              class="plot ${levelOf(u)}"
              viewBox="0 0 ${W} ${H}"
              preserveAspectRatio="none"
              aria-hidden="true"
            >
              ${svg`<polygon class="area" points="${x(points[0].at)},${H} ${line} ${x(last.at)},${H}"></polygon>`}
              ${
                u.limit !== null
                  ? svg`<line class="limit" x1="0" x2=${W} y1=${y(u.limit)} y2=${y(u.limit)}></line>`
                  : nothing
              }
              ${
                projected !== undefined && now < end
                  ? svg`<line class="pace" x1=${x(last.at)} y1=${y(last.used)} x2=${W} y2=${y(projected)}></line>`
                  : nothing
              }
              ${svg`<polyline class="used" points=${line}></polyline>`}
            </svg>
            <div class="axis" aria-hidden="true">
              <span>${day(start)}</span><span>${day(end)}</span>
            </div>
            <p class="legend muted">${summary}</p>`
    }
  </figure>`
}
