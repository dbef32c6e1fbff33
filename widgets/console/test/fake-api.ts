/**
 * What the console's page tests share (imported by *.test.ts only): a fake API behind
 * window.fetch that records each call, its JSON answers and refusals, and shadow-root queries.
 */

/** A request a page made: its path (with the query), method, JSON body and XSRF header. */
export interface Call {
  method: string
  path: string
  body?: any
  xsrf: string | null
}

/** A JSON answer, as the API writes it. */
export const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })

/** A refusal in the API's error shape. */
export const refuse = (status: number, code: string, message: string, details: unknown[] = []) =>
  json({ error: { code, message, details } }, status)

/**
 * Puts `answer` behind window.fetch; every call is recorded, in order, in the array returned
 * (which keeps growing).
 */
export function fakeFetch(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = []
  window.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      method: init.method ?? 'GET',
      path: String(input),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      xsrf: new Headers(init.headers).get('x-xsrf-token'),
    }
    calls.push(call)
    return answer(call)
  }) as typeof fetch
  return calls
}

/** An element in `host`'s shadow root. */
export const $ = <E extends Element = HTMLElement>(host: Element, selector: string) =>
  host.shadowRoot!.querySelector<E>(selector)!

/** Every element matching `selector` in `host`'s shadow root. */
export const $$ = <E extends Element = HTMLElement>(host: Element, selector: string) => [
  ...host.shadowRoot!.querySelectorAll<E>(selector),
]
