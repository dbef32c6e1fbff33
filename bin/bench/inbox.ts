import { execFileSync } from 'node:child_process'
import { launchChromium } from '../../server/lib/chromium.js'
import type { BenchContext } from './context.js'

/** Inbox: from POST …/messages to the other member's widget showing it. */
export default async function inboxPart(ctx: BenchContext) {
  const { root, base, tenant, mint, say, results, startDemo } = ctx
  execFileSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/build_widgets.ts'], {
    cwd: root,
  })
  const { demo, demoOrigin } = await startDemo()
  const ana = await mint(tenant.secretKey, 'demo-co', 'u_ana')
  const started = await fetch(`${base}/v1/conversations`, {
    method: 'POST',
    headers: { 'authorization': `Bearer ${ana.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'web',
      contact: { email: 'bench@x.test', name: 'Bench' },
      body: 'start',
    }),
  })
  const conversation = (await started.json()) as { id: string }
  const browser = await launchChromium()
  const page = await browser.newPage()
  await page.goto(`${demoOrigin}/?user=bruno`)
  await page.locator('parley-launcher [part="button"]').click()
  await page.locator('parley-inbox .item', { hasText: 'Bench' }).click()
  await page.locator('parley-inbox [part~="bubble"]', { hasText: 'start' }).waitFor()
  // The page notes when each message appears in Bruno's thread.
  await page.evaluate(() => {
    const seen: Record<string, number> = ((window as any).seen = {})
    const inbox = document
      .querySelector('parley-launcher')!
      .shadowRoot!.querySelector('parley-inbox')!
    const thread = inbox.shadowRoot!.querySelector('[part="messages"]')!
    new MutationObserver(() => {
      for (const body of thread.querySelectorAll('.body')) {
        const text = body.textContent ?? ''
        if (text.startsWith('bench-') && !seen[text])
          seen[text] = performance.timeOrigin + performance.now()
      }
    }).observe(thread, { childList: true, subtree: true })
  })
  say("inbox: 60 messages from Ana to Bruno's open thread")
  const latencies: number[] = []
  for (let i = 0; i < 60; i++) {
    const text = `bench-${i}`
    const sentAt = performance.timeOrigin + performance.now()
    await fetch(`${base}/v1/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${ana.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: text }),
    })
    await page.waitForFunction((t) => (window as any).seen[t], text, { timeout: 10_000 })
    const shownAt = await page.evaluate((t) => (window as any).seen[t], text)
    if (i >= 10) latencies.push(shownAt - sentAt)
    await new Promise((r) => setTimeout(r, 30))
  }
  await browser.close()
  demo.close()
  latencies.sort((a, b) => a - b)
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]
  results.push([
    "inbox: POST message to other member's widget, p50 / p99 (goal p99 < 100 ms)",
    `${at(0.5).toFixed(1)} / ${at(0.99).toFixed(1)} ms`,
  ])
}
