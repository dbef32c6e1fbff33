import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { setViewport } from '@web/test-runner-commands'
import { setLocale } from '../kit/localize.js'
import { adoptConsoleSheet } from '../console/console-element.js'
import { useFakeApi, $, $$ } from './test-api.js'
import { bucketsOf, chartOf, featureUse, periodQuery } from './usage-model.js'
import type { UsageReport } from './api.js'
import './usage-page.js'
import type { AdminUsage } from './usage-page.js'
import type { ConsoleUsageChart } from '../console/charts/usage-chart.js'

/** The page's <console-usage-chart>, drawn. */
async function chartOf$(page: AdminUsage) {
  const chart = $<ConsoleUsageChart>(page, 'console-usage-chart')
  await chart.updateComplete
  return chart
}

async function mount() {
  adoptConsoleSheet()
  const page = await fixture<AdminUsage>(html`<admin-usage base="/admin"></admin-usage>`)
  await waitUntil(() => page.report)
  await page.updateComplete
  return page
}

const REPORT: UsageReport = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-04T00:00:00.000Z',
  granularity: 'day',
  features: ['messagesSent'],
  data: [
    {
      tenantId: 'a',
      tenant: { name: 'Acme', status: 'active' },
      feature: 'messagesSent',
      total: 7,
      series: [
        { at: '2026-11-01T00:00:00.000Z', quantity: 3 },
        { at: '2026-11-03T00:00:00Z', quantity: 4 },
      ],
    },
    {
      tenantId: 'b',
      tenant: null,
      feature: 'messagesSent',
      total: 9,
      series: [{ at: '2026-11-02T00:00:00.000Z', quantity: 9 }],
    },
  ],
  totals: [
    {
      feature: 'messagesSent',
      total: 16,
      series: [
        { at: '2026-11-01T00:00:00.000Z', quantity: 3 },
        { at: '2026-11-02T00:00:00.000Z', quantity: 9 },
        { at: '2026-11-03T00:00:00.000Z', quantity: 4 },
      ],
    },
  ],
  current: [],
}

describe('usage model', () => {
  it('fills every bucket of the range, the empty ones with 0, biggest tenant first', () => {
    const buckets = bucketsOf(REPORT)
    expect(buckets).to.deep.equal([
      '2026-11-01T00:00:00.000Z',
      '2026-11-02T00:00:00.000Z',
      '2026-11-03T00:00:00.000Z',
    ])
    const use = featureUse(REPORT, 'messagesSent')
    expect(use.tenants.map((t) => [t.tenantId, t.total])).to.deep.equal([
      ['b', 9],
      ['a', 7],
    ])
    expect(use.total).to.equal(16)
    const chart = chartOf(REPORT, 'messagesSent', 'Messages', 'Removed tenant')
    expect(chart.series.map((s) => s.name)).to.deep.equal(['Acme', 'Removed tenant'])
    expect(chart.series[0].points).to.deep.equal([
      { at: '2026-11-01T00:00:00.000Z', value: 3 },
      { at: '2026-11-03T00:00:00Z', value: 4 },
    ])
  })

  it('asks for 30 days by day, or 12 months by month, in UTC', () => {
    const now = new Date('2026-11-27T22:30:00Z')
    expect(periodQuery('last30', now)).to.deep.equal({
      from: '2026-10-29T00:00:00.000Z',
      granularity: 'day',
    })
    expect(periodQuery('last12', now)).to.deep.equal({
      from: '2025-12-01T00:00:00.000Z',
      granularity: 'month',
    })
    const months = bucketsOf({
      from: '2025-12-01T00:00:00.000Z',
      to: '2026-11-27T22:30:00.000Z',
      granularity: 'month',
    })
    expect(months).to.have.length(12)
    expect(months.at(-1)).to.equal('2026-11-01T00:00:00.000Z')
  })
})

describe('admin-usage', () => {
  afterEach(async () => {
    setLocale(undefined)
    await setViewport({ width: 1280, height: 800 })
  })

  it('charts the top five tenants and the others, with the same numbers in a table', async () => {
    const { calls } = useFakeApi()
    const page = await mount()
    expect(calls[0].path).to.equal('/v1/admin/usage')
    expect(calls[0].query.get('granularity')).to.equal('day')
    const chart = await chartOf$(page)
    const legend = $$(chart, '.legend li').map((li) => li.textContent!.trim())
    expect(legend).to.deep.equal([
      'Acme Reseller',
      'Initech Care',
      'Northwind Support',
      'Hooli Desk',
      'Vandelay Imports',
      'Other tenants',
    ])
    expect($(chart, 'svg').getAttribute('aria-hidden')).to.equal('true')
    const rows = $$(chart, 'table tbody tr')
    expect(rows).to.have.length(30)
    // Each row's total is the sum of its cells, and the days add up to the report's total.
    const report = page.report!
    const total = report.totals.find((t) => t.feature === 'messagesSent')!.total
    const number = (text: string) => Number(text.replace(/[^\d]/g, ''))
    let sum = 0
    for (const row of rows) {
      const cells = [...row.querySelectorAll('td')].map((td) => number(td.textContent!))
      const rowTotal = cells.pop()!
      expect(cells.reduce((a, b) => a + b, 0)).to.equal(rowTotal)
      sum += rowTotal
    }
    expect(sum).to.equal(total)
    expect($$(page, '#top tbody tr')).to.have.length(7)
    expect($$(page, '#numbers tbody tr')).to.have.length(3)
    await expect(page).to.be.accessible()
  })

  it('switches feature without asking again, and period by asking by month', async () => {
    const { calls } = useFakeApi()
    const page = await mount()
    const feature = $<HTMLElement & { value: string }>(page, '#feature')
    feature.value = 'transcriptionMinutes'
    feature.dispatchEvent(new CustomEvent('change', { detail: { value: 'transcriptionMinutes' } }))
    await page.updateComplete
    expect($(await chartOf$(page), 'figcaption').textContent).to.include('Transcription minutes')
    expect(calls).to.have.length(1)

    const period = $<HTMLElement & { value: string }>(page, '#period')
    period.value = 'last12'
    period.dispatchEvent(new CustomEvent('change', { detail: { value: 'last12' } }))
    await waitUntil(() => page.report?.granularity === 'month')
    await page.updateComplete
    expect(calls.at(-1)!.query.get('granularity')).to.equal('month')
    const chart = await chartOf$(page)
    expect($$(chart, 'table tbody tr')).to.have.length(12)
    expect($(chart, 'thead th').textContent).to.include('Month')
  })

  it('fits 360 px in Spanish', async () => {
    useFakeApi()
    setLocale('es')
    await setViewport({ width: 360, height: 740 })
    const page = await mount()
    expect($(page, 'h1').textContent).to.equal('Uso')
    expect($(await chartOf$(page), '.legend li:last-child').textContent!.trim()).to.equal(
      'Otros clientes'
    )
    expect(page.scrollWidth).to.be.at.most(360)
  })
})
