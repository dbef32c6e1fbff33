/// <reference lib="dom" />
// Playwright runs the callbacks of evaluate() and waitForFunction() in the page.

import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { build } from 'vite'
import { launchChromium } from '#lib/chromium'
import { freePort } from '#lib/local_services'
import { makeTenant } from '#tests/helpers'
import { buildWidgets } from '#tests/e2e/browser'

/*
 * @parley/sdk as a reseller gets it: built, packed, and the tarball installed with React, React
 * DOM and Vue from the npm registry into a throwaway project; then rendered on a server (no
 * crash, no browser global read), run in Chromium against this server (events reach the
 * framework's handlers; remounts keep one realtime stream, which closes when no widget is left),
 * and its typings compiled with tsc (every documented attribute and event compiles, misspelt
 * ones do not).
 */

const run = promisify(execFile)
const root = new URL('../../../', import.meta.url).pathname
const fixtures = join(root, 'embed/package/test-fixtures')
const api = () => `http://127.0.0.1:${process.env.PORT}`

/** Serves a built app's folder (index.html for every path that is not a file). */
function serveFolder(folder: string, port: number): Promise<Server> {
  const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html' }
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname
    let file = join(folder, path)
    if (!file.startsWith(folder) || !(await stat(file).catch(() => null))?.isFile())
      file = join(folder, path.split('/')[1] ?? '', 'index.html')
    response.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream')
    createReadStream(file)
      .on('error', () => response.writeHead(404).end())
      .pipe(response)
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}

/** Builds an app of the throwaway project with Vite into `<project>/site/<name>`. */
async function buildApp(project: string, name: string, entry: string) {
  const source = join(project, `${name}-src`)
  await cp(join(fixtures, entry), join(source, 'main.js'))
  await writeFile(
    join(source, 'index.html'),
    `<!doctype html><div id="root"></div><script type="module" src="./main.js"></script>`
  )
  await build({
    root: source,
    base: `/${name}/`,
    configFile: false,
    logLevel: 'warn',
    build: { outDir: join(project, 'site', name), emptyOutDir: true, target: 'es2022' },
  })
}

/** The page's realtime streams (EventSources), counted by an init script. */
const streams = (page: Page) =>
  page.evaluate(() => {
    const all = (window as any).__streams as EventSource[]
    return { created: all.length, open: all.filter((s) => s.readyState !== 2).length }
  })

async function openApp(browser: Browser, url: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.addInitScript(() => {
    const Native = window.EventSource
    const all: EventSource[] = ((window as any).__streams = [])
    window.EventSource = class extends Native {
      constructor(source: string | URL, init?: EventSourceInit) {
        super(source, init)
        all.push(this)
      }
    }
  })
  await page.goto(url)
  return { page, errors, close: () => context.close() }
}

/**
 * What both frameworks must do in the browser: the launcher's event reaches the app's handler;
 * StrictMode's double mount and a remount of the widgets keep one stream; unmounting every
 * widget closes it, and mounting again opens one.
 */
async function checkApp(browser: Browser, url: string, assert: any) {
  const { page, errors, close } = await openApp(browser, url)
  const liveStream = () =>
    page.waitForFunction(
      () => (window as any).__streams.some((s: EventSource) => s.readyState === 1),
      null,
      { timeout: 15_000 }
    )
  const noOpenStream = () =>
    page.waitForFunction(
      () => (window as any).__streams.every((s: EventSource) => s.readyState === 2),
      null,
      { timeout: 10_000 }
    )

  await page.locator('parley-inbox').evaluate((el) => customElements.whenDefined(el.localName))
  await liveStream()
  await page.locator('parley-launcher [part="button"]').click()
  await page.waitForFunction(() => (window as any).__events.some((e: any[]) => e[0] === 'opened'))
  assert.deepInclude(await page.evaluate(() => (window as any).__events), ['opened', 'account'])
  await page.locator('parley-account [part="name"]').waitFor()
  assert.deepEqual(await streams(page), { created: 1, open: 1 })

  // New elements for the same widgets (a router's remount): the stream stays, none is added.
  await page.evaluate(() => (window as any).__remount())
  await page.locator('parley-inbox').waitFor()
  await page.waitForTimeout(3000)
  assert.deepEqual(await streams(page), { created: 1, open: 1 })
  assert.equal(await page.locator('parley-inbox').count(), 1)

  // No widget left: the stream closes; widgets back: one stream again.
  await page.evaluate(() => (window as any).__show(false))
  await noOpenStream()
  assert.equal(await page.locator('parley-inbox').count(), 0)
  await page.evaluate(() => (window as any).__show(true))
  await liveStream()
  assert.deepEqual(await streams(page), { created: 2, open: 1 })

  // The whole app unmounted and mounted again (a full client-side navigation).
  await page.evaluate(() => (window as any).__unmountRoot())
  await noOpenStream()
  await page.evaluate(() => (window as any).__mountRoot())
  await liveStream()
  assert.equal((await streams(page)).open, 1)

  assert.deepEqual(errors, [])
  await close()
}

