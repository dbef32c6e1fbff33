import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys, setViewport } from '@web/test-runner-commands'
import { setLocale } from '../kit/localize.js'
import { adoptConsoleSheet } from '../console/console-element.js'
import type { ConsoleSignIn } from '../console/sign-in.js'
import { useFakeApi, $, $$ } from './test-api.js'
import './admin-app.js'
import type { AdminApp } from './admin-app.js'
import type { AdminTotpSetup } from './totp-setup.js'
import type { ConsoleTotpEnrolment } from '../console/account/totp-enrolment.js'
import type { AdminTenants } from './tenants-page.js'

async function mount() {
  adoptConsoleSheet()
  const app = await fixture<AdminApp>(html`<admin-app base="/admin"></admin-app>`)
  await waitUntil(() => app.status !== 'loading')
  await app.updateComplete
  return app
}

const signIn = (app: AdminApp) => $<ConsoleSignIn>(app, 'console-sign-in')

async function submitPassword(app: AdminApp, password: string) {
  const form = signIn(app)
  $<HTMLInputElement>(form, '#email').value = 'root@platform.test'
  $<HTMLInputElement>(form, '#password').value = password
  $<HTMLFormElement>(form, 'form').requestSubmit()
}

const tenantsPage = async (app: AdminApp) => {
  await waitUntil(() => $(app, 'admin-tenants'), 'the tenants page')
  const page = $<AdminTenants>(app, 'admin-tenants')
  await waitUntil(() => page.tenants.length)
  return page
}

