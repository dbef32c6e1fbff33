import router from '@adonisjs/core/services/router'

/** A public route as the contract sees it (one per method; HEAD is implied by GET). */
export interface ContractRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** The router's pattern, e.g. `/v1/webhooks/:id`. */
  pattern: string
  /** The OpenAPI path, e.g. `/v1/webhooks/{id}`. */
  path: string
  params: string[]
  /** The route's name: every public route has one (functional tests call routes by name). */
  name: string
  /** The controller's module (`#controllers/…`) and method, when the handler is a controller. */
  controller?: { module: string; method: string }
  /** Named middleware with their options: they tell the authentication of the route. */
  middleware: { name: string; args?: any }[]
}

const PUBLIC_PREFIX = '/v1/'

/** Every public (/v1) route of the router, in registration order. The router must be committed. */
export function publicRoutes(): ContractRoute[] {
  const routes: ContractRoute[] = []
  for (const route of Object.values(router.toJSON()).flat()) {
    if (!route.pattern.startsWith(PUBLIC_PREFIX)) continue
    const handler = route.handler as { importExpression?: string | null; method?: string }
    const module = handler.importExpression?.match(/import\(['"]([^'"]+)['"]\)/)?.[1]
    const middleware = [...route.middleware.all()]
      .map((m: any) => ({ name: m.name as string, args: m.args }))
      .filter((m) => m.name)
    for (const method of route.methods) {
      if (method === 'HEAD') continue
      routes.push({
        method: method.toLowerCase() as ContractRoute['method'],
        pattern: route.pattern,
        path: route.pattern.replace(/:([A-Za-z0-9_]+)\??/g, '{$1}'),
        params: route.meta.params ?? [],
        name: route.name ?? `${method} ${route.pattern}`,
        controller: module && handler.method ? { module, method: handler.method } : undefined,
        middleware,
      })
    }
  }
  return routes
}
