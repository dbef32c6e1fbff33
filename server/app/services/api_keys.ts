import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import ApiKey, { type KeyType } from '#models/api_key'
import Tenant from '#models/tenant'
import { columnsOf, preparedRows } from '#services/prepared_statements'
import type { TenantRow } from '#services/lazy_tenant'

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

/** A secret key's check: its tenant's row (see lazy_tenant.ts), or why it is refused. */
export type SecretKeyCheck =
  | { ok: true; keyId: string; tenant: TenantRow }
  | { ok: false; problem: 'invalid' | 'revoked' | 'suspended' }

/** What the check reads: the tenant's columns and the presented key's, if it exists. */
interface SecretKeyRow extends TenantRow {
  key_id: string | null
  key_secret_hash: string | null
  key_revoked_at: Date | null
}

const KEY_COLUMNS = ['key_id', 'key_secret_hash', 'key_revoked_at'] as const

/**
 * One round trip (prepared once per connection): the tenant's row and the key, and the key's
 * last use recorded at most once a minute, only for the key that matches, and never waiting for
 * another request that is recording it (SKIP LOCKED): busy keys do not write on every request
 * nor queue behind one row lock. A refused request rolls the stamp back with its transaction.
 */
let secretKeySql: string | undefined
const SECRET_KEY_SQL = () =>
  (secretKeySql ??= `with presented as (
       select k.id, k.secret_hash, k.revoked_at from api_keys k
        where k.tenant_id = $1 and k.lookup = $2 and k.type = 'secret'),
     touched as (
       update api_keys set last_used_at = now()
        where tenant_id = $1 and id = (
          select k.id from api_keys k
           where k.tenant_id = $1 and k.lookup = $2 and k.type = 'secret' and k.secret_hash = $3
             and k.revoked_at is null
             and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute')
           for update skip locked)
       returning id)
   select ${columnsOf(Tenant)}, presented.id as key_id, presented.secret_hash as key_secret_hash,
          presented.revoked_at as key_revoked_at
     from tenants left join presented on true
    where tenants.id = $1`)

/**
 * Checks a presented secret key in a transaction already scoped to the key's tenant: the SHA-256
 * of the whole key, compared in constant time, then revocation, then the tenant's status.
 */
export async function checkSecretKey(
  trx: TransactionClientContract,
  presented: string
): Promise<SecretKeyCheck> {
  const parsed = parseKey(presented)
  if (!parsed || parsed.type !== 'secret') return { ok: false, problem: 'invalid' }
  const digest = hashKey(presented)
  const rows = await preparedRows<SecretKeyRow>(trx, SECRET_KEY_SQL(), [
    parsed.tenantId,
    parsed.lookup,
    digest,
  ])
  const actual = Buffer.from(digest, 'hex')
  const row = rows.find(
    (r) => r.key_secret_hash && timingSafeEqual(Buffer.from(r.key_secret_hash, 'hex'), actual)
  )
  if (!row?.key_id) return { ok: false, problem: 'invalid' }
  if (row.key_revoked_at) return { ok: false, problem: 'revoked' }
  if (row.status !== 'active') return { ok: false, problem: 'suspended' }
  // The tenant's columns only: the key's (its hash) would end up in the model's $extras.
  const tenant: TenantRow = { ...row }
  for (const column of KEY_COLUMNS) delete tenant[column]
  return { ok: true, keyId: row.key_id, tenant }
}
