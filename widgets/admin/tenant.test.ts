import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys, setViewport } from '@web/test-runner-commands'
import { adoptConsoleSheet } from '../console/console-element.js'
import { useFakeApi, $, $$ } from './test-api.js'
import './tenant-page.js'
import './tenant-new-page.js'
import type { AdminTenant } from './tenant-page.js'
import type { AdminTenantNew } from './tenant-new-page.js'
import type { AdminSuspendDialog } from './suspend-dialog.js'

const ACTIVE = '0197a000-0000-7000-8000-000000000002'
const SUSPENDED = '0197a000-0000-7000-8000-000000000003'

async function mount(id: string) {
  adoptConsoleSheet()
  const page = await fixture<AdminTenant>(
    html`<admin-tenant base="/admin" .tenantId=${id}></admin-tenant>`
  )
  await waitUntil(() => page.tenant || $(page, '.alert'))
  await page.updateComplete
  return page
}
const dialogOf = (page: AdminTenant) => $<AdminSuspendDialog>(page, 'admin-suspend-dialog')
const native = (page: AdminTenant) =>
  dialogOf(page).shadowRoot!.querySelector('parley-dialog')!.shadowRoot!.querySelector('dialog')!

describe('admin-tenant', () => {
  afterEach(() => setViewport({ width: 1280, height: 800 }))

  it('shows origins, domains with their status, workspaces, use and the suspension history', async () => {
    useFakeApi()
    const page = await mount(SUSPENDED)
    expect($(page, 'h1').textContent).to.equal('Globex Help')
    expect($(page, '.head .status').textContent!.trim()).to.equal('Suspended')
    expect($$(page, '#origins li').map((li) => li.textContent!.trim())).to.have.length(2)
    const domains = $$(page, '#domains li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim())
    expect(domains).to.deep.equal([
      'widgets.acme-reseller.test Verified',
      'chat.acme-reseller.test Failed',
    ])
    expect($(page, '#workspaces').textContent).to.equal('3')
    expect($(page, '#usage').textContent).to.include('1 connected of 2')
    const history = $$(page, '#history li')
    expect(history).to.have.length(2)
    expect(history[0].textContent).to.include('Payment')
    expect(history[0].textContent).to.include('by root@platform.test')
    expect(history[0].textContent).to.include('Internal note: Two reminders sent')
    expect(history[0].textContent).to.include('Still suspended')
    expect(history[1].textContent).to.include('by an operator (p1)')
    expect(history[1].textContent).to.include('Resumed')
    expect(history[1].textContent).to.include('by ops@platform.test')
    expect($(page, '#resume')).to.exist
    await expect(page).to.be.accessible()
  })

  it('suspends with a category and a required reason, confirmed in a dialog', async () => {
    const { calls } = useFakeApi()
    const page = await mount(ACTIVE)
    $<HTMLButtonElement>(page, '#suspend').click()
    await waitUntil(() => native(page).open, 'the dialog opens')
    const dialog = dialogOf(page)
    // No reason: refused here, nothing sent.
    $<HTMLButtonElement>(dialog, '#confirm-suspend').click()
    await dialog.updateComplete
    expect($(dialog, '#reason').getAttribute('aria-invalid')).to.equal('true')
    expect($(dialog, '#reason-hint').textContent).to.include('Give a reason')
    expect(calls.some((c) => c.path.endsWith('/suspend'))).to.equal(false)

    const category = $<HTMLElement & { value: string }>(dialog, '#category')
    category.value = 'payment'
    category.dispatchEvent(new CustomEvent('change', { detail: { value: 'payment' } }))
    $<HTMLTextAreaElement>(dialog, '#reason').value = 'Invoices unpaid since September.'
    $<HTMLTextAreaElement>(dialog, '#note').value = 'Called twice.'
    $<HTMLButtonElement>(dialog, '#confirm-suspend').click()
    await waitUntil(() => page.tenant?.status === 'suspended', 'suspended')
    const sent = calls.find((c) => c.path === `/v1/admin/tenants/${ACTIVE}/suspend`)!
    expect(sent.method).to.equal('POST')
    expect(sent.body).to.deep.equal({
      category: 'payment',
      reason: 'Invoices unpaid since September.',
      note: 'Called twice.',
    })
    expect(sent.xsrf).to.equal('test-token')
    await page.updateComplete
    expect(native(page).open).to.equal(false)
    expect($(page, '#message').textContent).to.include('Northwind Support is suspended')
    expect($(page, '#history li').textContent).to.include('Invoices unpaid since September.')
    expect($(page, '.head .status').textContent!.trim()).to.equal('Suspended')
    // Focus lands on what replaced the Suspend button.
    expect(page.shadowRoot!.activeElement?.id).to.equal('resume')
  })

  it('closes the suspend dialog with Escape, sending nothing', async () => {
    const { calls } = useFakeApi()
    const page = await mount(ACTIVE)
    $<HTMLButtonElement>(page, '#suspend').click()
    await waitUntil(() => native(page).open)
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !native(page).open, 'Escape closed it')
    expect(calls.some((c) => c.path.endsWith('/suspend'))).to.equal(false)
    expect(page.tenant!.status).to.equal('active')
  })

  it('resumes after a confirmation, and keeps it suspended when cancelled', async () => {
    const { calls } = useFakeApi()
    const page = await mount(SUSPENDED)
    const ask = () => document.querySelector('parley-confirm-dialog')
    $<HTMLButtonElement>(page, '#resume').click()
    await waitUntil(() => ask()?.open, 'asks first')
    expect(ask()!.heading).to.equal('Resume Globex Help?')
    ask()!.close(false)
    await waitUntil(() => !ask())
    expect(calls.some((c) => c.path.endsWith('/resume'))).to.equal(false)

    $<HTMLButtonElement>(page, '#resume').click()
    await waitUntil(() => ask()?.open)
    ask()!.close(true)
    await waitUntil(() => page.tenant?.status === 'active', 'resumed')
    expect(calls.at(-1)!.path).to.equal(`/v1/admin/tenants/${SUSPENDED}/resume`)
    await page.updateComplete
    expect($(page, '#message').textContent).to.include('Globex Help is active again')
    expect($(page, '#suspend')).to.exist
  })

  it('says so for an unknown tenant', async () => {
    useFakeApi()
    const page = await mount('0197a000-0000-7000-8000-999999999999')
    expect($(page, '.alert').textContent).to.include('There is no tenant with this id')
  })

  it('fits 360 px', async () => {
    useFakeApi()
    await setViewport({ width: 360, height: 740 })
    const page = await mount(SUSPENDED)
    expect(page.scrollWidth).to.be.at.most(360)
  })
})

