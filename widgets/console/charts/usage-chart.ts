import { html, css, svg, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ConsoleElement, consoleStyles } from '../console-element.js'
import { baseStyles } from '../../kit/styles.js'
import { localeFor } from '../../kit/localize.js'
import '../settings/settings-more.locales.js'

/** One value at one time (an ISO-8601 instant: the start of its bucket). */
export interface ChartPoint {
  at: string
  value: number
}

/** A named line of values over time: a workspace, a tenant… */
export interface ChartSeries {
  name: string
  points: ChartPoint[]
}

/** What the chart draws: a caption and its series. */
export interface ChartData {
  label: string
  series: ChartSeries[]
}

export const CHART_MODES = ['stacked', 'lines'] as const
export type ChartMode = (typeof CHART_MODES)[number]

export const CHART_GRANULARITIES = ['day', 'month'] as const
export type ChartGranularity = (typeof CHART_GRANULARITIES)[number]

/** The series drawn: the largest `top` by total, the rest summed as one "others" series. */
export interface PlottedSeries {
  name: string
  others: boolean
  total: number
  values: number[]
}

/**
 * The buckets (the `at`s) of a chart: those given, else every `at` of the series, in time order.
 */
export function bucketsOf(series: ChartSeries[], given?: string[]) {
  if (given?.length) return [...given]
  const all = new Set(series.flatMap((s) => s.points.map((p) => p.at)))
  return [...all].sort((a, b) => Date.parse(a) - Date.parse(b))
}

/**
 * The largest `top` series by total, then one series summing the others (when there are any),
 * each as a value per bucket (0 where a series has no point). Series with nothing are left out.
 */
export function plotSeries(
  series: ChartSeries[],
  buckets: string[],
  top: number,
  othersName: string
): PlottedSeries[] {
  const index = new Map(buckets.map((at, i) => [Date.parse(at), i]))
  const valued = series
    .map((s) => {
      const values = buckets.map(() => 0)
      for (const p of s.points) {
        const i = index.get(Date.parse(p.at))
        if (i !== undefined) values[i] += p.value
      }
      return { name: s.name, others: false, values, total: values.reduce((a, b) => a + b, 0) }
    })
    .filter((s) => s.total > 0)
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
  // Merging a single series into "others" would only hide its name.
  if (valued.length <= top + 1) return valued
  const rest = valued.slice(top)
  const others = buckets.map((_, i) => rest.reduce((sum, s) => sum + s.values[i], 0))
  return [
    ...valued.slice(0, top),
    { name: othersName, others: true, values: others, total: others.reduce((a, b) => a + b, 0) },
  ]
}

/** A round top for the value axis (1, 2, 2.5 or 5 times a power of ten) at or above `max`. */
export function niceMax(max: number) {
  if (max <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= max)!
  return step * power
}

const W = 600
const H = 200

/**
 * Usage over time as an SVG chart: one series per name (a workspace, a tenant), the largest
 * `top` drawn and the rest summed as "Others", stacked columns or lines. The drawing is for the
 * eye; screen readers get the caption, a one-sentence summary and a table of the same numbers
 * (which a button also shows on screen). Colours are the theme's roles (so they follow light and
 * dark); lines also differ by dash, so colour is never the only cue.
 *
 * Reusable wherever a usage series is shown (the partner console, the platform admin).
 *
 * @csspart base - The figure.
 * @csspart plot - The SVG drawing.
 * @csspart legend - The series' names and colours.
 * @csspart table - The table of the numbers.
 * @cssproperty --console-chart-color-1 - The largest series' colour (then -2 … -5).
 * @cssproperty --console-chart-color-others - The colour of "Others".
 */
