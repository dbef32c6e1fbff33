import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { setLocale } from '../../kit/localize.js'
import { adoptConsoleSheet } from '../console-element.js'
import '../charts/usage-chart.js'
import './usage-page.js'
import { niceMax, plotSeries, type ConsoleUsageChart } from '../charts/usage-chart.js'
import type { ConsoleUsage } from './usage-page.js'
import {
  bucketsOf,
  customRange,
  presetRange,
  totalsCsv,
  totalsOf,
  type UsageReport,
} from './usage-data.js'

const NOW = new Date('2026-11-27T15:00:00Z')

const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T00:00:00.000Z`

const REPORT: UsageReport = {
  from: '2026-10-29T00:00:00.000Z',
  to: NOW.toISOString(),
  granularity: 'day',
  features: ['transcriptionMinutes', 'messagesSent', 'campaignRecipients', 'whatsappNumbers'],
  data: [
    {
      workspaceId: 'w1',
      workspace: { externalId: 'north', name: 'North Shop' },
      feature: 'messagesSent',
      total: 30,
      series: [
        { at: day(25), quantity: 10 },
        { at: day(26), quantity: 20 },
      ],
    },
    {
      workspaceId: 'w2',
      workspace: { externalId: '=cmd', name: null },
      feature: 'messagesSent',
      total: 5,
      series: [{ at: day(26), quantity: 5 }],
    },
    {
      workspaceId: 'w1',
      workspace: { externalId: 'north', name: 'North Shop' },
      feature: 'transcriptionMinutes',
      total: 12,
      series: [{ at: day(20), quantity: 12 }],
    },
  ],
  current: [
    {
      workspaceId: 'w1',
      workspace: { externalId: 'north', name: 'North Shop' },
      connected: 1,
      total: 2,
    },
  ],
}

/** GET /v1/usage: the report above, or an empty one for month ranges, or a failure. */
function mockUsage(options: { fail?: boolean } = {}) {
  const asked: URL[] = []
  window.fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input), location.origin)
    asked.push(url)
    const json = (value: unknown, status = 200) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'content-type': 'application/json' },
      })
    if (options.fail) return json({ error: { code: 'INTERNAL_ERROR', message: 'Down' } }, 500)
    if (url.searchParams.get('granularity') === 'month')
      return json({ ...REPORT, granularity: 'month', data: [], current: [] })
    return json(REPORT)
  }) as typeof fetch
  return asked
}

describe('usage chart', () => {
  beforeEach(() => setLocale('en'))
  afterEach(() => setLocale(undefined))

  it('keeps the largest series by name and sums the rest as Others', () => {
    const series = ['a', 'b', 'c', 'd'].map((name, i) => ({
      name,
      points: [{ at: day(1), value: 10 - i }],
    }))
    const plotted = plotSeries(series, [day(1)], 2, 'Others')
    expect(plotted.map((s) => [s.name, s.total])).to.deep.equal([
      ['a', 10],
      ['b', 9],
      ['Others', 15],
    ])
    // One extra series is shown by name rather than as "Others".
    expect(plotSeries(series.slice(0, 3), [day(1)], 2, 'Others').map((s) => s.name)).to.deep.equal([
      'a',
      'b',
      'c',
    ])
    expect([niceMax(0), niceMax(7), niceMax(23), niceMax(180)]).to.deep.equal([1, 10, 25, 200])
  })

  it('draws stacked columns or lines, with a table of the same numbers', async () => {
    const chart = await fixture<ConsoleUsageChart>(
      html`<console-usage-chart
        .data=${{
          label: 'Messages',
          series: [
            { name: 'North', points: [{ at: day(2), value: 4 }] },
            {
              name: 'South',
              points: [
                { at: day(1), value: 1 },
                { at: day(2), value: 2 },
              ],
            },
          ],
        }}
        .buckets=${[day(1), day(2), day(3)]}
      ></console-usage-chart>`
    )
    const root = chart.shadowRoot!
    expect(root.querySelectorAll('rect.bar').length).to.equal(3)
    expect(root.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true')
    expect(root.querySelector('#summary')!.textContent).to.contain('7 in all')
    expect(root.querySelector('#summary')!.textContent).to.contain('North, 4')
    const cells = [...root.querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent!.trim())
    )
    expect(cells).to.deep.equal([
      ['Nov 1, 2026', '0', '1', '1'],
      ['Nov 2, 2026', '4', '2', '6'],
      ['Nov 3, 2026', '0', '0', '0'],
    ])
    const toggle = root.querySelector<HTMLButtonElement>('#toggle')!
    expect(root.querySelector('#numbers')!.classList.contains('visually-hidden')).to.equal(true)
    toggle.click()
    await chart.updateComplete
    expect(toggle.getAttribute('aria-expanded')).to.equal('true')
    expect(root.querySelector('#numbers')!.classList.contains('visually-hidden')).to.equal(false)
    expect(root.querySelector('#numbers')!.getAttribute('tabindex')).to.equal('0')

    chart.mode = 'lines'
    await chart.updateComplete
    expect(root.querySelectorAll('polyline').length).to.equal(2)
    await expect(chart).to.be.accessible()
  })

  it('says when there is nothing to draw', async () => {
    const chart = await fixture<ConsoleUsageChart>(
      html`<console-usage-chart .data=${{ label: 'Minutes', series: [] }}></console-usage-chart>`
    )
    expect(chart.shadowRoot!.textContent).to.contain('No use in this range')
    expect(chart.shadowRoot!.querySelector('svg')).to.equal(null)
  })
})

describe('usage data', () => {
  it('builds ranges and their buckets in UTC', () => {
    const last30 = presetRange('last30', NOW)
    expect(last30.from.toISOString()).to.equal('2026-10-29T00:00:00.000Z')
    expect(bucketsOf(last30)).to.have.length(30)
    const last12 = presetRange('last12', NOW)
    expect(last12.from.toISOString()).to.equal('2025-12-01T00:00:00.000Z')
    expect(bucketsOf(last12)).to.have.length(12)
    const custom = customRange('2026-11-01', '2026-11-03', 'day')!
    expect(bucketsOf(custom)).to.deep.equal([day(1), day(2), day(3)])
    expect(customRange('2026-11-05', '2026-11-03', 'day')).to.equal(undefined)
    expect(customRange('', '2026-11-03', 'day')).to.equal(undefined)
  })

  it('writes the totals as CSV that a spreadsheet cannot run', () => {
    const rows = totalsOf(REPORT, 'Removed')
    const csv = totalsCsv(rows, ['messagesSent'], {
      workspace: 'Workspace',
      externalId: 'Your ID',
      features: ['Messages, sent'],
      connected: 'Connected',
      numbers: 'Numbers',
    })
    expect(csv.split('\r\n')).to.deep.equal([
      'Workspace,Your ID,"Messages, sent",Connected,Numbers',
      "'=cmd,'=cmd,5,0,0",
      'North Shop,north,30,1,2',
      '',
    ])
  })
})

describe('usage page', () => {
  beforeEach(() => {
    setLocale('en')
    adoptConsoleSheet()
  })
  afterEach(() => setLocale(undefined))

  it('shows the last 30 days: a chart per feature and the totals', async () => {
    const asked = mockUsage()
    const page = await fixture<ConsoleUsage>(
      html`<console-usage .now=${NOW} .userRole=${'support'}></console-usage>`
    )
    await waitUntil(() => page.shadowRoot!.querySelector('#totals'))
    expect(asked[0].pathname).to.equal('/v1/usage')
    expect(asked[0].searchParams.get('from')).to.equal('2026-10-29T00:00:00.000Z')
    expect(asked[0].searchParams.get('granularity')).to.equal('day')
    const features = [...page.shadowRoot!.querySelectorAll('[data-feature]')].map((s) =>
      s.getAttribute('data-feature')
    )
    expect(features).to.deep.equal(['transcriptionMinutes', 'messagesSent', 'campaignRecipients'])
    const messages = page.shadowRoot!.querySelector<ConsoleUsageChart>(
      '[data-feature=messagesSent] console-usage-chart'
    )!
    await messages.updateComplete
    expect(messages.shadowRoot!.querySelector('figcaption')!.textContent).to.contain(
      'Messages sent by workspace'
    )
    expect(messages.shadowRoot!.querySelectorAll('tbody tr').length).to.equal(30)
    const north = page.shadowRoot!.querySelector('#totals [data-workspace=w1]')!
    expect(north.textContent).to.contain('North Shop')
    expect(north.textContent).to.contain('1 of 2 connected')
    expect(page.shadowRoot!.querySelector('#totals tfoot')!.textContent).to.contain('35')
    await expect(page).to.be.accessible()
  })

  it('switches to the last 12 months, and checks a custom range before asking', async () => {
    const asked = mockUsage()
    const page = await fixture<ConsoleUsage>(html`<console-usage .now=${NOW}></console-usage>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#totals'))
    page.shadowRoot!.querySelector<HTMLInputElement>('input[value=last12]')!.click()
    await waitUntil(() => page.shadowRoot!.querySelector('#empty'))
    expect(asked.at(-1)!.searchParams.get('granularity')).to.equal('month')
    expect(page.shadowRoot!.querySelector('#empty')!.textContent).to.contain('No workspace used')

    page.shadowRoot!.querySelector<HTMLInputElement>('input[value=custom]')!.click()
    await page.updateComplete
    const from = page.shadowRoot!.querySelector<HTMLElement & { value: string }>('#from')!
    expect(from.tagName.toLowerCase()).to.equal('parley-date-time-picker')
    from.dispatchEvent(new CustomEvent('change', { detail: { value: '2026-11-20' } }))
    const to = page.shadowRoot!.querySelector<HTMLElement>('#to')!
    to.dispatchEvent(new CustomEvent('change', { detail: { value: '2026-11-10' } }))
    const count = asked.length
    page.shadowRoot!.querySelector<HTMLButtonElement>('#apply')!.click()
    await page.updateComplete
    expect(page.shadowRoot!.querySelector('.custom + .error')!.textContent).to.contain(
      'start on or before the end'
    )
    expect(asked.length).to.equal(count)
    to.dispatchEvent(new CustomEvent('change', { detail: { value: '2026-11-25' } }))
    page.shadowRoot!.querySelector<HTMLButtonElement>('#apply')!.click()
    await waitUntil(() => asked.length === count + 1)
    expect(asked.at(-1)!.searchParams.get('from')).to.equal('2026-11-20T00:00:00.000Z')
    expect(asked.at(-1)!.searchParams.get('to')).to.equal('2026-11-26T00:00:00.000Z')
  })

  it('says so when usage cannot be read', async () => {
    mockUsage({ fail: true })
    const page = await fixture<ConsoleUsage>(html`<console-usage .now=${NOW}></console-usage>`)
    await waitUntil(() => page.shadowRoot!.querySelector('[role=alert]'))
    expect(page.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(
      'could not be loaded'
    )
  })

  it('speaks Spanish', async () => {
    mockUsage()
    setLocale('es')
    const page = await fixture<ConsoleUsage>(html`<console-usage .now=${NOW}></console-usage>`)
    await waitUntil(() => page.shadowRoot!.querySelector('#totals'))
    expect(page.shadowRoot!.querySelector('h1')!.textContent).to.contain('Uso')
    expect(page.shadowRoot!.querySelector('#download')!.textContent).to.contain('Descargar CSV')
    expect(page.shadowRoot!.textContent).to.contain('Últimos 30 días')
  })
})
