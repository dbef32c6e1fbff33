import {
  createHmac,
  createSecretKey,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto'
import env from '#start/env'
import type { Role } from '#models/member'
import type { Widget } from '#models/tenant'

/**
 * Short-lived, stateless session tokens: `v1.<payload>.<signature>`, the payload base64url JSON,
 * the signature HMAC-SHA256 under a key derived from APP_KEY. Everything a widget does is
 * authorised by the claims alone, checked against the database (tenant active, minting key not
 * revoked) on every request.
 */
export interface SessionClaims {
  /** tenant, workspace and member ids (Parley's) */
  tenantId: string
  workspaceId: string
  memberId: string
  role: Role
  widgets: Widget[]
  /** the secret key that minted it: revoking the key ends its sessions */
  keyId: string
  /** issued at and expiry, unix seconds */
  iat: number
  exp: number
  jti: string
}

export type TokenProblem = 'malformed' | 'signature' | 'expired'

/** Web chat visitors' tokens (`c1.…`): one contact of one workspace, signed under another key. */
export interface VisitorClaims {
  tenantId: string
  workspaceId: string
  contactId: string
  /** the key that minted it (publishable for anonymous visitors, secret for signed-in users) */
  keyId: string
  iat: number
  exp: number
  jti: string
}

const PURPOSES = { v1: 'parley:session-token', c1: 'parley:visitor-token' } as const
type Kind = keyof typeof PURPOSES

/**
 * The key each kind is signed under, derived once (every request verifies a token) and held as
 * a KeyObject: an HMAC over a Buffer key costs Node about 60 µs more per call than over a KeyObject.
 */
const signingKeys = new Map<Kind, KeyObject>()
function signingKey(kind: Kind) {
  let key = signingKeys.get(kind)
  if (!key) {
    key = createSecretKey(createHmac('sha256', env.get('APP_KEY')).update(PURPOSES[kind]).digest())
    signingKeys.set(kind, key)
  }
  return key
}

function sign(payload: string, kind: Kind = 'v1'): string {
  return createHmac('sha256', signingKey(kind)).update(payload).digest('base64url')
}

function issue<C extends object>(kind: Kind, claims: C, ttlSeconds: number) {
  const iat = Math.floor(Date.now() / 1000)
  const full = { ...claims, iat, exp: iat + ttlSeconds, jti: randomBytes(9).toString('base64url') }
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url')
  return { token: `${kind}.${payload}.${sign(`${kind}.${payload}`, kind)}`, claims: full }
}

function verify<C extends { exp: number }>(
  kind: Kind,
  token: string,
  now: number
): { claims: C } | { problem: TokenProblem } {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== kind) return { problem: 'malformed' }
  const expected = Buffer.from(sign(`${kind}.${parts[1]}`, kind))
  const actual = Buffer.from(parts[2])
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { problem: 'signature' }
  }
  let claims: C
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return { problem: 'malformed' }
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return { problem: 'expired' }
  return { claims }
}

/** Which kind of token a bearer string is, by its prefix. */
export const tokenKind = (token: string) => (token.startsWith('c1.') ? 'visitor' : 'member')

export function issueVisitorToken(
  claims: Omit<VisitorClaims, 'iat' | 'exp' | 'jti'>,
  ttlSeconds: number
) {
  return issue<Omit<VisitorClaims, 'iat' | 'exp' | 'jti'>>('c1', claims, ttlSeconds) as {
    token: string
    claims: VisitorClaims
  }
}

export function verifyVisitorToken(token: string, now = Date.now()) {
  return verify<VisitorClaims>('c1', token, now)
}

export function issueSessionToken(
  claims: Omit<SessionClaims, 'iat' | 'exp' | 'jti'>,
  ttlSeconds: number
) {
  return issue('v1', claims, ttlSeconds) as { token: string; claims: SessionClaims }
}

export function verifySessionToken(
  token: string,
  now = Date.now()
): { claims: SessionClaims } | { problem: TokenProblem } {
  return verify<SessionClaims>('v1', token, now)
}