@customElement('console-usage-chart')
export class ConsoleUsageChart extends ConsoleElement {
  static styles = [
    baseStyles,
    consoleStyles,
    css`
      :host {
        display: block;
        --_c1: var(--console-chart-color-1, var(--parley-color-primary, #2f5bd3));
        --_c2: var(--console-chart-color-2, var(--parley-color-success, #1d7a43));
        --_c3: var(--console-chart-color-3, var(--parley-color-warning, #a15c00));
        --_c4: var(--console-chart-color-4, var(--parley-color-danger, #c2261f));
        --_c5: var(
          --console-chart-color-5,
          color-mix(
            in srgb,
            var(--parley-color-danger, #c2261f) 50%,
            var(--parley-color-primary, #2f5bd3)
          )
        );
        --_others: var(--console-chart-color-others, var(--parley-color-on-surface-muted, #586174));
      }
      figure {
        margin: 0;
        display: grid;
        gap: var(--parley-space-2, 8px);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--parley-space-2, 8px);
      }
      figcaption {
        font-weight: var(--parley-font-weight-strong, 600);
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: var(--parley-space-1, 4px) var(--parley-space-3, 12px);
        margin: 0;
        padding: 0;
        list-style: none;
        font-size: var(--parley-font-size-sm, 13px);
      }
      .legend li {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .swatch {
        flex: none;
        width: 14px;
        height: 10px;
        border-radius: 2px;
        background: var(--_k);
      }
      .s0 {
        --_k: var(--_c1);
      }
      .s1 {
        --_k: var(--_c2);
      }
      .s2 {
        --_k: var(--_c3);
      }
      .s3 {
        --_k: var(--_c4);
      }
      .s4 {
        --_k: var(--_c5);
      }
      .others {
        --_k: var(--_others);
      }
      .area {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: 0 var(--parley-space-2, 8px);
      }
      .y {
        display: flex;
        flex-direction: column;
        justify-content: space-between;
        align-items: end;
        height: 200px;
        font-size: var(--parley-font-size-xs, 11px);
        color: var(--parley-color-on-surface-muted);
        font-variant-numeric: tabular-nums;
      }
      .y span {
        line-height: 1;
        transform: translateY(-50%);
      }
      .y span:first-child {
        transform: none;
      }
      .y span:last-child {
        transform: translateY(0);
      }
      svg {
        display: block;
        width: 100%;
        height: 200px;
        overflow: visible;
      }
      .grid line {
        stroke: var(--parley-color-border, #d5dae3);
        stroke-width: 1;
      }
      rect.bar {
        fill: var(--_k);
      }
      polyline {
        fill: none;
        stroke: var(--_k);
        stroke-width: 2;
        stroke-linejoin: round;
      }
      polyline.s1 {
        stroke-dasharray: 8 4;
      }
      polyline.s2 {
        stroke-dasharray: 2 3;
      }
      polyline.s3 {
        stroke-dasharray: 10 3 2 3;
      }
      polyline.s4 {
        stroke-dasharray: 4 4;
      }
      polyline.others {
        stroke-dasharray: 1 4;
        stroke-linecap: round;
      }
      circle {
        fill: var(--_k);
      }
      rect.hit {
        fill: transparent;
      }
      rect.hit:hover {
        fill: color-mix(in srgb, var(--parley-color-on-surface, #18202f) 8%, transparent);
      }
      .x {
        grid-column: 2;
        display: flex;
        justify-content: space-between;
        gap: var(--parley-space-2, 8px);
        font-size: var(--parley-font-size-xs, 11px);
        color: var(--parley-color-on-surface-muted);
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        font-size: var(--parley-font-size-sm, 13px);
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: var(--parley-space-1, 4px) var(--parley-space-2, 8px);
        border-bottom: 1px solid var(--parley-color-border);
        text-align: end;
        white-space: nowrap;
      }
      th:first-child {
        text-align: start;
      }
      .empty {
        color: var(--parley-color-on-surface-muted);
        padding: var(--parley-space-4, 16px) 0;
      }
    `,
  ]

