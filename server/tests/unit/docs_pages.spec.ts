import { test } from '@japa/runner'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { readManifest, widgetPages } from '../../../bin/widget_docs.js'

const root = new URL('../../../', import.meta.url).pathname

test.group('Docs pages', () => {
  test('docs/widgets/ is what bin/widget_docs.ts writes from the elements as they are now', async ({
    assert,
    cleanup,
  }) => {
    // A manifest of its own (custom-elements.json at the root is the last build's, maybe stale).
    const outdir = `tmp/widget-docs-${process.pid}`
    cleanup(() => rmSync(join(root, outdir), { recursive: true, force: true }))
    execFileSync(
      process.execPath,
      [
        'node_modules/@custom-elements-manifest/analyzer/cem.js',
        'analyze',
        '--config',
        'custom-elements-manifest.config.mjs',
        '--quiet',
        '--outdir',
        outdir,
      ],
      { cwd: root, stdio: 'pipe' }
    )
    const { pages } = await widgetPages(readManifest(join(root, outdir, 'custom-elements.json')))

    const stale = Object.entries(pages)
      .filter(
        ([path, text]) =>
          !existsSync(join(root, path)) || readFileSync(join(root, path), 'utf8') !== text
      )
      .map(([path]) => path)
    assert.deepEqual(stale, [], 'run npm run docs:widgets and commit docs/widgets/')
    const extra = readdirSync(join(root, 'docs/widgets'))
      .map((file) => `docs/widgets/${file}`)
      .filter((path) => !(path in pages))
    assert.deepEqual(extra, [], 'pages in docs/widgets/ the generator no longer writes')
    assert.include(pages['docs/widgets/parley-launcher.md'], '`parley-launcher-opened`')
  }).timeout(120_000)
})
