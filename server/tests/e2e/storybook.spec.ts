/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'playwright-core'
import { freePort } from '#lib/local_services'
import { launchChromium } from '#lib/chromium'

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

/** Serves storybook-static the way any static host would. */
function serveStatic(root: string, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = normalize(
      decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    ).replace(/^(\.\.[/\\])+/, '')
    try {
      const body = await readFile(join(root, path.endsWith('/') ? `${path}index.html` : path))
      res
        .writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
        .end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}

test.group('Storybook', (group) => {
  let browser: Browser
  let server: Server
  let base: string

  group.setup(async () => {
    await promisify(execFile)(
      'npx',
      ['storybook', 'build', '-c', 'storybook', '-o', 'storybook-static', '--quiet'],
      {
        maxBuffer: 20 * 1024 * 1024,
      }
    )
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    server = await serveStatic('storybook-static', port)
    browser = await launchChromium()
    return async () => {
      await browser.close()
      await new Promise((r) => server.close(r))
    }
  })

  test('builds offline, and every story of every element renders without an error, in every toolbar setting', async ({
    assert,
  }) => {
    const index = JSON.parse(await readFile('storybook-static/index.json', 'utf8'))
    const stories = Object.values(
      index.entries as Record<string, { id: string; type: string; title: string }>
    ).filter((e) => e.type === 'story')
    assert.isAbove(stories.length, 25)
    const titles = new Set(stories.map((s) => s.title))
    for (const title of [
      'Kit/Button',
      'Kit/Input',
      'Kit/List',
      'Kit/Dialog',
      'Kit/Popover',
      'Kit/Toast',
      'Kit/Avatar',
      'Kit/Badge',
      'Kit/State',
      'Widgets/Launcher',
      'Widgets/Account',
      'Widgets/Inbox',
    ]) {
      assert.isTrue(titles.has(title), `no stories for ${title}`)
    }

    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const settings = ['', 'preset:high-contrast;scheme:dark;locale:es']
    for (const story of stories) {
      for (const globals of settings) {
        await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story&globals=${globals}`)
        await page.waitForFunction(
          () => document.querySelector('#storybook-root')?.querySelector('*') !== null
        )
        const rendered = await page.evaluate(() =>
          [...document.querySelectorAll('#storybook-root *')].some(
            (e) => e.localName.startsWith('parley-') && e.shadowRoot
          )
        )
        assert.isTrue(rendered, `${story.id} rendered no Parley element`)
      }
    }
    assert.deepEqual(errors, [])
    await page.close()
    // Two page loads per story, ~100 stories with campaigns, billing and the console: past the e2e
    // suite's 2 minutes on a 2-core machine.
  }).timeout(10 * 60_000)
})
