import { execFile } from 'node:child_process'
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type BrowserContext } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '#lib/chromium'

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
