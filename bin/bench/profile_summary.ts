/*
|--------------------------------------------------------------------------
| Where a server's CPU time went
|--------------------------------------------------------------------------
|
| node --import=@poppinss/ts-exec bin/bench/profile_summary.ts <file.cpuprofile> [--top N]
|   [--under <function name>] [--requests N]
|
| Reads a V8 CPU profile (written by `BENCH_PROFILE=1 npm run bench`, or any `node --cpu-prof`)
| and prints the busy time by package (our own code by folder) and the functions with the most
| self time, and the same in a few kinds of work (socket I/O, the database driver, the ORM, the
| framework, our code…). `--requests N` also prints each kind's CPU per request (N answered while
| profiled). `--under X` keeps only samples whose stack passes through a function named X (a
| synchronous part of a controller action, say).
|
*/

import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
const option = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
if (!file) {
  console.error('usage: profile_summary.ts <file.cpuprofile> [--top N] [--under <function>]')
  process.exit(1)
}
const top = Number(option('top') ?? 25)
const requests = Number(option('requests') ?? 0)
const under = option('under')

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parent = new Map<number, number>()
for (const node of profile.nodes)
  for (const child of node.children ?? []) parent.set(child, node.id)

/** Where a frame's code lives: a package, one of our folders, Node itself, or V8's states. */
function placeOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)'
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (modules) return modules[1]
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`
  const ours = /\/(server\/(?:app\/[^/]+|[^/]+)|widgets|embed|bin)\//.exec(url)
  return ours ? ours[1] : url
}

const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeUtf8String', 'writeLatin1String'])
const MODULE_LOADING =
  /^node:internal\/modules\/|^(makeSyncRequest|compileSourceTextModule|waitForWorker|wrapSafe|readFileUtf8)$/

/** A coarse kind of work, to compare two servers doing the same requests. */
function kindOf(place: string, name: string, url: string): string {
  if (SOCKET_WRITES.has(name) || name === 'onStreamRead') return 'socket reads and writes (kernel)'
  if (name === '(garbage collector)') return 'garbage collection'
  if (MODULE_LOADING.test(url) || MODULE_LOADING.test(name)) return 'module loading (start-up)'
  if (/^(pg|pg-protocol|pg-types|postgres-\w+|pg-pool)$/.test(place))
    return 'PostgreSQL driver (pg)'
  if (/^(knex|@adonisjs\/lucid|tarn|luxon)$/.test(place))
    return 'ORM and query builder (Lucid, knex, luxon)'
  if (
    /^(@adonisjs|@poppinss|@vinejs|@boringnode|pino|@pinojs)/.test(place) ||
    /^[a-z-]+$/.test(place)
  )
    return 'framework and libraries'
  if (/^(server|bin|widgets|embed)/.test(place)) return 'Parley code (or the bare server)'
  if (place.startsWith('node:')) return 'Node.js (http, streams, events)'
  return 'other (V8, microtasks, native)'
}

const passesThrough = (id: number) => {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
    if (byId.get(at)!.callFrame.functionName === under) return true
  return false
}

const self = new Map<string, number>()
const places = new Map<string, number>()
const kinds = new Map<string, number>()
let total = 0
let idle = 0
for (const [i, id] of profile.samples.entries()) {
  const delta = profile.timeDeltas[i] ?? 0
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame
  if (functionName === '(idle)') {
    idle += delta
    continue
  }
  if (under && !passesThrough(id)) continue
  total += delta
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${lineNumber + 1}`
  self.set(key, (self.get(key) ?? 0) + delta)
  const place = placeOf(url, functionName)
  places.set(place, (places.get(place) ?? 0) + delta)
  const kind = kindOf(place, functionName, url)
  kinds.set(kind, (kinds.get(kind) ?? 0) + delta)
}

const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`
const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`
const print = (title: string, rows: Map<string, number>) => {
  console.log(`\n${title}`)
  for (const [key, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${pct(us).padStart(6)}  ${ms(us).padStart(9)}  ${key}`)
}

console.log(
  `${file}: busy ${ms(total)}${under ? ` under ${under}` : ''}, idle ${ms(idle)} ` +
    `(${profile.samples.length} samples)`
)
print('By kind of work (self time)', kinds)
if (requests) {
  console.log(`\nPer request (${requests} answered)`)
  for (const [kind, us] of [...kinds].sort((a, b) => b[1] - a[1]))
    console.log(`  ${(us / requests).toFixed(0).padStart(6)} µs  ${kind}`)
  console.log(`  ${(total / requests).toFixed(0).padStart(6)} µs  in all`)
}
print('By package or folder (self time)', places)
print('Functions (self time)', self)
