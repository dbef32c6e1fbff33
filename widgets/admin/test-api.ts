import { fakeAdminApi } from './admin.fixtures.js'

/** A request the admin made (test helper, imported by the admin's *.test.ts only). */
export interface Call {
  method: string
  path: string
  query: URLSearchParams
  body?: any
  xsrf: string | null
}

/** Puts the canned admin API (admin.fixtures.ts) behind window.fetch and records the calls. */
export function useFakeApi(options: Parameters<typeof fakeAdminApi>[0] = {}) {
  const api = fakeAdminApi(options)
  const calls: Call[] = []
  document.cookie = 'XSRF-TOKEN=test-token; path=/'
  window.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href)
    const method = init.method ?? 'GET'
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    calls.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      xsrf: new Headers(init.headers).get('x-xsrf-token'),
    })
    const answer = api.handle(method, url, body)
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    })
  }) as typeof fetch
  return { ...api, calls }
}

export { $, $$ } from '../console/test/fake-api.js'
