/*
|--------------------------------------------------------------------------
| node bin/check_elements.ts   (run by npm run lint, after the manifest is generated)
|--------------------------------------------------------------------------
|
| Reads custom-elements.json and each element's source, and fails when an element with a shadow
| root has no `base` part, or when it renders a part, dispatches an event or reads a per-widget
| CSS variable that its JSDoc does not document. Elements that render into their widget's root
| (createRenderRoot returns this) have no parts of their own: their widget documents them.
|
*/

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

interface Documented {
  name: string
  description?: string
}
interface Declaration {
  kind: string
  name: string
  tagName?: string
  customElement?: boolean
  cssParts?: Documented[]
  cssProperties?: Documented[]
  events?: Documented[]
  superclass?: { name: string }
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[]
}

const root = new URL('../', import.meta.url).pathname
const manifest: Manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'))
const read = (path: string) => readFileSync(join(root, path), 'utf8')

/** Theme tokens (themes/): documented once, in docs/theming.md, not on every element. */
const GLOBAL_TOKEN =
  /^--parley-(color|space|radius|font|shadow|duration|easing|line|density|focus|z)(-|$)/

/** Event classes of widgets/kit/events/ by class name → their event type. */
const eventTypes = new Map(
  [
    ...read('widgets/kit/events/index.ts').matchAll(
      /class (\w+) extends Event \{\s*static readonly type = '([^']+)'/g
    ),
  ].map((m) => [m[1], m[2]])
)

/** The source of an element and of the styles files it imports. */
function sources(path: string) {
  const text = read(path)
  const styles = [...text.matchAll(/from '(\.[^']+\.styles)\.js'/g)].map((m) =>
    read(join(dirname(path), `${m[1]}.ts`))
  )
  return { text, styles: styles.join('\n') }
}

const problems: string[] = []
let checked = 0
for (const mod of manifest.modules) {
  for (const d of mod.declarations ?? []) {
    if (!d.customElement || !d.tagName) continue
    checked++
    const { text, styles } = sources(mod.path)
    const where = `<${d.tagName}> (${mod.path})`
    const has = (list: Documented[] | undefined, name: string) =>
      list?.some((item) => item.name === name && item.description?.trim())
    const lightDom = /createRenderRoot\(\)[^{]*\{\s*return this\s*\}/.test(text)

    if (!lightDom) {
      const rendered = new Set(
        [...text.matchAll(/\bpart="([^"$]+)"/g)].flatMap((m) => m[1].trim().split(/\s+/))
      )
      if (!rendered.has('base')) problems.push(`${where}: no element has part="base"`)
      for (const part of rendered)
        if (!has(d.cssParts, part)) problems.push(`${where}: part "${part}" has no @csspart`)
      const variables = new Set(
        [...(text + styles).matchAll(/var\((--parley-[a-z0-9-]+)/g)].map((m) => m[1])
      )
      for (const property of variables)
        if (!GLOBAL_TOKEN.test(property) && !has(d.cssProperties, property))
          problems.push(`${where}: reads ${property} without a @cssproperty`)
    }
    const dispatched = new Set([
      ...[...text.matchAll(/new (?:Custom)?Event(?:<[^>]*>)?\('([^']+)'/g)].map((m) => m[1]),
      ...[...text.matchAll(/new (Parley\w+Event)\(/g)].flatMap((m) => eventTypes.get(m[1]) ?? []),
    ])
    for (const event of dispatched)
      if (!has(d.events, event)) problems.push(`${where}: dispatches "${event}" without an @event`)
    for (const list of ['cssParts', 'cssProperties', 'events'] as const)
      for (const item of d[list] ?? [])
        if (!item.description?.trim()) problems.push(`${where}: ${item.name} has no description`)
  }
}

if (checked === 0) problems.push('custom-elements.json lists no elements')
if (problems.length) {
  console.error(`[elements] ${problems.length} problem(s):\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `[elements] ${checked} elements: base parts, parts, events and CSS properties documented`
)
