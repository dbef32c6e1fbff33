import { html, svg, css, nothing } from 'lit'

/** One stack of the chart: a tenant (or "other tenants"), its value per bucket. */
export interface StackSeries {
  label: string
  values: number[]
  /** Drawn in the muted colour ("other tenants"). */
  muted?: boolean
}

export interface StackedChart {
  caption: string
  /** A sentence for screen readers: what the chart shows in numbers. */
  summary: string
  /** Bucket labels ("27 Nov", "Nov 2026"), one per column. */
  buckets: string[]
  series: StackSeries[]
  /** The table's summary line and its column headers. */
  tableLabel: string
  bucketHeader: string
  totalHeader: string
  format: (n: number) => string
}

const W = 720
const H = 200
/** Series colours: classes s0…s4 in chartStyles, and s5 for a muted series. */
const colourOf = (s: StackSeries, index: number) => (s.muted ? 5 : Math.min(index, 4))

/**
 * Columns over time, each stacked by series (the top tenants, then the rest), in SVG for sighted
 * users, with a legend and ticks in HTML; the same numbers as a table under it (the SVG is hidden
 * from assistive technology, the table is not).
 */
export function stackedBarChart(c: StackedChart) {
  const n = c.buckets.length
  const totals = c.buckets.map((_, i) => c.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))
  const max = Math.max(1, ...totals)
  const slot = W / Math.max(1, n)
  const bar = Math.max(1, slot * 0.72)
  const ticks =
    n <= 7
      ? c.buckets.map((_, i) => i)
      : [0, Math.floor((n - 1) / 3), Math.floor((2 * (n - 1)) / 3), n - 1]
  return html`<figure class="chart" part="chart">
    <figcaption>${c.caption}</figcaption>
    <ul class="legend" aria-hidden="true">
      ${c.series.map(
        (s, i) => html`<li><span class="swatch s${colourOf(s, i)}"></span>${s.label}</li>`
      )}
    </ul>
    <div class="plot">
      <span class="max" aria-hidden="true">${c.format(max)}</span>
      <svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" aria-hidden="true" class="bars">
        <line class="axis" x1="0" y1=${H} x2=${W} y2=${H}></line>
        <line class="grid" x1="0" y1="0" x2=${W} y2="0"></line>
        ${c.buckets.map((bucket, i) => {
          let y = H
          return c.series.map((s, k) => {
            const value = s.values[i] ?? 0
            if (!value) return nothing
            const height = (value / max) * H
            y -= height
            return svg`<rect class="s${colourOf(s, k)}" x=${i * slot + (slot - bar) / 2} y=${y} width=${bar} height=${height}><title>${bucket} · ${s.label}: ${c.format(value)}</title></rect>`
          })
        })}
      </svg>
    </div>
    <div class="ticks" aria-hidden="true">
      ${ticks.map((i) => html`<span>${c.buckets[i]}</span>`)}
    </div>
    <p class="visually-hidden">${c.summary}</p>
    <details>
      <summary>${c.tableLabel}</summary>
      <div class="scroll">
        <table class="chart-table">
          <thead>
            <tr>
              <th scope="col">${c.bucketHeader}</th>
              ${c.series.map((s) => html`<th scope="col" class="number">${s.label}</th>`)}
              <th scope="col" class="number">${c.totalHeader}</th>
            </tr>
          </thead>
          <tbody>
            ${c.buckets.map(
              (bucket, i) =>
                html`<tr>
                  <th scope="row">${bucket}</th>
                  ${c.series.map((s) => html`<td class="number">${c.format(s.values[i] ?? 0)}</td>`)}
                  <td class="number">${c.format(totals[i])}</td>
                </tr>`
            )}
          </tbody>
        </table>
      </div>
    </details>
  </figure>`
}

export const chartStyles = css`
  .chart {
    margin: 0;
    display: grid;
    gap: var(--parley-space-2, 8px);
    min-width: 0;
  }
  .chart figcaption {
    font-weight: var(--parley-font-weight-strong, 600);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--parley-space-1, 4px) var(--parley-space-4, 16px);
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: var(--parley-font-size-sm, 13px);
  }
  .legend li {
    display: inline-flex;
    gap: 6px;
    align-items: center;
  }
  .swatch {
    width: 12px;
    height: 12px;
    border-radius: 3px;
    background: currentColor;
  }
  .plot {
    position: relative;
    padding-top: 18px;
  }
  .max {
    position: absolute;
    top: 0;
    inset-inline-start: 0;
    font-size: var(--parley-font-size-xs, 12px);
    color: var(--parley-color-on-surface-muted);
  }
  .bars {
    display: block;
    width: 100%;
    height: 200px;
  }
  .axis {
    stroke: var(--parley-color-on-surface-muted);
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }
  .grid {
    stroke: var(--parley-color-border);
    stroke-dasharray: 4 4;
    vector-effect: non-scaling-stroke;
  }
  .ticks {
    display: flex;
    justify-content: space-between;
    gap: var(--parley-space-2, 8px);
    font-size: var(--parley-font-size-xs, 12px);
    color: var(--parley-color-on-surface-muted);
  }
  .s0 {
    color: var(--parley-color-primary);
    fill: var(--parley-color-primary);
  }
  .s1 {
    color: var(--parley-color-success);
    fill: var(--parley-color-success);
  }
  .s2 {
    color: var(--parley-color-warning);
    fill: var(--parley-color-warning);
  }
  .s3 {
    color: color-mix(in srgb, var(--parley-color-primary) 45%, var(--parley-color-surface));
    fill: color-mix(in srgb, var(--parley-color-primary) 45%, var(--parley-color-surface));
  }
  .s4 {
    color: color-mix(in srgb, var(--parley-color-success) 45%, var(--parley-color-surface));
    fill: color-mix(in srgb, var(--parley-color-success) 45%, var(--parley-color-surface));
  }
  .s5 {
    color: var(--parley-color-on-surface-muted);
    fill: var(--parley-color-on-surface-muted);
  }
  details summary {
    cursor: pointer;
    color: var(--parley-color-primary);
  }
  .scroll {
    overflow-x: auto;
    max-height: 360px;
    overflow-y: auto;
  }
  .chart-table th[scope='row'] {
    white-space: nowrap;
    font-weight: var(--parley-font-weight-regular, 400);
  }
`
