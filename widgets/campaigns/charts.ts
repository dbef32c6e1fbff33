import { html, svg, nothing } from 'lit'
import type { Counts, Stats } from './campaign-model.js'

/** One stage of the funnel: its label, its count. */
export interface Stage {
  label: string
  value: number
}

/**
 * The funnel as horizontal bars (each stage's share of the first), drawn in SVG for sighted users
 * and given to assistive technology as the table under it: the SVG is hidden from them, the table
 * is the same numbers in cells. Colours are theme tokens (`currentColor` of classed groups).
 */
export function funnelChart(
  stages: Stage[],
  caption: string,
  summary: string,
  tableLabel: string,
  headers: [string, string, string],
  format: (n: number) => string,
  share: (n: number) => string
) {
  const top = Math.max(1, stages[0]?.value ?? 0)
  const row = 34
  const height = stages.length * row
  return html`<figure class="chart funnel" part="funnel">
    <figcaption>${caption}</figcaption>
    <div class="funnel-body">
      <ol class="bar-labels" aria-hidden="true">
        ${stages.map((s) => html`<li><span>${s.label}</span><strong>${format(s.value)}</strong><span class="muted">${share(s.value)}</span></li>`)}
      </ol>
      <svg viewBox="0 0 400 ${height}" preserveAspectRatio="none" aria-hidden="true" class="bars">
        ${stages.map((s, i) => {
          const width = Math.max(s.value ? 2 : 0, (s.value / top) * 400)
          return svg`<rect class="track" x="0" y=${i * row + 4} width="400" height=${row - 8} rx="4"></rect>
          <rect class="bar s${i}" x="0" y=${i * row + 4} width=${width} height=${row - 8} rx="4"></rect>`
        })}
      </svg>
    </div>
    <p class="visually-hidden">${summary}</p>
    <details>
      <summary>${tableLabel}</summary>
      <table>
        <thead>
          <tr>
            ${headers.map((h) => html`<th scope="col">${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${stages.map(
            (s) =>
              html`<tr>
                <th scope="row">${s.label}</th>
                <td>${format(s.value)}</td>
                <td>${share(s.value)}</td>
              </tr>`
          )}
        </tbody>
      </table>
    </details>
  </figure>`
}

export const SERIES_KEYS: (keyof Counts)[] = ['sent', 'delivered', 'read', 'replied']

/**
 * Sent, delivered, read and replied per hour as lines, with a legend, hour ticks and the same
 * numbers as a table behind a disclosure.
 */
export function seriesChart(
  series: Stats['series'],
  labels: Record<keyof Counts, string>,
  caption: string,
  tableLabel: string,
  hourLabel: string,
  empty: string,
  hour: (iso: string) => string,
  format: (n: number) => string
) {
  if (!series.length)
    return html`<figure class="chart series" part="series">
      <figcaption>${caption}</figcaption>
      <p class="muted">${empty}</p>
    </figure>`
  const w = 600
  const h = 160
  const max = Math.max(1, ...series.flatMap((p) => SERIES_KEYS.map((k) => p[k])))
  const x = (i: number) => (series.length === 1 ? w / 2 : (i / (series.length - 1)) * w)
  const y = (v: number) => h - (v / max) * (h - 8)
  const ticks =
    series.length <= 4
      ? series.map((_, i) => i)
      : [0, Math.floor((series.length - 1) / 2), series.length - 1]
  return html`<figure class="chart series" part="series">
    <figcaption>${caption}</figcaption>
    <ul class="legend" aria-hidden="true">
      ${SERIES_KEYS.map((k) => html`<li class="k-${k}"><span class="swatch"></span>${labels[k]}</li>`)}
    </ul>
    <svg
      viewBox="-4 -4 ${w + 8} ${h + 8}"
      aria-hidden="true"
      class="lines"
      preserveAspectRatio="none"
    >
      <line class="axis" x1="0" y1=${h} x2=${w} y2=${h}></line>
      ${SERIES_KEYS.map(
        (k) =>
          svg`<polyline class="line k-${k}" vector-effect="non-scaling-stroke" points=${series.map((p, i) => `${x(i)},${y(p[k])}`).join(' ')}></polyline>
          ${series.length === 1 ? svg`<circle class="dot k-${k}" cx=${x(0)} cy=${y(series[0][k])} r="4"></circle>` : nothing}`
      )}
    </svg>
    <div class="ticks" aria-hidden="true">
      ${ticks.map((i) => html`<span>${hour(series[i].at)}</span>`)}
    </div>
    <details>
      <summary>${tableLabel}</summary>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">${hourLabel}</th>
              ${SERIES_KEYS.map((k) => html`<th scope="col">${labels[k]}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${series.map(
              (p) =>
                html`<tr>
                  <th scope="row">${hour(p.at)}</th>
                  ${SERIES_KEYS.map((k) => html`<td>${format(p[k])}</td>`)}
                </tr>`
            )}
          </tbody>
        </table>
      </div>
    </details>
  </figure>`
}
