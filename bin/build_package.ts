/*
|--------------------------------------------------------------------------
| npm run build:package [-- --pack]
|--------------------------------------------------------------------------
|
| Builds the publishable npm package @parley/sdk into dist/package (PARLEY_PACKAGE_DIR):
|   .                        init() (the loader as a module) and the public elements' types
|   ./react, ./vue           wrappers generated from custom-elements.json (embed/package/codegen.ts)
|   ./jsx                    JSX.IntrinsicElements and Vue GlobalComponents (types only)
|   ./server                 the typed server client and webhook verification (embed/server-client)
|   ./custom-elements.json   the manifest itself
| With --pack, `npm pack`s it into dist/ and prints the tarball's path and size.
|
*/

import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import * as prettier from 'prettier'
import { writeElementsManifest } from './elements_manifest.js'
import {
  elementsSource,
  jsxSource,
  publicElements,
  publicManifest,
  reactSource,
  vueSource,
  type Manifest,
} from '../embed/package/codegen.js'

const root = new URL('../', import.meta.url).pathname
const outDir = resolve(root, process.env.PARLEY_PACKAGE_DIR ?? 'dist/package')
const generated = join(root, 'embed/package/generated')
const serverEntry = join(root, 'embed/server-client/index.ts')

/** The widgets' TypeScript (path from the root → text), tests and stories aside. */
async function widgetSources() {
  const sources: Record<string, string> = {}
  for (const entry of await readdir(join(root, 'widgets'), { recursive: true })) {
    if (!entry.endsWith('.ts') || /\.(test|stories)\.ts$/.test(entry)) continue
    const path = `widgets/${entry.replaceAll('\\', '/')}`
    sources[path] = await readFile(join(root, path), 'utf8')
  }
  return sources
}

writeElementsManifest()
const manifest: Manifest = JSON.parse(await readFile(join(root, 'custom-elements.json'), 'utf8'))
const sources = await widgetSources()
const elements = publicElements(manifest, sources)

// Overwritten in place, not emptied first: two builds at once (a test run beside npm run
// build:package) write the same text, and neither sees the folder missing.
await mkdir(generated, { recursive: true })
/** Writes a generated source as prettier would (the repository's lint reads it too). */
async function writeSource(name: string, text: string) {
  const file = join(generated, name)
  const options = await prettier.resolveConfig(file)
  await writeFile(file, await prettier.format(text, { ...options, filepath: file }))
}

await writeSource('elements.ts', elementsSource(elements, sources))
await writeSource('react.ts', reactSource(elements))
await writeSource('vue.ts', vueSource(elements))
await writeSource('jsx.ts', jsxSource(elements))

// The server client is another module's (embed/server-client): included once it exists.
const withServer = existsSync(serverEntry)
const entries = {
  '.': 'embed/package/index.ts',
  './react': 'embed/package/generated/react.ts',
  './vue': 'embed/package/generated/vue.ts',
  './jsx': 'embed/package/generated/jsx.ts',
  ...(withServer ? { './server': 'embed/server-client/index.ts' } : {}),
}

await rm(outDir, { recursive: true, force: true })
const scratch = await mkdtemp(join(tmpdir(), 'parley-package-'))
const tsconfig = join(scratch, 'tsconfig.json')
await writeFile(
  tsconfig,
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      types: withServer ? ['node'] : [],
      strict: true,
      declaration: true,
      sourceMap: false,
      skipLibCheck: true,
      isolatedModules: true,
      useDefineForClassFields: false,
      rootDir: root,
      outDir: join(outDir, 'lib'),
      typeRoots: [join(root, 'node_modules/@types')],
    },
    files: Object.values(entries).map((entry) => join(root, entry)),
  })
)
try {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
    cwd: root,
    stdio: 'inherit',
  })
} finally {
  await rm(scratch, { recursive: true, force: true })
}

// Declaration files of the sources (the server client's generated schema.d.ts) are inputs to tsc,
// which does not copy them: the emitted declarations import them.
for (const entry of Object.values(entries)) {
  const folder = entry.slice(0, entry.lastIndexOf('/'))
  for (const file of await readdir(join(root, folder)))
    if (file.endsWith('.d.ts'))
      await cp(join(root, folder, file), join(outDir, 'lib', folder, file))
}

/** The packages the emitted JavaScript imports (`from 'openapi-fetch'`, `from '@lit/react'`…). */
async function importedPackages() {
  const names = new Set<string>()
  for (const file of await readdir(join(outDir, 'lib'), { recursive: true })) {
    if (!file.endsWith('.js')) continue
    const text = await readFile(join(outDir, 'lib', file), 'utf8')
    const statements = /^(?:(?:import|export)\b[^'";=]*?\bfrom\s*|import\s*)['"]([^'"]+)['"]/gm
    for (const [, specifier] of text.matchAll(statements)) {
      if (specifier.startsWith('node:') || specifier.startsWith('.')) continue
      const parts = specifier.split('/')
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0])
    }
  }
  return [...names].sort()
}

const lib = (entry: string) => `./lib/${entry.replace(/\.ts$/, '')}`
const exportsMap: Record<string, unknown> = {}
for (const [name, entry] of Object.entries(entries))
  exportsMap[name] =
    name === './jsx'
      ? { types: `${lib(entry)}.d.ts` }
      : { types: `${lib(entry)}.d.ts`, default: `${lib(entry)}.js` }
exportsMap['./custom-elements.json'] = './custom-elements.json'
exportsMap['./package.json'] = './package.json'

const rootPackage = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
const versionOf = (name: string) =>
  JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'))
    .version as string

// The frameworks are the host app's own: one copy of React or Vue, whichever it uses.
const PEERS: Record<string, string> = { react: '>=18', vue: '^3.3' }
const imported = await importedPackages()

const packageJson = {
  name: '@parley/sdk',
  version: rootPackage.version,
  description:
    "Parley's embeddable widgets for any page: the loader as a module, typed elements, React and Vue wrappers, and a typed server client.",
  license: rootPackage.license,
  type: 'module',
  sideEffects: false,
  customElements: 'custom-elements.json',
  exports: exportsMap,
  files: ['lib', 'custom-elements.json', 'README.md'],
  dependencies: Object.fromEntries(
    imported.filter((name) => !PEERS[name]).map((name) => [name, `^${versionOf(name)}`])
  ),
  peerDependencies: PEERS,
  peerDependenciesMeta: { react: { optional: true }, vue: { optional: true } },
  engines: { node: '>=18' },
}

await writeFile(join(outDir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`)
await writeFile(
  join(outDir, 'custom-elements.json'),
  `${JSON.stringify(publicManifest(manifest), null, 2)}\n`
)
await cp(join(root, 'embed/package/README.md'), join(outDir, 'README.md'))

console.log(
  `[package] ${packageJson.name}@${packageJson.version}: ${elements.map((e) => e.tag).join(', ')}${
    withServer ? ', ./server' : ' (no ./server yet: embed/server-client/index.ts is missing)'
  } → ${relative(root, outDir)}`
)

if (process.argv.includes('--pack')) {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', join(outDir, '..')], {
      cwd: outDir,
      encoding: 'utf8',
    })
  ) as { filename: string; size: number; unpackedSize: number }[]
  console.log(
    `[package] packed ${join(outDir, '..', packed.filename)}: ${packed.size} bytes (${packed.unpackedSize} unpacked)`
  )
}
