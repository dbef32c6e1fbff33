import { execFile } from 'node:child_process'
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '#lib/chromium'
import { freePort } from '#lib/local_services'
import { makeTenant } from '#tests/helpers'
import { startDemoHost } from '../../../embed/demo-host/server.js'

/**
 * A fresh browser profile that blocks third-party cookies (Chrome's own preference), as Safari
 * and privacy-minded users do: Parley must work without them.
 */
export async function launchWithoutThirdPartyCookies(): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'parley-e2e-'))
  await mkdir(join(profile, 'Default'), { recursive: true })
  await writeFile(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { block_third_party_cookies: true, cookie_controls_mode: 1 } })
  )
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 800 },
  })
}

/** Builds the loader and widget chunks the server serves (well under a second). */
export async function buildWidgets() {
  await promisify(execFile)(process.execPath, [
    '--import=@poppinss/ts-exec',
    'bin/build_widgets.ts',
  ])
}

/**
 * What the end-to-end groups start from: the widgets built, a fresh tenant that allows a demo
 * host on a port of its own, that host, and a session for Ana (owner of `demo-co`).
 */
export async function demoHostForTest(apiUrl: string) {
  await buildWidgets()
  const port = await freePort()
  const hostUrl = `http://localhost:${port}`
  const tenant = await makeTenant('Acme', [hostUrl])
  const host = await startDemoHost({
    port,
    apiUrl,
    secretKey: tenant.secretKey,
    publishableKey: tenant.publishableKey,
  })
  const ana = await fetch(`${apiUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'Authorization': `Bearer ${tenant.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      workspace: { id: 'demo-co' },
      user: { id: 'u_ana', name: 'Ana Lima', role: 'owner' },
    }),
  }).then((r) => r.json() as Promise<{ token: string; workspaceId: string }>)
  return {
    tenant,
    hostUrl,
    ana,
    close: () => new Promise<void>((resolve) => host.close(() => resolve())),
  }
}

/** A page in a context of its own (a separate user), collecting the page's uncaught errors. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1300, height: 800 }
) {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(url)
  return { page, errors }
}
