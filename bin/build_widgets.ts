/*
|--------------------------------------------------------------------------
| npm run build:widgets
|--------------------------------------------------------------------------
|
| Builds what browsers download, into dist/public (or PARLEY_PUBLIC_DIR):
|   widgets/<name>-<hash>.js   one chunk per widget (immutable, cached for a year)
|   widgets/kit-<hash>.js      Lit and the kit, shared by every widget
|   embed.js                   the loader (short cache), which knows the chunk names
| and custom-elements.json, the elements' API from their JSDoc (Storybook and lint read it).
|
*/

import { writeElementsManifest } from './elements_manifest.js'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { build } from 'vite'

// Browsers always get production builds (Lit's dev mode included), whoever runs this: npm run dev,
// the test suites (NODE_ENV=test) or a deploy.
process.env.NODE_ENV = 'production'

export const WIDGETS: Record<string, string> = {
  launcher: 'widgets/launcher/launcher.ts',
  account: 'widgets/account/account.ts',
  inbox: 'widgets/inbox/inbox.ts',
  chat: 'widgets/chat/chat.ts',
  recorder: 'widgets/recorder/recorder.ts',
  billing: 'widgets/billing/billing.ts',
  campaigns: 'widgets/campaigns/campaigns.ts',
}

/**
 * Chunks follow folders: a module belongs to the chunk of the deepest folder listed here that holds
 * it. `null`: no group, rolldown splits it as the imports go (a chunk of its own when several
 * widgets share it or it is imported on demand, like the realtime client; else the widget's).
 * Anything not listed is the chunk of the widget that imports it.
 */
export const CHUNK_FOLDERS: Record<string, string | null> = {
  // Lit, shared by every widget.
  'node_modules/lit/': 'kit',
  'node_modules/lit-html/': 'kit',
  'node_modules/lit-element/': 'kit',
  'node_modules/@lit/': 'kit',
  // Lit's directives (repeat, live, style-map…): each goes with the widgets that use one.
  'node_modules/lit/directives/': null,
  'node_modules/lit-html/directives/': null,
  'node_modules/lit-html/directive': null,
  'node_modules/lit-html/async-directive': null,
  // The kit: base element, API client, runtime, localize, events, primitives.
  'widgets/kit/': 'kit',
  // Helpers the inbox, the web chat and the recorder share (uploads with progress, local storage
  // that may be refused), without the conversation UI the recorder does not show.
  'widgets/kit/shared/': 'shared',
  // What the inbox and the web chat share: composer, message bubbles, attachments, their strings.
  'widgets/kit/conversation/': 'conversation',
  // Form controls (select, menu, combobox, date-time picker, tag input, confirm dialog), the text
  // field and the modal dialog: outside the kit chunk and its 15 kB budget, and in no group, so a
  // widget downloads only the controls it imports. Rolldown puts a control two widgets use in a
  // chunk of its own (select-*.js, confirm-dialog-*.js, input-*.js) and one used by a single
  // widget in that widget's chunk: the recorder (select, confirm) loads 9 kB less than with one
  // 'controls' chunk, the web chat (text field only) 16 kB less, the inbox the same.
  'widgets/kit/controls/': null,
  'widgets/kit/primitives/input.ts': null,
  'widgets/kit/primitives/dialog.ts': null,
  // Imported on demand by the kit runtime, the first time a widget goes live.
  'widgets/kit/realtime/': null,
  // The tenant's logo and name in a header (web chat and launcher only), and its font, imported
  // by the runtime only when the tenant has one: outside the kit and its budget.
  'widgets/kit/brand.ts': null,
  'widgets/kit/brand-font.ts': null,
}

function chunkOf(id: string) {
  const path = id.replaceAll('\\', '/')
  let best: string | undefined
  for (const folder of Object.keys(CHUNK_FOLDERS))
    if (path.includes(folder) && folder.length > (best?.length ?? 0)) best = folder
  return best === undefined ? undefined : CHUNK_FOLDERS[best]
}

const root = new URL('../', import.meta.url).pathname

// PARLEY_PUBLIC_DIR: another directory (relative to the root), so that two checkouts' test runs
// sharing a working tree do not overwrite each other's chunks; the server reads the same variable.
const outDir = process.env.PARLEY_PUBLIC_DIR ?? 'dist/public'
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'))

