import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ApiKey, { type KeyType } from '#models/api_key'

/**
 * Key format: `sk_` or `pk_`, the tenant id as 32 hex digits, then 32 random base62 characters.
 * The tenant id in the key lets a request set its RLS scope before the key is looked up, so the
 * lookup itself runs under row-level security with no bypass. The first 12 random characters
 * find the row; the SHA-256 of the whole key, compared in constant time, proves it.
 */
const PREFIX: Record<KeyType, string> = { secret: 'sk_', publishable: 'pk_' }
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const KEY_PATTERN = /^(sk|pk)_([0-9a-f]{32})([0-9A-Za-z]{32})$/

function randomBase62(length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: rejecting larger bytes keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62]
    }
  }
  return out
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

/** The parts of a well-formed key, or null for anything else. */
export function parseKey(key: string) {
  const match = KEY_PATTERN.exec(key)
  if (!match) return null
  const hex = match[2]
  const tenantId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  return {
    type: (match[1] === 'sk' ? 'secret' : 'publishable') as KeyType,
    tenantId,
    lookup: match[3].slice(0, 12),
  }
}

/** Creates a key; the plain key is returned here and never again for secret keys. */
export async function createKey(
  trx: TransactionClientContract,
  tenantId: string,
  type: KeyType,
  label: string | null = null
) {
  const random = randomBase62(32)
  const plain = `${PREFIX[type]}${tenantId.replaceAll('-', '')}${random}`
  const key = await ApiKey.create(
    {
      tenantId,
      type,
      label,
      lookup: random.slice(0, 12),
      secretHash: hashKey(plain),
      token: type === 'publishable' ? plain : null,
      lastFour: random.slice(-4),
    },
    { client: trx }
  )
  return { key, plain }
}

/**
 * Finds the key a request presented, in a transaction already scoped to the key's tenant.
 * Returns null when it does not exist or its hash differs (constant-time comparison).
 */
export async function findPresentedKey(trx: TransactionClientContract, presented: string) {
  const parsed = parseKey(presented)
  if (!parsed) return null
  const key = await ApiKey.query({ client: trx })
    .where('tenant_id', parsed.tenantId)
    .where('lookup', parsed.lookup)
    .where('type', parsed.type)
    .first()
  if (!key) return null
  const expected = Buffer.from(key.secretHash, 'hex')
  const actual = Buffer.from(hashKey(presented), 'hex')
  return timingSafeEqual(expected, actual) ? key : null
}

/** Records use at most once a minute per key, so busy keys do not write on every request. */
export async function touchKey(trx: TransactionClientContract, key: ApiKey) {
  await trx.rawQuery(
    `update api_keys set last_used_at = now()
      where tenant_id = ? and id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
    [key.tenantId, key.id]
  )
}
