/** The admin's pages, as paths under its base (`/admin`); the server answers each with the shell. */
export type Route =
  | { page: 'tenants' }
  | { page: 'new' }
  | { page: 'tenant'; id: string }
  | { page: 'usage' }
  | { page: 'sessions' }

/** The navigation's entries, in order. */
export const NAV = ['tenants', 'usage'] as const

export function routeFromPath(path: string, base: string): Route {
  const rest = path.startsWith(base) ? path.slice(base.length) : ''
  const [first, second] = rest.replace(/^\/+/, '').split('/')
  if (first === 'usage') return { page: 'usage' }
  if (first === 'sessions') return { page: 'sessions' }
  if (first === 'tenants' && second === 'new') return { page: 'new' }
  if (first === 'tenants' && second) return { page: 'tenant', id: decodeURIComponent(second) }
  return { page: 'tenants' }
}

export function pathOf(route: Route, base: string) {
  if (route.page === 'new') return `${base}/tenants/new`
  if (route.page === 'tenant') return `${base}/tenants/${encodeURIComponent(route.id)}`
  return `${base}/${route.page}`
}

/** Asks the app to show another page (a page's own links and after an action). */
export class AdminNavigateEvent extends Event {
  constructor(readonly path: string) {
    super('admin-navigate', { bubbles: true, composed: true })
  }
}

declare global {
  interface HTMLElementEventMap {
    'admin-navigate': AdminNavigateEvent
  }
}