  /** The caption and the series: `{ label, series: [{ name, points: [{ at, value }] }] }`. */
  @property({ attribute: false }) data?: ChartData
  /**
   * Every bucket of the range, in order (so days without use show as zero). Without it, the
   * buckets are the series' own `at`s.
   */
  @property({ attribute: false }) buckets?: string[]
  /** Stacked columns (how the total splits) or lines (how each series moves). */
  @property({ reflect: true }) mode: ChartMode = 'stacked'
  /** How the buckets are labelled: by day or by month. */
  @property() granularity: ChartGranularity = 'day'
  /** How many series are drawn by name before the rest become "Others". */
  @property({ type: Number }) top = 5
  /** The unit after numbers in the summary ("minutes"), if any. */
  @property() unit = ''
  /** The name of the summed rest ("Other tenants"); "Others" in the current locale if empty. */
  @property({ attribute: 'others-label' }) othersLabel = ''
  @state() private tableShown = false

  #plotted: PlottedSeries[] = []
  #buckets: string[] = []

  protected willUpdate(changed: PropertyValues<this>) {
    if (changed.has('data') || changed.has('buckets') || changed.has('top')) this.#compute()
  }

  connectedCallback() {
    super.connectedCallback()
    this.#compute()
  }

  #compute() {
    const series = this.data?.series ?? []
    this.#buckets = bucketsOf(series, this.buckets)
    // "Others" is named at render time, in whatever locale is current then.
    this.#plotted = plotSeries(series, this.#buckets, Math.max(1, this.top), '')
  }

  #name(s: PlottedSeries) {
    return s.others ? this.othersLabel || this.t('console.chart.others') : s.name
  }

  #bucketLabel(at: string, long = false) {
    const options: Intl.DateTimeFormatOptions =
      this.granularity === 'month'
        ? { month: long ? 'long' : 'short', year: 'numeric', timeZone: 'UTC' }
        : { day: 'numeric', month: 'short', ...(long ? { year: 'numeric' } : {}), timeZone: 'UTC' }
    return new Intl.DateTimeFormat(localeFor(), options).format(new Date(at))
  }

  render() {
    const label = this.data?.label ?? ''
    const plotted = this.#plotted
    if (!plotted.length)
      return html`<figure part="base">
        <figcaption>${label}</figcaption>
        <p class="empty">${this.t('console.chart.empty')}</p>
      </figure>`
    const number = new Intl.NumberFormat(localeFor())
    const total = plotted.reduce((sum, s) => sum + s.total, 0)
    const summary = this.t('console.chart.summary', {
      total: `${number.format(total)}${this.unit ? ` ${this.unit}` : ''}`,
      from: this.#bucketLabel(this.#buckets[0], true),
      to: this.#bucketLabel(this.#buckets.at(-1)!, true),
      largest: this.#name(plotted[0]),
      value: number.format(plotted[0].total),
    })
    return html`<figure part="base" aria-describedby="summary">
      <div class="head">
        <figcaption>${label}</figcaption>
        <button
          class="button link"
          type="button"
          id="toggle"
          aria-expanded=${this.tableShown}
          aria-controls="numbers"
          @click=${() => (this.tableShown = !this.tableShown)}
        >
          ${this.t(this.tableShown ? 'console.chart.hideTable' : 'console.chart.showTable')}
        </button>
      </div>
      <p id="summary" class="visually-hidden">${summary}</p>
      <ul class="legend" part="legend" aria-hidden="true">
        ${plotted.map(
          (s, i) =>
            html`<li class=${s.others ? 'others' : `s${i}`}>
              <span class="swatch"></span>${this.#name(s)}
            </li>`
        )}
      </ul>
      ${this.#plot(plotted, number)}
      ${
        // Shown, it may scroll sideways: a focusable region, so keyboards can scroll it.
        this.tableShown
          ? html`<div
              class="scroll"
              id="numbers"
              tabindex="0"
              role="region"
              aria-label=${this.data?.label ?? ''}
            >
              ${this.#table(plotted, number)}
            </div>`
          : html`<div class="visually-hidden" id="numbers">${this.#table(plotted, number)}</div>`
      }
    </figure>`
  }

  #plot(plotted: PlottedSeries[], number: Intl.NumberFormat) {
    const buckets = this.#buckets
    const n = buckets.length
    const stacked = this.mode === 'stacked'
    const sums = buckets.map((_, i) => plotted.reduce((sum, s) => sum + s.values[i], 0))
    const top = niceMax(stacked ? Math.max(...sums) : Math.max(...plotted.flatMap((s) => s.values)))
    const slot = W / n
    const y = (v: number) => H - (v / top) * H
    const ticks = n <= 3 ? buckets.map((_, i) => i) : [0, Math.floor((n - 1) / 2), n - 1]
    return html`<div class="area">
      <div class="y" aria-hidden="true">
        <span>${number.format(top)}</span><span>${number.format(top / 2)}</span><span>0</span>
      </div>
      <svg part="plot" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" aria-hidden="true">
        <g class="grid">
          ${[0, 0.5, 1].map((f) => svg`<line x1="0" x2=${W} y1=${f * H} y2=${f * H} vector-effect="non-scaling-stroke"></line>`)}
        </g>
        ${stacked ? this.#columns(plotted, slot, y) : this.#lines(plotted, slot, y)}
        ${buckets.map(
          (at, i) =>
            svg`<rect class="hit" x=${i * slot} y="0" width=${slot} height=${H}><title>${this.#bucketLabel(at, true)}: ${plotted
              .map((s) => `${this.#name(s)} ${number.format(s.values[i])}`)
              .join(', ')}</title></rect>`
        )}
      </svg>
      <div class="x" aria-hidden="true">
        ${ticks.map((i) => html`<span>${this.#bucketLabel(buckets[i])}</span>`)}
      </div>
    </div>`
  }

  #columns(plotted: PlottedSeries[], slot: number, y: (v: number) => number) {
    const gap = Math.min(slot * 0.2, 6)
    return this.#buckets.map((_, i) => {
      let base = 0
      return plotted.map((s, k) => {
        const value = s.values[i]
        if (!value) return nothing
        const top = y(base + value)
        const height = y(base) - top
        base += value
        return svg`<rect class="bar ${s.others ? 'others' : `s${k}`}" x=${i * slot + gap / 2} width=${slot - gap} y=${top} height=${height}></rect>`
      })
    })
  }

  #lines(plotted: PlottedSeries[], slot: number, y: (v: number) => number) {
    const x = (i: number) => i * slot + slot / 2
    return plotted.map((s, k) => {
      const cls = s.others ? 'others' : `s${k}`
      return s.values.length === 1
        ? svg`<circle class=${cls} cx=${x(0)} cy=${y(s.values[0])} r="4"></circle>`
        : svg`<polyline class=${cls} vector-effect="non-scaling-stroke" points=${s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}></polyline>`
    })
  }

  #table(plotted: PlottedSeries[], number: Intl.NumberFormat) {
    return html`<table part="table">
      <caption class="visually-hidden">
        ${this.data?.label}
      </caption>
      <thead>
        <tr>
          <th scope="col">
            ${this.t(this.granularity === 'month' ? 'console.chart.month' : 'console.chart.day')}
          </th>
          ${plotted.map((s) => html`<th scope="col">${this.#name(s)}</th>`)}
          <th scope="col">${this.t('console.chart.total')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.#buckets.map(
          (at, i) =>
            html`<tr>
              <th scope="row">${this.#bucketLabel(at, true)}</th>
              ${plotted.map((s) => html`<td>${number.format(s.values[i])}</td>`)}
              <td>${number.format(plotted.reduce((sum, s) => sum + s.values[i], 0))}</td>
            </tr>`
        )}
      </tbody>
    </table>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-usage-chart': ConsoleUsageChart
  }
}
