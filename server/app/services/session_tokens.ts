import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
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

const signingKey = () =>
  createHmac('sha256', env.get('APP_KEY')).update('parley:session-token').digest()

function sign(payload: string): string {
  return createHmac('sha256', signingKey()).update(payload).digest('base64url')
}

export function issueSessionToken(
  claims: Omit<SessionClaims, 'iat' | 'exp' | 'jti'>,
  ttlSeconds: number
) {
  const iat = Math.floor(Date.now() / 1000)
  const full: SessionClaims = {
    ...claims,
    iat,
    exp: iat + ttlSeconds,
    jti: randomBytes(9).toString('base64url'),
  }
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url')
  return { token: `v1.${payload}.${sign(`v1.${payload}`)}`, claims: full }
}

export function verifySessionToken(
  token: string,
  now = Date.now()
): { claims: SessionClaims } | { problem: TokenProblem } {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== 'v1') return { problem: 'malformed' }
  const expected = Buffer.from(sign(`v1.${parts[1]}`))
  const actual = Buffer.from(parts[2])
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { problem: 'signature' }
  }
  let claims: SessionClaims
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return { problem: 'malformed' }
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return { problem: 'expired' }
  return { claims }
}
