/**
 * Turns the custom-elements manifest into the package's generated sources: the element
 * interfaces and their events (elements.ts), the React wrappers (react.ts), the Vue components
 * (vue.ts) and the JSX / Vue GlobalComponents typings (jsx.ts). bin/build_package.ts writes them
 * to embed/package/generated/ and compiles them with the hand-written parts.
 *
 * Pure functions of the manifest and the widgets' sources, so that a widget's new attribute or
 * event reaches the package without anyone editing it, and one the package cannot type stops
 * the build instead of shipping as `any`.
 */

/** The widgets a host places (the loader's chunks); every other element is a kit part. */
export const PUBLIC_WIDGETS = [
  'inbox',
  'chat',
  'launcher',
  'recorder',
  'campaigns',
  'billing',
  'account',
] as const

export interface ManifestAttribute {
  name: string
  type?: { text: string }
  description?: string
  fieldName?: string
}

export interface ManifestDeclaration {
  kind: string
  name: string
  tagName?: string
  customElement?: boolean
  description?: string
  attributes?: ManifestAttribute[]
  events?: { name: string; description?: string }[]
  members?: { kind: string; name: string; static?: boolean; default?: string }[]
}

export interface Manifest {
  modules: { path: string; declarations?: ManifestDeclaration[] }[]
}

export interface ElementProp {
  /** The property (what React and Vue props are called). */
  name: string
  /** The attribute it reflects (what plain HTML and JSX intrinsic elements use). */
  attribute: string
  type: string
  description: string
}

export interface ElementEvent {
  name: string
  /** `onParleyUnreadChanged`: the React prop; Vue listens with `@parley-unread-changed`. */
  prop: string
  className: string
  description: string
}

export interface PublicElement {
  widget: string
  tag: string
  /** ParleyInbox: the wrappers' name; the element's interface is ParleyInboxElement. */
  name: string
  description: string
  props: ElementProp[]
  events: ElementEvent[]
}

/** An event class of the widgets' sources: `class X extends … { static readonly type = '…' }`. */
export interface EventClass {
  className: string
  /** Path from the repository root, e.g. widgets/kit/events/index.ts. */
  module: string
}

const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')

/** `parley-unread-changed` → `onParleyUnreadChanged`. */
export const eventProp = (event: string) => `on${pascal(event)}`

