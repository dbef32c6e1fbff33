import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys, setViewport } from '@web/test-runner-commands'
import { setLocale } from '../kit/localize.js'
import { adoptConsoleSheet } from '../console/console-element.js'
import { makeTenants } from './admin.fixtures.js'
import { useFakeApi, $, $$ } from './test-api.js'
import './tenants-page.js'
import type { AdminTenants } from './tenants-page.js'

async function mount() {
  adoptConsoleSheet()
  const page = await fixture<AdminTenants>(html`<admin-tenants base="/admin"></admin-tenants>`)
  await waitUntil(() => $(page, '#tenants') || $(page, 'p.hint[role=status]'))
  return page
}
const names = (page: AdminTenants) => $$(page, 'tbody td.name a').map((a) => a.textContent!.trim())

describe('admin-tenants', () => {
  afterEach(async () => {
    setLocale(undefined)
    await setViewport({ width: 1280, height: 800 })
  })

  it('lists tenants with their status in words, counts, this month’s use and links', async () => {
    useFakeApi()
    const page = await mount()
    expect(names(page)).to.have.length(7)
    const globex = $(page, 'tbody tr:nth-child(3)')
    expect(globex.textContent).to.include('Globex Help')
    expect(globex.querySelector('.status')!.textContent!.trim()).to.equal('Suspended')
    expect(globex.textContent).to.include('12 messages')
    expect(globex.querySelector('a')!.getAttribute('href')).to.equal(
      '/admin/tenants/0197a000-0000-7000-8000-000000000003'
    )
    expect($(page, '#count').textContent).to.include('All 7 shown')
    await expect(page).to.be.accessible()
  })

  it('searches as you type (once typing rests) and filters by status', async () => {
    const { calls } = useFakeApi()
    const page = await mount()
    const input = $<HTMLInputElement>(page, '#q')
    input.focus()
    await sendKeys({ type: 'north' })
    await waitUntil(() => names(page).length === 1, 'search applied')
    expect(names(page)).to.deep.equal(['Northwind Support'])
    const searches = calls.filter((c) => c.path === '/v1/admin/tenants')
    // One request for the first page and one for the search, not one per key.
    expect(searches).to.have.length(2)
    expect(searches[1].query.get('q')).to.equal('north')

    input.value = ''
    input.dispatchEvent(new InputEvent('input'))
    // By keyboard: the status select opens with the arrow key, Enter chooses.
    $<HTMLElement>(page, '#status').focus()
    await sendKeys({ press: 'ArrowDown' })
    await sendKeys({ press: 'ArrowDown' })
    await sendKeys({ press: 'ArrowDown' })
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => names(page).length === 1 && names(page)[0] === 'Globex Help')
    expect(calls.at(-1)!.query.get('status')).to.equal('suspended')
  })

  it('loads more by cursor and says when everything is shown', async () => {
    const { calls } = useFakeApi({ tenants: makeTenants(12), pageSize: 5 })
    const page = await mount()
    expect(names(page)).to.have.length(5)
    expect($(page, '#count').textContent).to.include('5 shown')
    $<HTMLButtonElement>(page, '#more').click()
    await waitUntil(() => names(page).length === 10)
    expect(calls.at(-1)!.query.get('cursor')).to.equal('5')
    $<HTMLButtonElement>(page, '#more').click()
    await waitUntil(() => names(page).length === 12)
    expect($(page, '#more')).to.equal(null)
    expect($(page, '#count').textContent).to.include('All 12 shown')
  })

  it('says when nothing matches, and when there are no tenants at all', async () => {
    useFakeApi({ tenants: [] })
    const page = await mount()
    expect(page.shadowRoot!.textContent).to.include('No tenants yet')
    const input = $<HTMLInputElement>(page, '#q')
    input.value = 'zzz'
    input.dispatchEvent(new InputEvent('input'))
    $<HTMLFormElement>(page, 'form').requestSubmit()
    await waitUntil(() => page.shadowRoot!.textContent!.includes('No tenant matches'))
  })

  it('is a stacked list at 360 px, each value labelled, in Spanish', async () => {
    useFakeApi()
    setLocale('es')
    await setViewport({ width: 360, height: 740 })
    const page = await mount()
    expect(getComputedStyle($(page, 'thead')).display).to.equal('none')
    const cell = $(page, 'tbody tr td[data-label]')
    expect(cell.dataset.label).to.equal('Espacios de trabajo')
    expect(getComputedStyle(cell, '::before').content).to.include('Espacios de trabajo')
    expect($(page, 'tbody tr:nth-child(3) .status').textContent!.trim()).to.equal('Suspendido')
    expect(page.scrollWidth).to.be.at.most(360)
    await expect(page).to.be.accessible()
  })
})
