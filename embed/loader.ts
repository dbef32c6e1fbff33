/**
 * The Parley loader: the one script a host page includes.
 *
 *   <script src="https://parley.example/embed.js" data-key="pk_…" async></script>
 *   Parley.init({ publishableKey: 'pk_…', session: async () => token, locale: 'es', theme: 'auto' })
 *
 * It defines nothing up front: the first time a `<parley-*>` element appears (in the page or
 * added later by a single-page app), it loads that widget's chunk (hashed, cached for a year)
 * and hands it the configuration. Calls made before it arrived, through the stub in
 * docs/embedding.md, are replayed. Loading it twice, or where there is no `window`, does nothing.
 */

export interface ParleyInitOptions {
  publishableKey?: string
  session?: () => Promise<string>
  /** Web chat as the host's signed-in user: a token from POST /v1/chat/sessions. */
  chatSession?: () => Promise<string>
  locale?: string
  theme?: 'light' | 'dark' | 'auto'
  /** Parley's origin; default: where this script came from. */
  apiUrl?: string
}

interface WidgetModule {
  configure(options: Record<string, unknown>): void
}

export interface ParleyApi {
  version: string
  init(options?: ParleyInitOptions): void
  mount(widget: string, target: Element | string, props?: Record<string, unknown>): HTMLElement
  unmount(target: Element | string): void
  on(event: string, listener: (event: Event) => void): () => void
  off(event: string, listener: (event: Event) => void): void
  load(widget: string): Promise<void>
}

declare const __PARLEY_CHUNKS__: Record<string, string>
declare const __PARLEY_VERSION__: string

/** Builds the Parley API for one page; `chunks` maps widget names to chunk paths. */
export function createParley(
  apiOrigin: string,
  chunks: Record<string, string>,
  scriptKey?: string
): ParleyApi {
  let options: Record<string, unknown> | undefined
  let observer: MutationObserver | undefined
  const modules = new Map<string, Promise<WidgetModule>>()

  const load = (widget: string): Promise<void> => {
    const file = chunks[widget]
    if (!file) return Promise.reject(new Error(`Parley: no widget named "${widget}"`))
    if (!modules.has(widget)) {
      const url = new URL(file, apiOrigin).href
      modules.set(
        widget,
        import(/* @vite-ignore */ url).then((module: WidgetModule) => {
          if (options) module.configure(options)
          return module
        })
      )
    }
    return modules.get(widget)!.then(() => undefined)
  }

  /** Loads the code of every undefined `parley-*` element in `root`. */
  const scan = (root: ParentNode) => {
    for (const element of root.querySelectorAll(':not(:defined)')) {
      const tag = element.localName
      if (tag.startsWith('parley-')) load(tag.slice(7)).catch((error) => console.error(error))
    }
  }

  const parley: ParleyApi = {
    version: typeof __PARLEY_VERSION__ === 'string' ? __PARLEY_VERSION__ : 'dev',
    init(init = {}) {
      const publishableKey =
        init.publishableKey ?? (options?.publishableKey as string | undefined) ?? scriptKey
      if (!publishableKey)
        throw new Error('Parley.init: publishableKey is required (or data-key on the script tag)')
      options = { ...options, ...init, publishableKey, apiUrl: init.apiUrl ?? apiOrigin, load }
      for (const module of modules.values()) void module.then((m) => m.configure(options!))
      if (!observer) {
        observer = new MutationObserver((records) => {
          for (const record of records) {
            for (const node of record.addedNodes) {
              if (node.nodeType !== 1) continue
              const element = node as Element
              if (element.localName.startsWith('parley-') && !element.matches(':defined')) {
                load(element.localName.slice(7)).catch((error) => console.error(error))
              }
              scan(element)
            }
          }
        })
        observer.observe(document.documentElement, { childList: true, subtree: true })
      }
      scan(document)
    },
    mount(widget, target, props = {}) {
      const parent = typeof target === 'string' ? document.querySelector(target) : target
      if (!parent) throw new Error(`Parley.mount: no element matches ${String(target)}`)
      const element = document.createElement(`parley-${widget}`)
      // Properties set before the element upgrades are kept by Lit and applied on upgrade.
      Object.assign(element, props)
      parent.append(element)
      return element
    },
    unmount(target) {
      const element = typeof target === 'string' ? document.querySelector(target) : target
      if (!element) return
      if (element.localName.startsWith('parley-')) element.remove()
      else
        for (const child of [...element.children])
          if (child.localName.startsWith('parley-')) child.remove()
    },
    on(event, listener) {
      document.addEventListener(event, listener)
      return () => document.removeEventListener(event, listener)
    },
    off(event, listener) {
      document.removeEventListener(event, listener)
    },
    load,
  }
  return parley
}

type Stub = { q?: [string, ArrayLike<unknown>][]; __parley?: true }

/** Installs `window.Parley` from the current script tag, once, replaying queued calls. */
export function install() {
  if (typeof window === 'undefined' || typeof document === 'undefined') return
  const global = window as unknown as { Parley?: ParleyApi & Stub }
  if (global.Parley?.__parley) return
  const script = document.currentScript as HTMLScriptElement | null
  const origin = script?.src ? new URL(script.src).origin : location.origin
  const chunks = typeof __PARLEY_CHUNKS__ === 'object' ? __PARLEY_CHUNKS__ : {}
  const queued = global.Parley?.q ?? []
  const parley = Object.assign(createParley(origin, chunks, script?.dataset.key), {
    __parley: true as const,
  })
  global.Parley = parley
  let initialised = false
  for (const [method, args] of queued) {
    if (method === 'init') initialised = true
    ;(parley as any)[method]?.(...Array.from(args))
  }
  if (!initialised && script?.dataset.key) parley.init()
}