/** Event classes declared in `sources` (path → text), by event name. */
export function findEventClasses(sources: Record<string, string>): Map<string, EventClass> {
  const found = new Map<string, EventClass>()
  const pattern = /export class (\w+) extends \w+ \{\s*static readonly type = '([a-z-]+)'/g
  for (const [module, text] of Object.entries(sources))
    for (const match of text.matchAll(pattern)) found.set(match[2], { className: match[1], module })
  return found
}

const PLAIN_TYPE = /^(?:\s*(?:string|number|boolean|undefined|null|'[^']*')\s*\|?)+$/

/**
 * A type the package can state without the widget's module: primitives and string literals as
 * they are; an alias or `(typeof CONST)[number]` of the element's own module, resolved from its
 * source; anything else is an error (the build names it).
 */
export function resolveType(text: string, source: string, depth = 0): string {
  const type = text.trim()
  if (PLAIN_TYPE.test(type)) return type
  if (depth > 4) throw new Error(`cannot resolve ${type}`)
  const union = type
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean)
  if (union.length > 1) return union.map((part) => resolveType(part, source, depth + 1)).join(' | ')
  const tuple = /^\(typeof (\w+)\)\[number\]$/.exec(type)
  if (tuple) {
    const constant = new RegExp(`const ${tuple[1]} = \\[([^\\]]*)\\] as const`).exec(source)
    if (!constant) throw new Error(`cannot resolve ${type}`)
    return resolveType(
      constant[1]
        .split(',')
        .map((member) => member.trim())
        .filter(Boolean)
        .join(' | '),
      source,
      depth + 1
    )
  }
  const alias = new RegExp(`type ${type.replace(/[^\w]/g, '')} = ([^\\n]+)`).exec(source)
  if (/^\w+$/.test(type) && alias) return resolveType(alias[1], source, depth + 1)
  throw new Error(`cannot resolve ${type}`)
}

/**
 * The public elements of the manifest. `sources` holds the widgets' TypeScript (path → text):
 * the elements' modules, for their types, and the event classes.
 */
export function publicElements(
  manifest: Manifest,
  sources: Record<string, string>
): PublicElement[] {
  const eventClasses = findEventClasses(sources)
  const problems: string[] = []
  const elements = PUBLIC_WIDGETS.map((widget) => {
    const tag = `parley-${widget}`
    const module = manifest.modules.find((m) => m.declarations?.some((d) => d.tagName === tag))
    const declaration = module?.declarations?.find((d) => d.tagName === tag)
    if (!module || !declaration) {
      problems.push(`${tag} is not in the manifest`)
      return undefined
    }
    if (declaration.members?.some((m) => m.static && m.name === 'formAssociated'))
      problems.push(`${tag} is form-associated: give its Vue component a v-model (codegen.ts)`)
    const props = (declaration.attributes ?? [])
      .filter((attribute) => attribute.fieldName)
      .map((attribute) => {
        let type = 'string'
        try {
          type = resolveType(attribute.type?.text ?? 'string', sources[module.path] ?? '')
        } catch (error) {
          problems.push(`${tag} [${attribute.name}]: ${(error as Error).message}`)
        }
        return {
          name: attribute.fieldName!,
          attribute: attribute.name,
          type,
          description: attribute.description ?? '',
        }
      })
    const events = (declaration.events ?? []).map((event) => {
      const eventClass = eventClasses.get(event.name)
      if (!eventClass) problems.push(`${tag}: no event class declares '${event.name}'`)
      return {
        name: event.name,
        prop: eventProp(event.name),
        className: eventClass?.className ?? 'Event',
        description: event.description ?? '',
      }
    })
    return {
      widget,
      tag,
      name: pascal(tag),
      description: declaration.description ?? '',
      props,
      events,
    }
  })
  if (problems.length) throw new Error(`The package cannot type:\n  ${problems.join('\n  ')}`)
  return elements as PublicElement[]
}

const doc = (text: string, indent = '') =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n+/g, ' ')} */\n` : ''

const eventModules = (elements: PublicElement[], sources: Record<string, string>) => {
  const classes = findEventClasses(sources)
  const byModule = new Map<string, Set<string>>()
  for (const element of elements)
    for (const event of element.events) {
      const { module } = classes.get(event.name)!
      if (!byModule.has(module)) byModule.set(module, new Set())
      byModule.get(module)!.add(event.className)
    }
  return byModule
}

/** From embed/package/generated/ to a repository path, as an ES module specifier. */
const fromGenerated = (path: string) => `../../../${path.replace(/\.ts$/, '.js')}`

/** elements.ts: the element interfaces, their event maps, HTMLElementTagNameMap, the metadata. */
export function elementsSource(elements: PublicElement[], sources: Record<string, string>) {
  let out = '// Generated by bin/build_package.ts from custom-elements.json: do not edit.\n\n'
  const modules = eventModules(elements, sources)
  for (const [module, names] of modules)
    out += `import type { ${[...names].sort().join(', ')} } from '${fromGenerated(module)}'\n`
  out += `export type { ${[...modules.values()]
    .flatMap((names) => [...names])
    .sort()
    .join(', ')} }\n\n`
  for (const element of elements) {
    out += doc(element.description)
    out += `export interface ${element.name}Element extends HTMLElement {\n`
    for (const prop of element.props)
      out += `${doc(`${prop.description} Attribute: \`${prop.attribute}\`.`, '  ')}  ${prop.name}: ${prop.type}\n`
    out += '}\n\n'
    out += `/** The events \`<${element.tag}>\` dispatches (they bubble and are composed). */\n`
    out += `export interface ${element.name}EventMap {\n`
    for (const event of element.events)
      out += `${doc(event.description, '  ')}  '${event.name}': ${event.className}\n`
    out += '}\n\n'
  }
  out += 'declare global {\n  interface HTMLElementTagNameMap {\n'
  for (const element of elements) out += `    '${element.tag}': ${element.name}Element\n`
  out += '  }\n}\n\n'
  out += '/** The public elements by tag. */\n'
  out += 'export interface ParleyElementTagNameMap {\n'
  for (const element of elements) out += `  '${element.tag}': ${element.name}Element\n`
  out += '}\n\n'
  out +=
    "/** What the wrappers need at run time: each element's properties (with their attributes) and events. */\n"
  out += 'export const ELEMENTS = {\n'
  for (const element of elements) {
    out += `  ${element.widget}: {\n    tag: '${element.tag}',\n`
    out += `    props: [${element.props.map((p) => `['${p.name}', '${p.attribute}', ${p.type.includes('boolean')}]`).join(', ')}],\n`
    out += `    events: [${element.events.map((e) => `'${e.name}'`).join(', ')}],\n  },\n`
  }
  out +=
    '} as const satisfies Record<string, { tag: string; props: readonly (readonly [string, string, boolean])[]; events: readonly string[] }>\n'
  return out
}

/** react.ts: one @lit/react component per element, its event props typed with the event class. */
export function reactSource(elements: PublicElement[]) {
  let out =
    "'use client'\n// Generated by bin/build_package.ts from custom-elements.json: do not edit.\n\n"
  out +=
    "import * as React from 'react'\nimport { createComponent, type EventName } from '@lit/react'\n"
  out += "import { elementShape } from '../element-shape.js'\n"
  out += `import { ELEMENTS } from './elements.js'\nimport type {\n${elements.map((e) => `  ${e.name}Element,\n  ${e.name}EventMap,\n`).join('')}} from './elements.js'\n\n`
  for (const element of elements) {
    out += doc(`\`<${element.tag}>\` for React. ${element.description}`)
    out += `export const ${element.name} = createComponent({\n  react: React,\n  tagName: '${element.tag}',\n`
    out += `  elementClass: elementShape<${element.name}Element>('${element.name}', ELEMENTS.${element.widget}.props),\n`
    out += `  displayName: '${element.name}',\n  events: {\n`
    for (const event of element.events)
      out += `${doc(event.description, '    ')}    ${event.prop}: '${event.name}' as EventName<${element.name}EventMap['${event.name}']>,\n`
    out += '  },\n})\n\n'
  }
  return out
}

