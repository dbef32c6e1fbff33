import hash from '@adonisjs/core/services/hash'
import { withTenant } from '#services/tenant_context'
import ConsoleUser, { type ConsoleRole } from '#models/console_user'
import { baseUrl } from '#tests/helpers'
import { newTotpSecret, sealSecret } from '#services/console/totp'

/**
 * A browser for the cookie-authenticated console: keeps cookies like one (set, replace, clear)
 * and echoes XSRF-TOKEN in X-XSRF-TOKEN on unsafe requests, as the console UI does.
 */
export class Browser {
  cookies = new Map<string, string>()

  async request(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {}
  ) {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (this.cookies.size)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const unsafe = !['GET', 'HEAD'].includes(method)
    if (unsafe && options.csrf !== false && this.cookies.has('XSRF-TOKEN'))
      headers['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN')!
    const res = await fetch(baseUrl() + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const expired = attrs.some(
        (a) =>
          /max-age=0/i.test(a.trim()) ||
          (/^expires=/i.test(a.trim()) && new Date(a.trim().slice(8)) < new Date())
      )
      if (!value || expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const text = await res.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {}
    return {
      status: res.status,
      body: json,
      headers: res.headers,
      setCookies: res.headers.getSetCookie(),
    }
  }

  get = (path: string) => this.request('GET', path)
  post = (path: string, body: unknown = {}) => this.request('POST', path, body)
  patch = (path: string, body: unknown = {}) => this.request('PATCH', path, body)
  delete = (path: string, body?: unknown) => this.request('DELETE', path, body)
  put = (path: string, body: unknown = {}) => this.request('PUT', path, body)

  /** A first visit: any GET of the console sets the XSRF-TOKEN cookie. */
  async prime(prefix = '/v1/console') {
    await this.get(`${prefix}/me`)
    return this
  }

  /** Primes and signs in; returns the sign-in answer. */
  async signIn(
    email: string,
    password: string,
    extra: Record<string, string> = {},
    prefix = '/v1/console'
  ) {
    if (!this.cookies.has('XSRF-TOKEN')) await this.prime(prefix)
    return this.post(`${prefix}/sessions`, { email, password, ...extra })
  }
}

export const PASSWORD = 'correct horse battery'

let counter = 0
/** A console user straight in the database (as an accepted invitation leaves it). */
export async function makeConsoleUser(
  tenantId: string,
  options: { role?: ConsoleRole; email?: string; password?: string; totp?: boolean } = {}
) {
  const email = options.email ?? `user${++counter}.${Date.now()}@console.test`
  const totpSecret = options.totp ? newTotpSecret() : null
  const user = await withTenant(
    { tenantId },
    async (trx) =>
      ConsoleUser.create(
        {
          tenantId,
          email,
          name: 'Console User',
          role: options.role ?? 'owner',
          passwordHash: await hash.make(options.password ?? PASSWORD),
          totpSealed: totpSecret ? sealSecret(totpSecret) : null,
          totpEnabledAt: totpSecret ? (await import('luxon')).DateTime.now() : null,
          recoveryCodes: [],
          failedAttempts: 0,
        },
        { client: trx }
      ),
    'operator'
  )
  return { user, email, password: options.password ?? PASSWORD, totpSecret }
}
