import { createHash } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import string from '@adonisjs/core/helpers/string'
import { configProvider } from '@adonisjs/core'
import { SessionCollection } from '@adonisjs/session'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import type { HttpContext } from '@adonisjs/core/http'
import type { ResolvedSessionConfig } from '@adonisjs/session/types'
import type { AccountKind, AccountRef } from '#services/console/accounts'

/**
 * The console's and the admin's cookie sessions: @adonisjs/session with its database store
 * (config/session.ts), one cookie per kind so a person may be in both at once. What a session
 * holds is `SessionAccount`; each session is tagged `<kind>:<account id>`, which is how a user's
 * sessions are listed and revoked (SessionCollection). A revoked session's row is gone, so its
 * cookie opens an empty session and the next request answers 401.
 */
export const COOKIE: Record<AccountKind, string> = {
  console: 'parley_console',
  admin: 'parley_admin',
}

/** Sessions end after 7 days whatever their use (the store's own expiry is 12 idle hours). */
export const MAX_SESSION_DAYS = 7

export interface SessionAccount extends AccountRef {
  /** A platform admin signed in with a password but still to enrol TOTP. */
  pendingTotp: boolean
  createdAt: string
  ip: string
  userAgent: string
}

let resolved: Promise<ResolvedSessionConfig> | undefined
function sessionConfig() {
  resolved ??= configProvider
    .resolve<ResolvedSessionConfig>(app, app.config.get('session'))
    .then((config) => {
      if (!config) throw new Error('config/session.ts is missing')
      return config
    })
  return resolved
}

const middlewares = new Map<AccountKind, Promise<SessionMiddleware<any>>>()
/** The framework's session middleware, with this kind's cookie name. */
export function sessionMiddlewareFor(kind: AccountKind): Promise<SessionMiddleware<any>> {
  let found = middlewares.get(kind)
  if (!found) {
    found = Promise.all([sessionConfig(), app.container.make('emitter')]).then(
      ([config, emitter]) => new SessionMiddleware({ ...config, cookieName: COOKIE[kind] }, emitter)
    )
    middlewares.set(kind, found)
  }
  return found
}

let collection: Promise<SessionCollection> | undefined
function sessions() {
  collection ??= sessionConfig().then((config) => new SessionCollection(config))
  return collection
}

export const tagOf = (ref: Pick<AccountRef, 'kind' | 'id'>) => `${ref.kind}:${ref.id}`

/**
 * The id a session is listed and revoked by: a digest of the session id, never the id itself
 * (the id in the cookie is a bearer credential; a listing must not hand it out).
 */
export const publicSessionId = (sessionId: string) =>
  createHash('sha256').update(sessionId).digest('hex').slice(0, 32)

/** Starts a signed-in session: a new session id (no fixation), tagged with its account. */
export async function startSession(ctx: HttpContext, ref: AccountRef, pendingTotp: boolean) {
  ctx.session.regenerate()
  const account: SessionAccount = {
    ...ref,
    pendingTotp,
    createdAt: new Date().toISOString(),
    ip: ctx.request.ip(),
    userAgent: (ctx.request.header('user-agent') ?? '').slice(0, 300),
  }
  ctx.session.put('account', account)
  await ctx.session.tag(tagOf(ref))
  return account
}

/** The signed-in account of this session, or null (none, another kind, or too old). */
export function sessionAccount(ctx: HttpContext, kind: AccountKind): SessionAccount | null {
  const account = ctx.session.get('account') as SessionAccount | undefined
  if (!account || account.kind !== kind) return null
  const ageMs = Date.now() - new Date(account.createdAt).getTime()
  if (!(ageMs < MAX_SESSION_DAYS * 86_400_000)) return null
  return account
}

/**
 * When each session was last used. The store moves a row's expiry to "now + age" on every
 * request it answers (a write or a touch), so the expiry less the age is the last request.
 */
async function lastSeen(ids: string[]) {
  if (!ids.length) return new Map<string, string>()
  const config = await sessionConfig()
  const ageMs = string.seconds.parse(config.age) * 1000
  const rows: { id: string; expires_at: Date }[] = await db
    .connection('operator')
    .from('web_sessions')
    .whereIn('id', ids)
    .select('id', 'expires_at')
  return new Map(
    rows.map((row) => [row.id, new Date(new Date(row.expires_at).getTime() - ageMs).toISOString()])
  )
}

/** An account's live sessions, newest first, with the current one marked. */
export async function listSessions(ref: AccountRef, currentSessionId?: string) {
  const store = await sessions()
  const tagged = await store.tagged(tagOf(ref))
  const seen = await lastSeen(tagged.map(({ id }) => id))
  return tagged
    .map(({ id, data }) => {
      const account = data.account as SessionAccount | undefined
      return {
        id: publicSessionId(id),
        createdAt: account?.createdAt ?? null,
        // The current session is being used right now (its expiry moves when this answer ends).
        lastSeenAt: id === currentSessionId ? new Date().toISOString() : (seen.get(id) ?? null),
        ip: account?.ip ?? null,
        userAgent: account?.userAgent ?? null,
        current: id === currentSessionId,
      }
    })
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))
}

/** Revokes one of the account's sessions by its public id; false when it has none such. */
export async function revokeSession(ref: AccountRef, publicId: string) {
  const store = await sessions()
  const tagged = await store.tagged(tagOf(ref))
  const match = tagged.find(({ id }) => publicSessionId(id) === publicId)
  if (!match) return false
  await store.destroy(match.id)
  return true
}

/** Revokes every session of an account (removed user, password or role change). */
export async function revokeAllSessions(ref: Pick<AccountRef, 'kind' | 'id'>) {
  const store = await sessions()
  for (const { id } of await store.tagged(tagOf(ref))) await store.destroy(id)
}