describe('admin-tenant-new', () => {
  async function mountNew() {
    adoptConsoleSheet()
    return fixture<AdminTenantNew>(html`<admin-tenant-new base="/admin"></admin-tenant-new>`)
  }

  it('creates a tenant and shows its secret key once, to copy', async () => {
    const { calls } = useFakeApi()
    const page = await mountNew()
    expect(page.shadowRoot!.activeElement?.id).to.equal('name')
    $<HTMLInputElement>(page, '#name').value = 'Wayne Support'
    $<HTMLTextAreaElement>(page, '#origins').value =
      'https://help.wayne.test\nhttps://app.wayne.test'
    $<HTMLFormElement>(page, 'form').requestSubmit()
    await waitUntil(() => page.created, 'created')
    await page.updateComplete
    expect(calls.at(-1)!.body).to.deep.equal({
      name: 'Wayne Support',
      origins: ['https://help.wayne.test', 'https://app.wayne.test'],
    })
    expect($(page, '#secret-key').textContent).to.equal('sk_live_Zq81mXc0Pp7sLw3RkT9vB2nYd')
    expect($(page, '#open').getAttribute('href')).to.match(/^\/admin\/tenants\/0197a000-/)
    expect(page.shadowRoot!.activeElement?.id).to.equal('keys-title')
    await expect(page).to.be.accessible()
  })

  it('puts a refused origin under its field, and asks for a name first', async () => {
    const { calls } = useFakeApi()
    const page = await mountNew()
    $<HTMLFormElement>(page, 'form').requestSubmit()
    await page.updateComplete
    expect($(page, '#name-hint').textContent).to.include('Enter a name')
    expect(calls.filter((c) => c.method === 'POST')).to.have.length(0)

    $<HTMLInputElement>(page, '#name').value = 'Wayne'
    $<HTMLTextAreaElement>(page, '#origins').value = 'https://ok.test\nnot an origin'
    $<HTMLFormElement>(page, 'form').requestSubmit()
    await waitUntil(() => $(page, '#origins').getAttribute('aria-invalid') === 'true')
    expect($(page, '#origins-hint').textContent).to.include('not an origin: Must be an origin')
    expect(page.created).to.equal(undefined)
  })
})
