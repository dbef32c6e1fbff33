import { execFileSync } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import { readFile, readdir } from 'node:fs/promises'
import { launchChromium } from '../../server/lib/chromium.js'
import type { BenchContext } from './context.js'

/** Widget budgets: sizes over the wire, and script tag to interactive launcher. */
export default async function widgetsPart(ctx: BenchContext) {
  const { root, say, results, startDemo } = ctx
  execFileSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/build_widgets.ts'], {
    cwd: root,
  })
  const gz = async (file: string) =>
    gzipSync(await readFile(new URL(`dist/public/${file}`, root)), { level: 9 }).length
  const files = await readdir(new URL('dist/public/widgets', root))
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
  results.push(['loader embed.js, gzip (budget 3 kB)', kb(await gz('embed.js'))])
  const kit = files.find((f) => f.startsWith('kit-'))!
  results.push(['kit + Lit chunk, gzip (budget 15 kB)', kb(await gz(`widgets/${kit}`))])
  for (const file of files.filter((f) => f !== kit)) {
    results.push([`  ${file.split('-')[0]} chunk alone, gzip`, kb(await gz(`widgets/${file}`))])
  }

  const { demo, demoOrigin } = await startDemo()
  const browser = await launchChromium()
  /**
   * Ten cold loads of the demo host page (a new context each: the loader, chunks and theme come
   * over the network every time), with each request's answer delayed by `latency` ms through
   * Chromium's network emulation (0: loopback as it is).
   */
  const coldLoads = async (latency: number) => {
    const fromScript: number[] = []
    const fromNavigation: number[] = []
    for (let i = 0; i < 10; i++) {
      const context = await browser.newContext()
      const page = await context.newPage()
      if (latency) {
        const cdp = await context.newCDPSession(page)
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency,
          downloadThroughput: -1,
          uploadThroughput: -1,
        })
      }
      await page.addInitScript(() =>
        customElements.whenDefined('parley-launcher').then(async () => {
          const launcher = document.querySelector('parley-launcher') as unknown as {
            updateComplete: Promise<unknown>
          }
          await launcher.updateComplete
          ;(window as unknown as { interactiveAt: number }).interactiveAt = performance.now()
        })
      )
      await page.goto(`${demoOrigin}/`)
      await page.waitForFunction(
        () => (window as unknown as { interactiveAt?: number }).interactiveAt
      )
      const timing = await page.evaluate(() => {
        const script = performance
          .getEntriesByType('resource')
          .find((e) => e.name.endsWith('/embed.js'))!
        const at = (window as unknown as { interactiveAt: number }).interactiveAt
        return { fromScript: at - script.startTime, fromNavigation: at }
      })
      fromScript.push(timing.fromScript)
      fromNavigation.push(timing.fromNavigation)
      await context.close()
    }
    return { fromScript, fromNavigation }
  }
  say('script tag to interactive launcher: 10 cold loads, then 10 at 100 ms round trips')
  const local = await coldLoads(0)
  const distant = await coldLoads(100)
  await browser.close()
  demo.close()
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
  results.push([
    'script tag to interactive launcher, median of 10 cold',
    `${median(local.fromScript).toFixed(0)} ms`,
  ])
  results.push([
    'navigation start to interactive launcher, median',
    `${median(local.fromNavigation).toFixed(0)} ms`,
  ])
  results.push([
    'script tag to interactive launcher, 100 ms per request (emulated), median of 10 cold',
    `${median(distant.fromScript).toFixed(0)} ms`,
  ])
}
