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
  /**
   * The tenant's element prefix (branding): with `acme`, <acme-inbox>, <acme-chat>… are defined
   * too. Default: `data-prefix` on the script tag, else the embed config's `elementPrefix`.
   */
  elementPrefix?: string
  /** false: the loader loads nothing for <parley-*> tags (the embed config's `parleyElements`). */
  parleyElements?: boolean
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
declare const __PARLEY_PRELOADS__: Record<string, string[]>
declare const __PARLEY_VERSION__: string

/**
 * Builds the Parley API for one page; `chunks` maps widget names to chunk paths, `preloads` to
 * the chunks each one imports (fetched beside it rather than after it).
 */
export function createParley(
  apiOrigin: string,
  chunks: Record<string, string>,
  scriptKey?: string,
  scriptPrefix?: string,
  preloads: Record<string, string[]> = {}
): ParleyApi {
  let options: Record<string, unknown> | undefined
  const preloaded = new Set<string>()
  /** `<link rel="modulepreload">` for what a widget's chunk imports: one round trip, not two. */
  const preload = (widget: string) => {
    if (typeof document === 'undefined') return
    for (const file of preloads[widget] ?? []) {
      if (preloaded.has(file)) continue
      preloaded.add(file)
      const link = document.createElement('link')
      link.rel = 'modulepreload'
      link.href = new URL(file, apiOrigin).href
      document.head.append(link)
    }
  }
  let observer: MutationObserver | undefined
  const modules = new Map<string, Promise<WidgetModule>>()
  let prefix = validPrefix(scriptPrefix)
  let parleyElements = true

  /** The widget a tag names (`parley-inbox`, or `acme-inbox` under the prefix `acme`), if any. */
  const widgetOf = (tag: string): string | undefined => {
    if (prefix && tag.startsWith(`${prefix}-`)) return tag.slice(prefix.length + 1)
    if (parleyElements && tag.startsWith('parley-')) return tag.slice(7)
    return undefined
  }

  /**
   * The tenant's names for a loaded widget: a trivial subclass per name, since one constructor
   * cannot be registered under two names.
   */
  const alias = (widget: string) => {
    const base = customElements.get(`parley-${widget}`)
    const tag = prefix && `${prefix}-${widget}`
    if (base && tag && !customElements.get(tag)) customElements.define(tag, class extends base {})
  }

  const load = (widget: string): Promise<void> => {
    const file = chunks[widget]
    if (!file) return Promise.reject(new Error(`Parley: no widget named "${widget}"`))
    if (!modules.has(widget)) {
      preload(widget)
      const url = new URL(file, apiOrigin).href
      modules.set(
        widget,
        import(/* @vite-ignore */ url).then((module: WidgetModule) => {
          if (options) module.configure(options)
          return module
        })
      )
    }
    return modules.get(widget)!.then(() => alias(widget))
  }

  const loadTag = (tag: string) => {
    const widget = widgetOf(tag)
    if (widget && chunks[widget]) load(widget).catch((error) => console.error(error))
  }

  /** Loads the code of every undefined `parley-*` (or `<prefix>-*`) element in `root`. */
  const scan = (root: ParentNode) => {
    for (const element of root.querySelectorAll(':not(:defined)')) loadTag(element.localName)
  }

  /** Learns the tenant's prefix from the embed config (cached by the browser for a minute). */
  const fetchBranding = async (key: string) => {
    try {
      const url = new URL('/v1/embed/config', apiOrigin)
      url.searchParams.set('key', key)
      const fetched = fetch(url)
      // The widgets' runtime reads the same answer (theme, brand) instead of asking again.
      if (options) options.embedConfig = fetched.then((r) => r.clone())
      const response = await fetched
      type Branding = { elementPrefix?: string; parleyElements?: boolean }
      const body = (await response.json().catch(() => null)) as
        (Branding & { error?: Branding & { code?: string } }) | null
      // A suspended tenant's answer still names its elements, so its widgets can say they are
      // unavailable rather than stay undefined.
      const config = response.ok
        ? body
        : body?.error?.code === 'TENANT_SUSPENDED'
          ? body.error
          : null
      if (config) applyBranding(config.elementPrefix, config.parleyElements)
    } catch {
      // The widgets report an unreachable server themselves; <parley-*> tags still work.
    }
  }

  const applyBranding = (elementPrefix?: string | null, keepParley?: boolean) => {
    prefix = validPrefix(elementPrefix ?? undefined) ?? prefix
    if (keepParley === false && prefix) parleyElements = false
    for (const widget of modules.keys()) void modules.get(widget)!.then(() => alias(widget))
    if (typeof document !== 'undefined') scan(document)
  }

  const parley: ParleyApi = {
    version: typeof __PARLEY_VERSION__ === 'string' ? __PARLEY_VERSION__ : 'dev',
    init(init = {}) {
      const publishableKey =
        init.publishableKey ?? (options?.publishableKey as string | undefined) ?? scriptKey
      if (!publishableKey)
        throw new Error('Parley.init: publishableKey is required (or data-key on the script tag)')
      options = {
        ...options,
        ...init,
        publishableKey,
        apiUrl: init.apiUrl ?? apiOrigin,
        load,
        embedConfig: undefined,
      }
      if (init.elementPrefix || init.parleyElements !== undefined)
        applyBranding(init.elementPrefix, init.parleyElements)
      else if (!prefix) void fetchBranding(publishableKey)
      for (const module of modules.values()) void module.then((m) => m.configure(options!))
      if (!observer) {
        observer = new MutationObserver((records) => {
          for (const record of records) {
            for (const node of record.addedNodes) {
              if (node.nodeType !== 1) continue
              const element = node as Element
              if (!element.matches(':defined')) loadTag(element.localName)
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
      const element = document.createElement(`${prefix ?? 'parley'}-${widget}`)
      // Properties set before the element upgrades are kept by Lit and applied on upgrade.
      Object.assign(element, props)
      parent.append(element)
      return element
    },
    unmount(target) {
      const element = typeof target === 'string' ? document.querySelector(target) : target
      if (!element) return
      const ours = (el: Element) =>
        el.localName.startsWith('parley-') ||
        Boolean(prefix && el.localName.startsWith(`${prefix}-`))
      if (ours(element)) element.remove()
      else for (const child of [...element.children]) if (ours(child)) child.remove()
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

/** A prefix that makes valid custom element names (as the server validates it), else undefined. */
function validPrefix(value?: string): string | undefined {
  return value && /^[a-z][a-z0-9]{1,30}$/.test(value) && value !== 'parley' ? value : undefined
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
  const preloads = typeof __PARLEY_PRELOADS__ === 'object' ? __PARLEY_PRELOADS__ : {}
  const queued = global.Parley?.q ?? []
  const parley = Object.assign(
    createParley(origin, chunks, script?.dataset.key, script?.dataset.prefix, preloads),
    {
      __parley: true as const,
    }
  )
  global.Parley = parley
  let initialised = false
  for (const [method, args] of queued) {
    if (method === 'init') initialised = true
    ;(parley as any)[method]?.(...Array.from(args))
  }
  if (!initialised && script?.dataset.key) parley.init()
}