/** Attribute values for a generated sample, from the manifest's type or default. */
function sampleValue(attribute: { type?: { text: string }; default?: string }) {
  const type = (attribute.type?.text ?? 'string').replace(/\s*\|\s*undefined/, '')
  const literal = /^'([^']*)'$/.exec(attribute.default ?? '') ?? /'([^']*)'/.exec(type)
  if (type === 'boolean') return '{true}'
  if (type === 'number') return '{1}'
  return `"${literal ? literal[1] : 'x'}"`
}

const pascal = (kebab: string) =>
  kebab.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase())

/**
 * A TSX file with every public element of the installed manifest, in markup (its attributes and
 * `on<event>` props) and as its React wrapper (its properties and `onParley…` props).
 */
function everyElementSample(manifest: any) {
  let intrinsic = ''
  let wrapped = ''
  const names: string[] = []
  for (const module of manifest.modules)
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) continue
      const name = pascal(declaration.tagName)
      names.push(name)
      const attributes = (declaration.attributes ?? []).filter((a: any) => a.fieldName)
      const events = declaration.events ?? []
      intrinsic += `  <${declaration.tagName}\n${attributes.map((a: any) => `    ${a.name}=${sampleValue(a)}\n`).join('')}${events.map((e: any) => `    on${e.name}={(event) => event.type}\n`).join('')}  />\n`
      wrapped += `  <${name}\n${attributes.map((a: any) => `    ${a.fieldName}=${sampleValue(a)}\n`).join('')}${events.map((e: any) => `    on${pascal(e.name)}={(event) => event.type}\n`).join('')}  />\n`
    }
  return {
    names,
    source:
      `import type {} from '@parley/sdk/jsx'\nimport { ${names.join(', ')} } from '@parley/sdk/react'\n\n` +
      `export const intrinsic = (\n <>\n${intrinsic} </>\n)\n\nexport const wrapped = (\n <>\n${wrapped} </>\n)\n`,
  }
}

async function tsc(project: string, files: string[]) {
  await writeFile(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files,
    })
  )
  return run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], {
    cwd: project,
  }).then(
    () => ({ ok: true, output: '' }),
    (error) => ({ ok: false, output: `${error.stdout}${error.stderr}` })
  )
}

