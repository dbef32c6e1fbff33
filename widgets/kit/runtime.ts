import { ApiClient } from './api-client.js'
import { ParleyApiError } from './errors.js'
import { setLocale } from './localize.js'
import type { RealtimeClient } from './realtime/realtime.js'
import { applyBrandFont, applyThemeCss } from './theme.js'

/** What the host passes to `Parley.init` (the loader adds `apiUrl` and `load`). */
export interface ParleyOptions {
  publishableKey: string
  /** Returns a session token minted by the host's backend (POST /v1/sessions). */
  session?: () => Promise<string>
  /** Web chat for the host's signed-in users: a visitor token from POST /v1/chat/sessions. */
  chatSession?: () => Promise<string>
  locale?: string
  /** `auto` follows the host's prefers-color-scheme; `light`/`dark` fix it. Default: the tenant's. */
  theme?: 'light' | 'dark' | 'auto'
  /** Parley's origin; the loader derives it from its own script URL. */
  apiUrl: string
  /** Loads a widget's code (the loader's lazy chunk loading). */
  load?: (widget: string) => Promise<void>
  /** The loader's own request for the embed config, read here rather than asked again. */
  embedConfig?: Promise<Response>
}

/** The tenant's brand as its widgets show it (set in the console's Branding page). */
export interface TenantBrand {
  /** Display name. */
  name: string
  logoUrl: string | null
  fontUrl?: string | null
}

export interface EmbedConfig {
  tenant: TenantBrand
  widgets: string[]
  theme: { tokens: Record<string, unknown> }
  locale: string
  realtimeUrl: string
}

let options: ParleyOptions | undefined
let client: ApiClient | undefined
let live: Promise<RealtimeClient> | undefined
let markConfigured: () => void
const configured = new Promise<void>((resolve) => (markConfigured = resolve))
let config: Promise<EmbedConfig> | undefined
const schemeListeners = new Set<() => void>()

/**
 * Configures every widget on the page. Called by the loader on `Parley.init` (and again on
 * re-init); fetches the tenant's theme CSS once per configuration.
 */
export function configure(next: ParleyOptions) {
  // Each widget chunk is handed the page's options when it arrives (the launcher's account
  // chunk only on the first click): the same object again changes nothing, and above all must
  // not close the realtime connection the widgets already on the page subscribed through.
  if (next === options) return
  const keyChanged =
    next.publishableKey !== options?.publishableKey || next.apiUrl !== options?.apiUrl
  options = next
  const session = next.session
  client = session
    ? new ApiClient({ baseUrl: next.apiUrl, session: () => explained(session) })
    : undefined
  void live?.then((previous) => previous.close())
  live = undefined
  setLocale(next.locale)
  for (const listener of schemeListeners) listener()
  if (keyChanged) {
    config = undefined
    void loadTheme()
    void loadBrandFont()
  }
  markConfigured()
}

/**
 * Resolves once Parley.init has configured the page. A widget's chunk runs (and its elements
 * upgrade and render) just before the loader hands it the configuration, so widgets wait here.
 */
export function whenConfigured(): Promise<void> {
  return configured
}

export function isConfigured() {
  return options !== undefined
}

/** What Parley.init was given (widgets that work without a member session read it). */
export function pageOptions(): ParleyOptions | undefined {
  return options
}

/** The API client for widget routes; throws until the host gave a session callback. */
export function api(): ApiClient {
  if (!client)
    throw new Error('Parley.init({ session }) has not been called with a session callback')
  return client
}

/**
 * The page's one realtime connection, shared by every widget on it, created on first use. Its
 * code (and @adonisjs/transmit-client) is a chunk of its own, downloaded only by pages whose
 * widgets are live.
 *   const off = await (await realtime()).subscribe(channel, (event) => …, lastSeenEventId)
 */
export function realtime(): Promise<RealtimeClient> {
  const apiClient = api()
  live ??= import('./realtime/realtime.js').then(
    ({ RealtimeClient }) => new RealtimeClient({ api: apiClient })
  )
  return live
}

/** The scheme the host fixed with `Parley.init({ theme })`, if any. */
export function fixedScheme(): 'light' | 'dark' | undefined {
  return options?.theme === 'light' || options?.theme === 'dark' ? options.theme : undefined
}

export function onSchemeChange(listener: () => void) {
  schemeListeners.add(listener)
  return () => schemeListeners.delete(listener)
}

/**
 * The host's session callback, its failure explained: the host's backend cannot mint sessions
 * for a suspended tenant, and the widgets should then say they are unavailable (in neutral
 * words) rather than that the session ended. The embed config tells which.
 */
async function explained(session: () => Promise<string>) {
  try {
    return await session()
  } catch (error) {
    const suspended = await embedConfig().then(
      () => false,
      (e: unknown) => e instanceof ParleyApiError && e.code === 'TENANT_SUSPENDED'
    )
    if (suspended) throw new ParleyApiError('TENANT_SUSPENDED', 'This service is unavailable', 403)
    throw error
  }
}

/** The tenant's embed config (cached for the page's lifetime). */
export function embedConfig(): Promise<EmbedConfig> {
  if (!options) return Promise.reject(new Error('Parley.init has not been called'))
  const url = new URL('/v1/embed/config', options.apiUrl)
  url.searchParams.set('key', options.publishableKey)
  config ??= (options.embedConfig ?? fetch(url)).then(async (response) => {
    if (!response.ok) {
      const body = await response.json().catch(() => null)
      const code = body?.error?.code
      if (code === 'TENANT_SUSPENDED') throw new ParleyApiError(code, body.error.message, 403)
      throw new Error(`embed config: ${response.status}`)
    }
    return response.json()
  })
  return config
}

/** The tenant's display name, logo and font, or null where the embed config is unavailable. */
export async function tenantBrand(): Promise<TenantBrand | null> {
  await configured
  try {
    const answer = await embedConfig()
    return answer?.tenant ?? null
  } catch {
    // Unreachable or suspended: the widgets say so themselves; their headers stay as they are.
    return null
  }
}

let fontRequest = 0

/**
 * Registers the tenant's font (once per page) and puts its family first in every widget's font
 * stack; without one, or on another tenant's key, the theme's stack alone.
 */
async function loadBrandFont() {
  const request = ++fontRequest
  const brand = await tenantBrand()
  const fontUrl = brand?.fontUrl
  if (request !== fontRequest) return
  // Most tenants have no font of their own: its code loads only for those that do.
  const family = fontUrl
    ? await import('./brand-font.js').then((m) => m.registerBrandFont(fontUrl))
    : null
  if (request !== fontRequest) return
  applyBrandFont(family)
}

/**
 * Fetches the tenant's theme CSS into the shared stylesheet. `no-cache` revalidates with the
 * ETag on every page load, so a theme change shows on the next load (a 304 costs no body).
 */
export async function loadTheme() {
  if (!options) return
  const url = new URL('/v1/theme.css', options.apiUrl)
  url.searchParams.set('key', options.publishableKey)
  const response = await fetch(url, { cache: 'no-cache' }).catch(() => null)
  if (response?.ok) applyThemeCss(await response.text())
}

/** Makes sure a widget's element is defined (loading its chunk through the loader). */
export async function loadWidget(name: string) {
  if (customElements.get(`parley-${name}`)) return
  await configured
  await options?.load?.(name)
}
