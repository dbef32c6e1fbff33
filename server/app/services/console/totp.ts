import { createHash, randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import encryption from '@adonisjs/core/services/encryption'

/**
 * TOTP (RFC 6238, 30 s, 6 digits, SHA-1: what every authenticator app reads) through `otpauth`,
 * and recovery codes. Secrets are sealed with APP_KEY at rest; a code is accepted one step either
 * side of now, and only for a step later than the last one used (a code works once).
 */
const PERIOD = 30
const ISSUER = 'Parley'

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totp(secret: string, label = 'console') {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  })
}

/** The otpauth:// URL an authenticator app scans (as a QR code) or imports. */
export function otpauthUrl(secret: string, label: string): string {
  return totp(secret, label).toString()
}

/** The code for now (or `at`): for tests and the dev seed. */
export function totpCode(secret: string, at = Date.now()): string {
  return totp(secret).generate({ timestamp: at })
}

/** The time step a code belongs to, or null when it is not valid within ±1 step of now. */
export function totpStep(secret: string, code: string, at = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totp(secret).validate({ token: code, timestamp: at, window: 1 })
  return delta === null ? null : Math.floor(at / 1000 / PERIOD) + delta
}

export const sealSecret = (secret: string) => encryption.encrypt(secret)
export function openSecret(sealed: string): string {
  const secret = encryption.decrypt<string>(sealed)
  // Only an APP_KEY change without keeping the old key in front makes this happen.
  if (!secret) throw new Error('A TOTP secret could not be opened with APP_KEY')
  return secret
}

/** Recovery codes as people read them (xxxxx-xxxxx, lower-case base32, 50 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(10)].map((b) => alphabet[b & 31]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

/** Codes are random and high-entropy: SHA-256 is enough (a slow hash would add nothing). */
export function hashRecoveryCode(code: string): string {
  const normal = code.trim().toLowerCase().replaceAll(/[\s-]/g, '')
  return createHash('sha256').update(normal).digest('hex')
}
