/*
|--------------------------------------------------------------------------
| npm run docs:widgets   (node bin/widget_docs.ts [path/to/custom-elements.json])
|--------------------------------------------------------------------------
|
| Writes docs/widgets/<tag>.md for each public widget and docs/widgets/README.md, from the
| custom-elements manifest (`npm run manifest`): attributes, properties, methods, events with
| their fields, CSS parts, CSS custom properties, slots, and the screenshots under
| docs/screenshots/<widget>/. The pages are never edited by hand: a test regenerates them and fails
| when a committed page differs. Public members the manifest has no description for are listed on
| stderr (their JSDoc is what to fix).
|
*/

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import * as prettier from 'prettier'
import ts from 'typescript'

const root = new URL('../', import.meta.url).pathname

/** The elements a reseller places (docs/embedding.md), in the order the index lists them. */
export const PUBLIC_WIDGETS = [
  'parley-launcher',
  'parley-inbox',
  'parley-chat',
  'parley-recorder',
  'parley-campaigns',
  'parley-billing',
  'parley-account',
] as const

interface Documented {
  name: string
  description?: string
  type?: { text: string }
  default?: string
  inheritedFrom?: { name: string; module?: string }
}
interface Member extends Documented {
  kind: 'field' | 'method'
  privacy?: 'private' | 'protected' | 'public'
  static?: boolean
  readonly?: boolean
  attribute?: string
  reflects?: boolean
  parameters?: Documented[]
  return?: { type?: { text: string } }
}
interface Declaration extends Documented {
  kind: string
  tagName?: string
  customElement?: boolean
  attributes?: (Documented & { fieldName?: string })[]
  members?: Member[]
  events?: Documented[]
  cssParts?: Documented[]
  cssProperties?: Documented[]
  slots?: Documented[]
  superclass?: { name: string; module?: string }
}
export interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[]
}

/** A field an event carries (`event.count`), from its class's `public` constructor parameters. */
interface EventField {
  name: string
  type: string
}

const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim()
/** Table cells: one line, pipes escaped (also inside code spans, as GitHub's tables need). */
const cell = (text = '') => oneLine(text).replace(/\|/g, '\\|') || ' '
const code = (text?: string) => (text ? `\`${oneLine(text).replace(/\|/g, '\\|')}\`` : ' ')
const isPublic = (m: Member) => !m.privacy && !m.static && !m.name.startsWith('#')

function table(head: string[], rows: string[][]) {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n')
}

/** `parley-campaigns` → `ParleyCampaigns`: the React and Vue component of @parley/sdk. */
const componentName = (tag: string) =>
  tag
    .split('-')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')

const firstSentence = (text = '') => {
  const line = oneLine(text)
  const end = line.search(/\.(\s|$)/)
  return end === -1 ? line : line.slice(0, end + 1)
}

/** Event classes of the manifest by event name (their `static readonly type`). */
function eventClasses(manifest: Manifest) {
  const found = new Map<string, { module: string; declaration: Declaration }>()
  for (const mod of manifest.modules)
    for (const declaration of mod.declarations ?? []) {
      const type = declaration.members?.find((m) => m.static && m.name === 'type')?.default
      const name = type?.match(/^'(parley-[a-z-]+)'$/)?.[1]
      if (name) found.set(name, { module: mod.path, declaration })
    }
  return found
}

/**
 * The fields an event class sets from `public` constructor parameters, its own and those of
 * superclasses in the same file (campaign events share `campaignId` and `status`). The manifest
 * does not carry parameter properties, so they are read from the source.
 */
function eventFields(modulePath: string, className: string): EventField[] {
  const source = ts.createSourceFile(
    modulePath,
    readFileSync(join(root, modulePath), 'utf8'),
    ts.ScriptTarget.Latest,
    true
  )
  const classes = new Map<string, ts.ClassDeclaration>()
  source.forEachChild((node) => {
    if (ts.isClassDeclaration(node) && node.name) classes.set(node.name.text, node)
  })
  const fields: EventField[] = []
  for (let name: string | undefined = className; name && classes.has(name);) {
    const node: ts.ClassDeclaration = classes.get(name)!
    const constructor = node.members.find(ts.isConstructorDeclaration)
    for (const parameter of constructor?.parameters ?? []) {
      const isPublicProperty = ts
        .getModifiers(parameter)
        ?.some((m) => m.kind === ts.SyntaxKind.PublicKeyword)
      if (
        isPublicProperty &&
        !fields.some((f) => f.name.replace('?', '') === parameter.name.getText())
      )
        fields.push({
          name: `${parameter.name.getText()}${parameter.questionToken ? '?' : ''}`,
          type: parameter.type?.getText() ?? 'unknown',
        })
    }
    const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
    name = heritage?.types[0]?.expression.getText()
  }
  return fields
}

