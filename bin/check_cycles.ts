/*
|--------------------------------------------------------------------------
| node bin/check_cycles.ts   (run by npm run lint)
|--------------------------------------------------------------------------
|
| Fails when code imports in a circle (type-only and dynamic imports count: a cycle of types is
| still two files that cannot be understood apart), or when a widget imports another widget's
| folder instead of the kit. Reads widgets/, embed/, themes/ and the server (its `#alias/*`
| imports resolved through package.json) with TypeScript's own import scanner.
|
*/

import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

const root = resolve(new URL('../', import.meta.url).pathname)
const FOLDERS = [
  'widgets',
  'embed',
  'themes',
  'server/app',
  'server/start',
  'server/lib',
  'server/providers',
]

/** package.json `imports`: `#services/*` → `server/app/services/*.js`, read as the .ts beside it. */
const aliases = Object.entries(
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).imports as Record<string, string>
).map(([pattern, target]) => {
  const [before, after] = target.replace(/^\.\//, '').split('*')
  return { prefix: pattern.replace('*', ''), before, after: after.replace(/\.js$/, '.ts') }
})

function resolveImport(file: string, name: string): string | null {
  if (name.startsWith('.')) {
    return relative(root, resolve(root, dirname(file), name)).replace(/\.js$/, '.ts')
  }
  const alias = aliases.find((a) => name.startsWith(a.prefix))
  return alias ? `${alias.before}${name.slice(alias.prefix.length)}${alias.after}` : null
}

function files(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path)
    return /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [path] : []
  })
}

const graph = new Map<string, string[]>()
for (const file of FOLDERS.flatMap(files)) {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true)
  graph.set(
    file,
    importedFiles
      .map((i) => resolveImport(file, i.fileName))
      .filter((target): target is string => target !== null)
  )
}

const problems: string[] = []

// Widgets share through the kit only. The partner console (widgets/console, its own bundle) is
// no widget: its theme preview mounts the real widgets on their fixtures.
const widgetOf = (file: string) => /^widgets\/(?!kit\/|console\/)([^/]+)\//.exec(file)?.[1]
for (const [file, imports] of graph)
  for (const target of imports)
    if (widgetOf(file) && widgetOf(target) && widgetOf(file) !== widgetOf(target))
      problems.push(`${file} imports another widget's ${target}`)

// Cycles: a depth-first walk; a file met again while still on the path closes one.
const state = new Map<string, 'open' | 'done'>()
const path: string[] = []
function visit(file: string) {
  state.set(file, 'open')
  path.push(file)
  for (const next of graph.get(file) ?? []) {
    if (!graph.has(next)) continue
    if (state.get(next) === 'open')
      problems.push(`cycle: ${[...path.slice(path.indexOf(next)), next].join(' → ')}`)
    else if (!state.has(next)) visit(next)
  }
  path.pop()
  state.set(file, 'done')
}
for (const file of graph.keys()) if (!state.has(file)) visit(file)

if (problems.length) {
  console.error(`[imports] ${problems.length} problem(s):\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `[imports] ${graph.size} files in ${FOLDERS.join(', ')}: no cycle, no widget imports another`
)