/** vue.ts: one Vue component per element: its properties as props, its events as emits. */
export function vueSource(elements: PublicElement[]) {
  let out = '// Generated by bin/build_package.ts from custom-elements.json: do not edit.\n\n'
  out +=
    "import { defineComponent, type PropType } from 'vue'\nimport { renderElement } from '../vue-render.js'\n"
  out += `import { ELEMENTS } from './elements.js'\nimport type {\n${elements.map((e) => `  ${e.name}EventMap,\n`).join('')}} from './elements.js'\n\n`
  for (const element of elements) {
    out += doc(`\`<${element.tag}>\` for Vue. ${element.description}`)
    out += `export const ${element.name} = defineComponent({\n  name: '${element.name}',\n  props: {\n`
    for (const prop of element.props) {
      const ctor = prop.type.includes('boolean')
        ? 'Boolean'
        : prop.type.includes('number')
          ? 'Number'
          : 'String'
      out += `${doc(prop.description, '    ')}    ${prop.name}: { type: ${ctor} as PropType<${prop.type}>, default: undefined },\n`
    }
    out += '  },\n  emits: {\n'
    for (const event of element.events)
      out += `    '${event.name}': (_event: ${element.name}EventMap['${event.name}']) => true,\n`
    out += `  },\n  setup(props, { emit, slots }) {\n    return renderElement(ELEMENTS.${element.widget}, props, emit as (name: string, event: Event) => void, slots)\n  },\n})\n\n`
  }
  return out
}

/** jsx.ts: `JSX.IntrinsicElements` for React and `GlobalComponents` for Vue, by attribute. */
export function jsxSource(elements: PublicElement[]) {
  let out = '// Generated by bin/build_package.ts from custom-elements.json: do not edit.\n'
  out +=
    "// Types only: `import type {} from '@parley/sdk/jsx'` (or list it in tsconfig `types`).\n\n"
  out += `import type {\n${elements.map((e) => `  ${e.name}Element,\n  ${e.name}EventMap,\n`).join('')}} from './elements.js'\n\n`
  for (const element of elements) {
    out += `/** The attributes of \`<${element.tag}>\` in markup. */\nexport interface ${element.name}Attributes {\n`
    for (const prop of element.props) {
      const type = prop.type.replace(/\s*\|\s*undefined/g, '')
      out += `${doc(prop.description, '  ')}  '${prop.attribute}'?: ${type.includes('number') ? `${type} | \`\${number}\`` : type}\n`
    }
    out += '}\n\n'
    out += `/** React 19 adds a listener for an \`on<event-name>\` prop of a custom element. */\nexport interface ${element.name}ReactEvents {\n`
    for (const event of element.events)
      out += `  'on${event.name}'?: (event: ${element.name}EventMap['${event.name}']) => void\n`
    out += '}\n\n'
  }
  out += "declare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n"
  for (const element of elements)
    out += `      '${element.tag}': import('react').DetailedHTMLProps<import('react').HTMLAttributes<${element.name}Element>, ${element.name}Element> &\n        ${element.name}Attributes &\n        ${element.name}ReactEvents\n`
  out += '    }\n  }\n}\n\n'
  out += "declare module 'vue' {\n  interface GlobalComponents {\n"
  for (const element of elements) {
    const emits = element.events
      .map((e) => `'${e.name}': (event: ${element.name}EventMap['${e.name}']) => true`)
      .join('; ')
    out += `    '${element.tag}': import('vue').DefineComponent<${element.name}Attributes, {}, {}, {}, {}, {}, {}, { ${emits} }>\n`
  }
  out += '  }\n}\n'
  return out
}

/**
 * The manifest the package ships: the public elements' modules and those of their superclasses
 * (the kit's ParleyElement), not the kit's parts, the console or the admin.
 */
export function publicManifest(manifest: Manifest): Manifest {
  const tags = new Set(PUBLIC_WIDGETS.map((widget) => `parley-${widget}`))
  const keep = new Set<string>()
  for (const module of manifest.modules)
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName || !tags.has(declaration.tagName)) continue
      keep.add(module.path)
      const superclass = (declaration as { superclass?: { module?: string } }).superclass
      if (superclass?.module) keep.add(superclass.module.replace(/^\//, ''))
    }
  return { ...manifest, modules: manifest.modules.filter((module) => keep.has(module.path)) }
}