/** PNGs of a widget's states: `<state>-<width>-<scheme>[-<lang>].png`, grouped by state. */
function screenshots(widget: string) {
  const dir = join(root, 'docs/screenshots', widget)
  if (!existsSync(dir)) return []
  const states = new Map<string, Set<string>>()
  for (const file of readdirSync(dir).sort()) {
    const match = file.match(/^(.+)-(\d+)-(light|dark)(-[a-z]{2})?\.png$/)
    if (!match) continue
    if (!states.has(match[1])) states.set(match[1], new Set())
    states.get(match[1])!.add(file)
  }
  return [...states].map(([state, files]) => ({ state, files }))
}

function screenshotSection(widget: string) {
  const states = screenshots(widget)
  if (!states.length) return []
  const widths = [
    ...new Set(
      states.flatMap(({ files }) => [...files].map((f) => Number(f.match(/-(\d+)-/)![1])))
    ),
  ].sort((a, b) => b - a)
  const columns = widths.flatMap((width) =>
    (['light', 'dark'] as const).map((scheme) => ({ width, scheme }))
  )
  const label = (width: number) => (width >= 1000 ? `${width} px` : `${width} px (phone)`)
  const rows = states.map(({ state, files }) => [
    `\`${state}\``,
    ...columns.map(({ width, scheme }) => {
      const file = `${state}-${width}-${scheme}.png`
      return files.has(file)
        ? `![${state}, ${width} px, ${scheme}](../screenshots/${widget}/${file})`
        : ' '
    }),
  ])
  return [
    '## Screenshots',
    '',
    `Every state at desktop and phone widths, light and dark (\`npm run screenshots\` writes them from Storybook; the Spanish ones are in [docs/screenshots](../screenshots/README.md)).`,
    '',
    table(['state', ...columns.map(({ width, scheme }) => `${label(width)}, ${scheme}`)], rows),
  ]
}

/** One widget's page, and the public members it found without a description. */
function widgetPage(declaration: Declaration, events: ReturnType<typeof eventClasses>) {
  const tag = declaration.tagName!
  const widget = tag.replace(/^parley-/, '')
  const missing: string[] = []
  const described = (what: string, item: Documented) => {
    if (!oneLine(item.description)) missing.push(`${tag} ${what} ${item.name}`)
    return cell(item.description)
  }
  const inherited = (item: Documented) => (item.inheritedFrom ? ' (every widget)' : '')

  const lines: string[] = [
    `# \`<${tag}>\``,
    '',
    '<!-- Generated by bin/widget_docs.ts from custom-elements.json (npm run docs:widgets): edit the element’s JSDoc, not this file. -->',
    '',
    oneLine(declaration.description) || '(no description in the manifest)',
    '',
    '```html',
    `<${tag}></${tag}>`,
    '```',
    '',
    `Placed with the script tag ([quick start](../quickstart.md), [embedding](../embedding.md)), \`Parley.mount('${widget}', container)\`, or as \`${componentName(tag)}\` from \`@parley/sdk/react\` and \`@parley/sdk/vue\` ([frameworks](../frameworks.md)).`,
  ]

  const attributes = declaration.attributes ?? []
  if (attributes.length)
    lines.push(
      '',
      '## Attributes',
      '',
      table(
        ['attribute', 'property', 'type', 'default', 'description'],
        attributes.map((a) => [
          `\`${a.name}\``,
          a.fieldName ? `\`${a.fieldName}\`` : ' ',
          code(a.type?.text),
          code(a.default),
          described('attribute', a) + inherited(a),
        ])
      )
    )

  const members = (declaration.members ?? []).filter(isPublic)
  const fields = members.filter((m) => m.kind === 'field')
  if (fields.length)
    lines.push(
      '',
      '## Properties',
      '',
      table(
        ['property', 'attribute', 'type', 'default', 'description'],
        fields.map((f) => [
          `\`${f.name}\``,
          f.attribute
            ? `\`${f.attribute}\`${f.reflects ? ' (reflected)' : ''}`
            : f.readonly
              ? 'read-only'
              : ' ',
          code(f.type?.text),
          code(f.default),
          described('property', f) + inherited(f),
        ])
      )
    )

  const methods = members.filter((m) => m.kind === 'method')
  if (methods.length)
    lines.push(
      '',
      '## Methods',
      '',
      table(
        ['method', 'description'],
        methods.map((m) => [
          `\`${m.name}(${(m.parameters ?? []).map((p) => `${p.name}${p.type ? `: ${p.type.text}` : ''}`).join(', ')})\``.replace(
            /\|/g,
            '\\|'
          ),
          described('method', m),
        ])
      )
    )

  const elementEvents = declaration.events ?? []
  if (elementEvents.length)
    lines.push(
      '',
      '## Events',
      '',
      'Every event bubbles and crosses the shadow boundary (listen on the element, on `document` or with `Parley.on`). What it carries is on the event object itself (`event.count`), not in `detail`.',
      '',
      table(
        ['event', 'fields', 'when'],
        elementEvents.map((e) => {
          const found = events.get(e.name)
          const carried = found
            ? eventFields(found.module, found.declaration.name)
                .map((f) => code(`${f.name}: ${f.type}`))
                .join('<br>') || 'none'
            : ' '
          return [`\`${e.name}\``, carried, described('event', e)]
        })
      )
    )

  const parts = declaration.cssParts ?? []
  if (parts.length)
    lines.push(
      '',
      '## CSS parts',
      '',
      `Style them from your page with \`${tag}::part(name)\` ([theming](../theming.md)).`,
      '',
      table(
        ['part', 'description'],
        parts.map((p) => [`\`${p.name}\``, described('part', p)])
      )
    )

  const properties = declaration.cssProperties ?? []
  if (properties.length)
    lines.push(
      '',
      '## CSS custom properties',
      '',
      `Set them on the element or an ancestor; the theme's tokens (every \`--parley-*\` of [theming](../theming.md)) apply too.`,
      '',
      table(
        ['property', 'description'],
        properties.map((p) => [`\`${p.name}\``, described('CSS property', p) + inherited(p)])
      )
    )

  const slots = declaration.slots ?? []
  if (slots.length)
    lines.push(
      '',
      '## Slots',
      '',
      table(
        ['slot', 'description'],
        slots.map((s) => [s.name ? `\`${s.name}\`` : '(default)', described('slot', s)])
      )
    )

  lines.push('', ...screenshotSection(widget), '')
  return { text: lines.join('\n'), missing }
}