describe('admin-app', () => {
  afterEach(async () => {
    setLocale(undefined)
    await setViewport({ width: 1280, height: 800 })
  })

  it('signs in at /v1/admin/sessions with a TOTP code, then lists tenants', async () => {
    const { calls } = useFakeApi({ signedIn: false })
    const app = await mount()
    expect(app.status).to.equal('signed-out')
    const form = signIn(app)
    expect($(form, '.brand').textContent).to.equal('Platform admin')
    expect($(form, 'h1').textContent!.trim()).to.equal('Sign in to the platform admin')
    await submitPassword(app, 'correct horse battery')
    await waitUntil(() => $(form, '#code'), 'asks for the code')
    $<HTMLInputElement>(form, '#code').value = '123456'
    $<HTMLFormElement>(form, 'form').requestSubmit()
    await tenantsPage(app)
    const posts = calls.filter((c) => c.path === '/v1/admin/sessions' && c.method === 'POST')
    expect(posts.at(-1)!.body).to.deep.equal({
      email: 'root@platform.test',
      password: 'correct horse battery',
      code: '123456',
    })
    expect(posts.every((c) => c.xsrf === 'test-token')).to.equal(true)
    expect(calls.some((c) => c.path.startsWith('/v1/console'))).to.equal(false)
    await expect(app).to.be.accessible()
  })

  it('a first sign-in enrols TOTP: QR code and key, the code, recovery codes shown once', async () => {
    const { calls } = useFakeApi({ signedIn: false, totpEnabled: false })
    const app = await mount()
    await submitPassword(app, 'correct horse battery')
    await waitUntil(() => $(app, 'admin-totp-setup'), 'the set-up page')
    const setup = $<AdminTotpSetup>(app, 'admin-totp-setup')
    await waitUntil(() => $(setup, 'console-totp-enrolment'), 'the enrolment')
    const enrol = $<ConsoleTotpEnrolment>(setup, 'console-totp-enrolment')
    await waitUntil(() => $(enrol, 'svg.qr'), 'the QR code')
    expect($(enrol, 'svg.qr').getAttribute('aria-label')).to.include('QR code')
    expect($(enrol, 'svg.qr path').getAttribute('d')!.length).to.be.greaterThan(100)
    expect($(enrol, '#secret').textContent).to.equal('JBSW Y3DP EHPK 3PXP')
    // The key, its Copy button and the long Spanish button fit a phone.
    setLocale('es')
    await setViewport({ width: 360, height: 740 })
    await enrol.updateComplete
    expect(setup.scrollWidth).to.be.at.most(360)
    expect($(enrol, 'form').getBoundingClientRect().right).to.be.at.most(360)

    setLocale('en')
    await enrol.updateComplete
    $<HTMLInputElement>(enrol, '#code').value = '000000'
    $<HTMLFormElement>(enrol, 'form').requestSubmit()
    await waitUntil(() => $(enrol, '#code')?.getAttribute('aria-invalid') === 'true')
    expect($(enrol, '#code-error').textContent).to.include('did not work')

    $<HTMLInputElement>(enrol, '#code').value = '123456'
    $<HTMLFormElement>(enrol, 'form').requestSubmit()
    await waitUntil(() => $(enrol, '#recovery-codes'), 'recovery codes')
    expect($$(enrol, '#recovery-codes li').map((li) => li.textContent)).to.deep.equal([
      'a1b2-c3d4',
      'e5f6-g7h8',
      'i9j0-k1l2',
    ])
    expect(enrol.shadowRoot!.activeElement?.id).to.equal('step-title')
    expect($(enrol, '#download')).to.exist
    await expect(setup).to.be.accessible()
    $<HTMLInputElement>(enrol, '#saved').click()
    await enrol.updateComplete
    $<HTMLButtonElement>(enrol, '#codes-done').click()
    await tenantsPage(app)
    expect(calls.find((c) => c.path === '/v1/admin/totp/verify' && c.body.code === '123456')).to
      .exist
  })

  it('changes page by its links, focusing the content; skip link and arrow keys work', async () => {
    useFakeApi()
    const app = await mount()
    const page = await tenantsPage(app)
    $<HTMLAnchorElement>(page, 'tbody tr:nth-child(3) a').click()
    await waitUntil(() => app.route.page === 'tenant')
    expect(app.route).to.deep.equal({ page: 'tenant', id: '0197a000-0000-7000-8000-000000000003' })
    expect(app.shadowRoot!.activeElement?.id).to.equal('main')
    // The tenants entry stays current on a tenant's page.
    expect($(app, 'nav a[aria-current=page]').dataset.page).to.equal('tenants')

    $<HTMLAnchorElement>(app, 'nav a[data-page=usage]').focus()
    await sendKeys({ press: 'ArrowUp' })
    expect((app.shadowRoot!.activeElement as HTMLElement).dataset.page).to.equal('tenants')
    $<HTMLAnchorElement>(app, 'nav a[data-page=usage]').click()
    await waitUntil(() => $(app, 'admin-usage'))
    expect(document.title).to.equal('Usage · Platform admin')

    $<HTMLButtonElement>(app, '.skip').click()
    expect(app.shadowRoot!.activeElement?.id).to.equal('main')
  })

  it('reaches sessions from the account menu; revoking this browser signs out', async () => {
    const { calls } = useFakeApi()
    const app = await mount()
    await tenantsPage(app)
    const menu = $(app, 'console-account-menu') as HTMLElement & { toggle(open?: boolean): void }
    menu.toggle(true)
    await (menu as any).updateComplete
    const link = $<HTMLAnchorElement>(app, '#sessions-link')
    expect(link.assignedSlot).to.exist
    link.click()
    await waitUntil(() => $(app, 'admin-sessions'))
    const sessions = $(app, 'admin-sessions')
    // The console's list of sessions, reading and revoking the admin's.
    await waitUntil(() => $(sessions, 'console-sessions'))
    const list = $(sessions, 'console-sessions')
    await waitUntil(() => $$(list, 'tbody tr').length === 2)
    expect(calls.some((c) => c.path === '/v1/admin/sessions' && c.method === 'GET')).to.equal(true)
    expect(list.shadowRoot!.textContent).to.include('This browser')
    await expect(sessions).to.be.accessible()
    // Revoking this browser's session, after the list's confirmation, signs out here.
    $<HTMLButtonElement>(list, 'button[data-revoke=w1]').click()
    const dialog = $(list, 'console-confirm')
    await waitUntil(() => dialog.shadowRoot!.querySelector('dialog')?.open)
    dialog.shadowRoot!.querySelector<HTMLButtonElement>('#confirm')!.click()
    await waitUntil(() => app.status === 'signed-out', 'signed out')
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/v1/admin/sessions/w1')).to.equal(
      true
    )
  })

  it('goes back to sign-in when the session ends elsewhere (a 401 on any call)', async () => {
    const api = useFakeApi()
    const app = await mount()
    await tenantsPage(app)
    api.state.signedIn = false
    $<HTMLAnchorElement>(app, 'nav a[data-page=usage]').click()
    await waitUntil(() => app.status === 'signed-out')
  })

  it('signs out from the account menu', async () => {
    const { calls } = useFakeApi()
    const app = await mount()
    await tenantsPage(app)
    const menu = $(app, 'console-account-menu')
    $<HTMLButtonElement>(menu, '#toggle').click()
    await waitUntil(() => $(menu, '#sign-out'))
    $<HTMLButtonElement>(menu, '#sign-out').click()
    await waitUntil(() => app.status === 'signed-out')
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/v1/admin/sessions')).to.equal(
      true
    )
  })

  it('at 360 px the navigation is a disclosure; Spanish throughout', async () => {
    useFakeApi()
    setLocale('es')
    await setViewport({ width: 360, height: 740 })
    const app = await mount()
    await tenantsPage(app)
    const nav = $(app, 'nav')
    expect(getComputedStyle(nav).display).to.equal('none')
    $<HTMLButtonElement>(app, '#menu-toggle').click()
    await app.updateComplete
    expect(getComputedStyle(nav).display).to.equal('block')
    expect($(app, 'nav a[data-page=tenants]').textContent!.trim()).to.equal('Clientes')
    expect(app.scrollWidth).to.be.at.most(360)
  })
})
