/*
|--------------------------------------------------------------------------
| npm run build:api-reference
|--------------------------------------------------------------------------
|
| Bundles the API reference page (widgets/api-reference/main.ts: Scalar's renderer) into
| $PARLEY_PUBLIC_DIR/api-reference (default dist/public): hashed JS and CSS served by
| GET /docs/api/assets/:file, and entry.json naming the entry script and its stylesheets for the
| page. Nothing is fetched from elsewhere at run time.
|
*/

import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { build, type Manifest } from 'vite'
import { strictCspPlugin } from '../widgets/api-reference/strict-csp-plugin.js'

const root = resolve(import.meta.dirname, '..')
const outDir = resolve(root, process.env.PARLEY_PUBLIC_DIR ?? 'dist/public', 'api-reference')
const started = Date.now()

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  // Where GET /docs/api/assets/:file serves the files: Vite's loader of lazy CSS asks there.
  base: '/docs/api/assets/',
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [
    strictCspPlugin({
      cacheDir: resolve(root, 'node_modules/.cache/parley-api-reference'),
      adoptedStyle: resolve(root, 'widgets/api-reference/adopted-style.ts'),
    }),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: '',
    manifest: 'manifest.json',
    modulePreload: false,
    chunkSizeWarningLimit: 4096,
    rollupOptions: { input: resolve(root, 'widgets/api-reference/main.ts') },
    target: 'es2022',
  },
})

/** The stylesheets of a chunk and of the chunks it imports statically: the page links them all. */
function stylesOf(key: string, seen = new Set<string>()): string[] {
  if (seen.has(key)) return []
  seen.add(key)
  const chunk = manifest[key]
  return [...(chunk.imports ?? []).flatMap((k) => stylesOf(k, seen)), ...(chunk.css ?? [])].filter(
    (file, i, all) => all.indexOf(file) === i
  )
}

const manifest = JSON.parse(await readFile(resolve(outDir, 'manifest.json'), 'utf8')) as Manifest
const entry = manifest['widgets/api-reference/main.ts']
await writeFile(
  resolve(outDir, 'entry.json'),
  JSON.stringify({ script: entry.file, styles: stylesOf('widgets/api-reference/main.ts') }) + '\n'
)
console.log(
  `[api-reference] built ${entry.file} in ${((Date.now() - started) / 1000).toFixed(1)}s into ${outDir}`
)