function indexPage(declarations: Declaration[]) {
  return [
    '# Widgets',
    '',
    '<!-- Generated by bin/widget_docs.ts from custom-elements.json (npm run docs:widgets). -->',
    '',
    "The elements a reseller places in its pages. Each page lists the element's attributes, properties, methods, events, CSS parts, CSS custom properties and slots, from the elements' own documentation (the custom-elements manifest, `npm run manifest`), and its screenshots.",
    '',
    table(
      ['element', 'React / Vue component', 'what it is'],
      declarations.map((d) => [
        `[\`<${d.tagName}>\`](${d.tagName}.md)`,
        `\`${componentName(d.tagName!)}\``,
        cell(firstSentence(d.description)),
      ])
    ),
    '',
    'How to add them: [quick start](../quickstart.md) and [embedding](../embedding.md); in React and Vue: [frameworks](../frameworks.md); colours, fonts and dark mode: [theming](../theming.md).',
    '',
  ].join('\n')
}

/** Every page, by path from the repository root, formatted as prettier would. */
export async function widgetPages(manifest: Manifest) {
  const declarations = PUBLIC_WIDGETS.map((tag) => {
    const found = manifest.modules
      .flatMap((m) => m.declarations ?? [])
      .find((d) => d.customElement && d.tagName === tag)
    if (!found) throw new Error(`custom-elements.json has no <${tag}>`)
    return found
  })
  const events = eventClasses(manifest)
  const options = {
    ...(await prettier.resolveConfig(join(root, 'docs/widgets/README.md'))),
    parser: 'markdown',
  }
  const pages: Record<string, string> = {}
  const missing: string[] = []
  for (const declaration of declarations) {
    const page = widgetPage(declaration, events)
    pages[`docs/widgets/${declaration.tagName}.md`] = await prettier.format(page.text, options)
    missing.push(...page.missing)
  }
  pages['docs/widgets/README.md'] = await prettier.format(indexPage(declarations), options)
  return { pages, missing }
}

export function readManifest(path = join(root, 'custom-elements.json')): Manifest {
  return JSON.parse(readFileSync(path, 'utf8'))
}

if (process.argv[1] && relative(root, process.argv[1]) === 'bin/widget_docs.ts') {
  const { pages, missing } = await widgetPages(readManifest(process.argv[2]))
  mkdirSync(join(root, 'docs/widgets'), { recursive: true })
  for (const [path, text] of Object.entries(pages)) writeFileSync(join(root, path), text)
  console.log(`Wrote ${Object.keys(pages).length} pages to docs/widgets/`)
  if (missing.length)
    console.error(`No description in the manifest (${missing.length}):\n  ${missing.join('\n  ')}`)
}