writeElementsManifest()

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    modulePreload: false,
    rolldownOptions: {
      input: WIDGETS,
      preserveEntrySignatures: 'strict',
      output: {
        entryFileNames: 'widgets/[name]-[hash].js',
        // A module shared by chunks of different widgets becomes a chunk named after its file
        // (controls.locales once two widgets share the tag input): dots and such become '-'.
        chunkFileNames: (chunk) =>
          `widgets/${chunk.name.replace(/[^a-z0-9-]+/gi, '-').toLowerCase()}-[hash].js`,
        codeSplitting: {
          // Taken in this order, so that a later group never pulls in an earlier one's modules as
          // its own dependencies.
          groups: ['kit', 'shared', 'conversation'].map((name, i, all) => ({
            name,
            priority: all.length - i,
            test: (id: string) => chunkOf(id) === name,
          })),
        },
      },
    },
  },
})

const manifest: Record<string, { file: string; isEntry?: boolean; imports?: string[] }> =
  JSON.parse(await readFile(`${root}${outDir}/.vite/manifest.json`, 'utf8'))
// The server serves only names it recognises (assets_controller.ts): a chunk named otherwise
// would 404 in every browser, so the build stops here instead.
const SERVED = /^[a-z][a-z0-9-]*-[A-Za-z0-9_-]{8}\.js$/
const unserved = Object.values(manifest)
  .map((entry) => entry.file.replace(/^widgets\//, ''))
  .filter((file) => !SERVED.test(file))
if (unserved.length)
  throw new Error(`chunk names the server would not serve: ${unserved.join(', ')}`)

const chunks = Object.fromEntries(
  Object.entries(WIDGETS).map(([name, source]) => [name, `/${manifest[source].file}`])
)

/** The chunks a chunk imports statically, all the way down (its dynamic imports stay lazy). */
function staticImports(key: string, found = new Set<string>()): Set<string> {
  for (const imported of manifest[key].imports ?? []) {
    if (found.has(imported)) continue
    found.add(imported)
    staticImports(imported, found)
  }
  return found
}
// What the loader preloads beside each widget's chunk: the browser would only discover them once
// that chunk has arrived, a round trip later.
const preloads = Object.fromEntries(
  Object.entries(WIDGETS).map(([name, source]) => [
    name,
    [...staticImports(source)].map((key) => `/${manifest[key].file}`),
  ])
)

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  define: {
    __PARLEY_CHUNKS__: JSON.stringify(chunks),
    __PARLEY_PRELOADS__: JSON.stringify(preloads),
    __PARLEY_VERSION__: JSON.stringify(version),
  },
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    lib: {
      entry: 'embed/embed.ts',
      formats: ['iife'],
      name: 'ParleyLoader',
      fileName: () => 'embed.js',
    },
  },
})

await mkdir(`${root}${outDir}`, { recursive: true })
await writeFile(
  `${root}${outDir}/chunks.json`,
  JSON.stringify({ version, chunks, preloads }, null, 2)
)

// The first-party apps, the partner console (/console) and the platform admin (/admin): each its
// own bundle in its own folder, with Lit and the kit (the console also the widgets it previews),
// so they change none of the widget chunks above nor their budgets.
for (const name of ['console', 'admin']) {
  const source = `widgets/${name}/${name}.ts`
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: `${outDir}/${name}`,
      emptyOutDir: true,
      target: 'es2022',
      manifest: true,
      modulePreload: false,
      rolldownOptions: {
        input: { [name]: source },
        output: { entryFileNames: '[name]-[hash].js', chunkFileNames: `${name}-[name]-[hash].js` },
      },
    },
  })
  const appManifest: Record<string, { file: string }> = JSON.parse(
    await readFile(`${root}${outDir}/${name}/.vite/manifest.json`, 'utf8')
  )
  await writeFile(
    `${root}${outDir}/${name}/entry.json`,
    JSON.stringify({ entry: appManifest[source].file })
  )
}
console.log(
  `[widgets] built ${Object.keys(chunks).join(', ')}, embed.js, the console and the admin into ${outDir}`
)
