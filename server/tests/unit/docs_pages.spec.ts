import { test } from '@japa/runner'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { readManifest, widgetPages } from '../../../bin/widget_docs.js'

const root = new URL('../../../', import.meta.url).pathname

/** The docs issue 18 added: their relative links must lead to files that exist. */
const OWN_DOCS = [
  'README.md',
  'docs/quickstart.md',
  'docs/webhooks.md',
  'docs/security.md',
  'docs/changelog-policy.md',
  ...readdirSync(join(root, 'docs/widgets')).map((file) => `docs/widgets/${file}`),
]

/** Relative link targets of a markdown file (`[text](target)`, images too): file and #anchor. */
function relativeLinks(markdown: string) {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')
  return [...withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((target) => {
      const [file, anchor] = target.split('#')
      return { file: decodeURI(file), anchor }
    })
}

/** The #anchors GitHub gives a markdown file's headings. */
function headingAnchors(markdown: string) {
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '')
  return new Set(
    [...withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) =>
      m[1]
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-')
    )
  )
}

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
  test('every relative link in the integration docs leads to a file (and heading) that exists', async ({
    assert,
  }) => {
    const broken: string[] = []
    for (const doc of OWN_DOCS) {
      const text = readFileSync(join(root, doc), 'utf8')
      for (const { file, anchor } of relativeLinks(text)) {
        const target = file ? join(root, dirname(doc), file) : join(root, doc)
        if (!existsSync(target)) broken.push(`${doc} → ${file}`)
        else if (
          anchor &&
          target.endsWith('.md') &&
          !headingAnchors(readFileSync(target, 'utf8')).has(anchor)
        )
          broken.push(`${doc} → ${file}#${anchor}`)
      }
    }
    assert.deepEqual(broken, [])
  })

  test('the link check sees missing files and headings', async ({ assert }) => {
    assert.deepEqual(
      relativeLinks(
        '[a](missing.md#x) [b](https://x.test) ![c](../img.png) `[d](no.md)` [e](#here)'
      ),
      [
        { file: 'missing.md', anchor: 'x' },
        { file: '../img.png', anchor: undefined },
        { file: '', anchor: 'here' },
      ]
    )
    assert.isTrue(headingAnchors('## 6. Content-Security-Policy').has('6-content-security-policy'))
    assert.isFalse(headingAnchors('## Sessions').has('6-content-security-policy'))
  })
})
