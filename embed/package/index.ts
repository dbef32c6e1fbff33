/**
 * @parley/sdk: the loader as a module, and the public elements' types.
 *
 *   import { init } from '@parley/sdk'
 *   init({ publishableKey: 'pk_…', apiUrl: 'https://parley.example', session: async () => token })
 *
 * `init` does what the script tag does, by adding that very script (`<apiUrl>/embed.js`) to the
 * page once: the widgets' code then comes from the Parley server that serves their API, in the
 * version it serves, and a page that also has the script tag, or several bundles that each
 * import this package, still get one loader, one copy of each element and one realtime
 * connection. Calls made before the loader arrived are queued and replayed, as with the
 * command-queue stub of docs/embedding.md. Where there is no `window` (server rendering) every
 * function here does nothing.
 */
import type { ParleyApi, ParleyInitOptions } from '../loader.js'
import type { ParleyElementTagNameMap } from './generated/elements.js'

export type * from './generated/elements.js'
export type { ParleyApi }

export interface InitOptions extends Omit<
  ParleyInitOptions,
  'publishableKey' | 'apiUrl' | 'elementPrefix'
> {
  /** The tenant's publishable key (`pk_…`); it works only from the origins the tenant allowed. */
  publishableKey: string
  /** Parley's origin (or a custom domain of the tenant's): the loader and widgets come from it. */
  apiUrl: string
  /** The tenant's element prefix: with `acme`, `<acme-inbox>`… are defined too. */
  prefix?: string
}

type Queued = { q?: [string, ArrayLike<unknown>][]; __parley?: true }
type GlobalParley = Partial<ParleyApi> & Queued

const METHODS = ['init', 'mount', 'unmount', 'on', 'off'] as const
const SCRIPT_MARK = 'data-parley-sdk'

const browser = () => typeof window !== 'undefined' && typeof document !== 'undefined'

/** window.Parley: the loader once it ran, else the command-queue stub (created here if need be). */
function globalParley(): GlobalParley {
  const w = window as unknown as { Parley?: GlobalParley }
  const parley = (w.Parley ??= { q: [] })
  if (parley.__parley) return parley
  parley.q ??= []
  for (const method of METHODS)
    (parley as Record<string, unknown>)[method] ??= function (...args: unknown[]) {
      parley.q!.push([method, args])
    }
  return parley
}

let loaded: Promise<ParleyApi> | undefined

/** Adds `<apiUrl>/embed.js` unless the page already has the loader (or its script tag). */
function addLoader(options: InitOptions): Promise<ParleyApi> {
  const current = () => (window as unknown as { Parley: ParleyApi }).Parley
  if (globalParley().__parley) return Promise.resolve(current())
  const src = new URL('/embed.js', options.apiUrl).href
  let script = document.querySelector<HTMLScriptElement>(
    `script[${SCRIPT_MARK}], script[src="${src}"], script[src="${src.replace('/embed.js', '/v1/embed.js')}"]`
  )
  if (!script) {
    script = document.createElement('script')
    script.src = src
    script.async = true
    script.setAttribute(SCRIPT_MARK, '')
    script.dataset.key = options.publishableKey
    if (options.prefix) script.dataset.prefix = options.prefix
    document.head.append(script)
  }
  const tag = script
  return new Promise((resolve, reject) => {
    tag.addEventListener('load', () => resolve(current()), { once: true })
    tag.addEventListener(
      'error',
      () =>
        reject(
          new Error(
            `Parley: could not load ${tag.src} (is apiUrl right and allowed by the page's CSP?)`
          )
        ),
      { once: true }
    )
  })
}

/**
 * Starts Parley on this page (again, with new options, when the signed-in user changes). The
 * `<parley-*>` elements on the page, and those added later, load and upgrade by themselves.
 */
export function init(options: InitOptions): void {
  if (!browser()) return
  if (!options?.publishableKey) throw new Error('Parley init: publishableKey is required')
  if (!options.apiUrl) throw new Error('Parley init: apiUrl is required')
  const { prefix, ...rest } = options
  globalParley().init!({ ...rest, ...(prefix ? { elementPrefix: prefix } : {}) })
  loaded ??= addLoader(options)
  loaded.catch((error) => {
    loaded = undefined
    console.error(error)
  })
}

/** The loader's API (`mount`, `unmount`, `on`, `load`…) once it has arrived; after `init`. */
export function ready(): Promise<ParleyApi> {
  if (!browser()) return new Promise(() => {})
  if (globalParley().__parley)
    return Promise.resolve((window as unknown as { Parley: ParleyApi }).Parley)
  if (!loaded) return Promise.reject(new Error('Parley: call init() first'))
  return loaded
}

/**
 * The class of a public element once its chunk has loaded (the loader loads it as soon as such
 * an element is on the page, or with `(await ready()).load('inbox')`).
 */
export function defined<K extends keyof ParleyElementTagNameMap>(
  tag: K
): Promise<{ new (): ParleyElementTagNameMap[K]; prototype: ParleyElementTagNameMap[K] }> {
  if (!browser()) return new Promise(() => {})
  return customElements.whenDefined(tag) as Promise<never>
}