test.group('@parley/sdk, packed and installed (end to end)', (group) => {
  let project: string
  let browser: Browser
  let appServer: Server
  let appUrl: string
  let hash: string
  let packedBytes = 0
  group.each.timeout(120_000)

  group.setup(async () => {
    project = await mkdtemp(join(tmpdir(), 'parley-sdk-'))
    const packageDir = join(project, 'build', 'package')
    await buildWidgets()
    const { stdout } = await run(
      process.execPath,
      ['--import=@poppinss/ts-exec', 'bin/build_package.ts', '--pack'],
      { cwd: root, env: { ...process.env, PARLEY_PACKAGE_DIR: packageDir } }
    )
    const packed = /packed (\S+\.tgz): (\d+) bytes/.exec(stdout)!
    packedBytes = Number(packed[2])
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'throwaway', private: true, type: 'module' })
    )
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        packed[1],
        'react@19',
        'react-dom@19',
        'vue@3',
        '@types/react@19',
      ],
      { cwd: project, env: { ...process.env, NODE_ENV: 'development' } }
    )

    const port = await freePort()
    appUrl = `http://localhost:${port}`
    const tenant = await makeTenant('Acme', [appUrl])
    const session = await fetch(`${api()}/v1/sessions`, {
      method: 'POST',
      headers: {
        'Authorization': `Bearer ${tenant.secretKey}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        workspace: { id: 'demo-co' },
        user: { id: 'u_ana', name: 'Ana Lima', role: 'owner' },
      }),
    }).then((r) => r.json() as Promise<{ token: string }>)
    hash = new URLSearchParams({
      key: tenant.publishableKey,
      api: api(),
      token: session.token,
    }).toString()
    await buildApp(project, 'react', 'react-app.js')
    await buildApp(project, 'vue', 'vue-app.js')
    appServer = await serveFolder(join(project, 'site'), port)
    browser = await launchChromium()
    return async () => {
      await browser.close()
      await new Promise((resolve) => appServer.close(resolve))
      await rm(project, { recursive: true, force: true })
    }
  })

  test('installs from its tarball with ./react, ./vue, ./jsx, ./server and the manifest', async ({
    assert,
  }) => {
    const installed = JSON.parse(
      await readFile(join(project, 'node_modules/@parley/sdk/package.json'), 'utf8')
    )
    const repository = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
    assert.equal(installed.name, '@parley/sdk')
    assert.equal(installed.version, repository.version)
    assert.includeMembers(Object.keys(installed.exports), [
      '.',
      './react',
      './vue',
      './jsx',
      './server',
      './custom-elements.json',
    ])
    for (const entry of Object.values(installed.exports) as any[])
      if (entry.types)
        assert.isTrue(
          (await stat(join(project, 'node_modules/@parley/sdk', entry.types))).isFile(),
          entry.types
        )
    const manifest = JSON.parse(
      await readFile(join(project, 'node_modules/@parley/sdk/custom-elements.json'), 'utf8')
    )
    const tags = manifest.modules.flatMap((m: any) =>
      (m.declarations ?? []).map((d: any) => d.tagName).filter(Boolean)
    )
    assert.sameMembers(tags, [
      'parley-inbox',
      'parley-chat',
      'parley-launcher',
      'parley-recorder',
      'parley-campaigns',
      'parley-billing',
      'parley-account',
    ])
    console.log(`      @parley/sdk packed: ${packedBytes} bytes`)
    assert.isBelow(packedBytes, 200_000)
  })

  test('renders on the server with React 19 and Vue 3, reading no browser global', async ({
    assert,
  }) => {
    await cp(join(fixtures, 'ssr.mjs'), join(project, 'ssr.mjs'))
    const { stdout } = await run(process.execPath, ['ssr.mjs'], { cwd: project })
    const { reactHtml, vueHtml, touched } = JSON.parse(stdout)
    assert.deepEqual(touched, [])
    assert.include(reactHtml, '<parley-launcher')
    assert.include(reactHtml, '<parley-inbox id="inbox"')
    // Vue writes the properties as the attributes the elements read when they upgrade.
    assert.include(vueHtml, '<parley-launcher widget="account" label="Help">')
    assert.include(vueHtml, '<parley-recorder max-minutes="30" language="es">')
    assert.include(vueHtml, '<parley-inbox compact>')
  })

  test('React 19 in Chromium: events reach the props, remounts keep one stream, unmount closes it', async ({
    assert,
  }) => {
    await checkApp(browser, `${appUrl}/react/#${hash}`, assert)
  })

  test('Vue 3 in Chromium: events reach the emits, remounts keep one stream, unmount closes it', async ({
    assert,
  }) => {
    await checkApp(browser, `${appUrl}/vue/#${hash}`, assert)
  })

  test('the typings compile for every documented attribute and event, and refuse misspelt ones', async ({
    assert,
  }) => {
    const manifest = JSON.parse(
      await readFile(join(project, 'node_modules/@parley/sdk/custom-elements.json'), 'utf8')
    )
    const sample = everyElementSample(manifest)
    assert.lengthOf(sample.names, 7)
    await writeFile(join(project, 'every-element.tsx'), sample.source)
    await cp(join(fixtures, 'types-ok.tsx'), join(project, 'types-ok.tsx'))
    const ok = await tsc(project, ['every-element.tsx', 'types-ok.tsx'])
    assert.isTrue(ok.ok, ok.output)

    const misspelt: Record<string, string> = {
      'types-bad-attribute.tsx': 'conversaton',
      'types-bad-event.tsx': 'onParleyUnreadChange',
      'types-bad-listener.tsx': "'widget'",
      'types-bad-value.tsx': '"top-right"',
    }
    // One run for the four (tsc is slow on this machine): each file must have its own error, on
    // the misspelt name.
    for (const file of Object.keys(misspelt)) await cp(join(fixtures, file), join(project, file))
    const bad = await tsc(project, Object.keys(misspelt))
    assert.isFalse(bad.ok)
    for (const [file, culprit] of Object.entries(misspelt)) {
      const errors = bad.output.split('\n').filter((line) => line.startsWith(`${file}(`))
      assert.isNotEmpty(errors, `${file} compiled`)
      assert.include(errors.join('\n'), culprit, file)
    }
  })
})
