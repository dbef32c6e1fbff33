import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import env from '#start/env'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ApiError } from '#exceptions/api_error'
import { withTenant } from '#services/tenant_context'
import {
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  otpauthUrl,
  sealSecret,
  totpStep,
} from '#services/console/totp'

/**
 * Accounts that sign in with a password and TOTP: console users (a tenant's, under RLS) and
 * platform admins (no tenant, operator connection only). One set of rules for both:
 * - the same 401 for an unknown email, a wrong password and a locked account, and the same work
 *   (a dummy hash is verified when no account matches), so neither answers nor timing tell
 *   whether an email is registered;
 * - MAX_FAILURES wrong passwords or codes in a row lock the account for LOCK_MINUTES;
 * - a TOTP code works once (its time step must be later than the last one used) and a recovery
 *   code once (removed from the array in the UPDATE that checks it).
 */
export type AccountKind = 'console' | 'admin'

/** Who a session belongs to. `tenantId` is null for platform admins. */
export interface AccountRef {
  kind: AccountKind
  id: string
  tenantId: string | null
}

export const MAX_FAILURES = 10
export const LOCK_MINUTES = 15
export const MIN_PASSWORD_LENGTH = 12

const TABLE: Record<AccountKind, string> = { console: 'console_users', admin: 'platform_users' }

/** Runs `work` in a transaction that can see the account's row (RLS-scoped for console users). */
export function withAccount<T>(
  ref: AccountRef,
  work: (trx: TransactionClientContract) => Promise<T>,
  /** The request's transaction when it already has one (a console session's RLS scope). */
  current?: TransactionClientContract
): Promise<T> {
  if (current) return work(current)
  if (ref.kind === 'console') return withTenant({ tenantId: ref.tenantId! }, work)
  return db.connection('operator').transaction(work)
}

/** The account's row, locked for the rest of the transaction. */
async function lockRow(trx: TransactionClientContract, ref: AccountRef) {
  const query = trx.from(TABLE[ref.kind]).where('id', ref.id).forUpdate()
  if (ref.kind === 'console') query.where('tenant_id', ref.tenantId!)
  return query.first()
}

async function update(trx: TransactionClientContract, ref: AccountRef, values: object) {
  const query = trx.from(TABLE[ref.kind]).where('id', ref.id)
  if (ref.kind === 'console') query.where('tenant_id', ref.tenantId!)
  await query.update({ ...values, updated_at: new Date() })
}

let dummy: Promise<string> | undefined
/** A hash to verify against when no account matches: the same scrypt work as a real check. */
function dummyHash() {
  dummy ??= hash.make('parley-no-such-account-password')
  return dummy
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase()

/** Password rules (issue 16): at least 12 characters and not the email itself. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`
  if (password.trim().toLowerCase() === normaliseEmail(email))
    return 'The password must not be the email address'
  return null
}

/**
 * The accounts an email belongs to. For console users this is the one cross-tenant read of the
 * console: it runs on the operator connection (the table owner; the operator policy of
 * isolate() shows every tenant when none is named), returns only ids and tenant ids, and the
 * rest of sign-in runs under RLS in the account's tenant. The app role's RLS is never widened.
 */
export async function findAccounts(
  kind: AccountKind,
  email: string,
  tenantId?: string
): Promise<AccountRef[]> {
  const query = db
    .connection('operator')
    .from(TABLE[kind])
    .where('email', normaliseEmail(email))
    .select('id', kind === 'console' ? 'tenant_id' : db.raw('null as tenant_id'))
    .limit(20)
  if (kind === 'console' && tenantId) query.where('tenant_id', tenantId)
  const rows = await query
  return rows.map((r: any) => ({ kind, id: r.id, tenantId: r.tenant_id }))
}

/** One more failure: counts it and locks the account when the count reaches MAX_FAILURES. */
async function recordFailure(trx: TransactionClientContract, ref: AccountRef, row: any) {
  const failures = (row.failed_attempts ?? 0) + 1
  const lock = failures >= MAX_FAILURES
  await update(trx, ref, {
    failed_attempts: lock ? 0 : failures,
    locked_until: lock ? new Date(Date.now() + LOCK_MINUTES * 60_000) : row.locked_until,
  })
}

const isLocked = (row: any) => row.locked_until && new Date(row.locked_until) > new Date()

export interface SignInInput {
  email: string
  password: string
  code?: string
  recoveryCode?: string
  tenantId?: string
}

export type SignInOutcome =
  | { status: 'ok'; ref: AccountRef; mfa: boolean; totpSetupRequired: boolean }
  | { status: 'invalid' }
  | { status: 'totpRequired'; wrongCode: boolean }
  | { status: 'ambiguous'; tenantIds: string[] }

/**
 * Checks a sign-in. Failures are recorded in their own committed transaction before the caller
 * answers, so a refused attempt still counts towards the lock-out.
 */
export async function checkSignIn(kind: AccountKind, input: SignInInput): Promise<SignInOutcome> {
  const candidates = await findAccounts(kind, input.email, input.tenantId)
  if (candidates.length === 0) {
    await hash.verify(await dummyHash(), input.password)
    return { status: 'invalid' }
  }

  const matches: AccountRef[] = []
  for (const ref of candidates) {
    const ok = await withAccount(ref, async (trx) => {
      const row = await lockRow(trx, ref)
      if (!row) return false
      if (isLocked(row) || !row.password_hash) {
        await hash.verify(await dummyHash(), input.password)
        return false
      }
      if (await hash.verify(row.password_hash, input.password)) return true
      await recordFailure(trx, ref, row)
      return false
    })
    if (ok) matches.push(ref)
  }
  if (matches.length === 0) return { status: 'invalid' }
  if (matches.length > 1) return { status: 'ambiguous', tenantIds: matches.map((m) => m.tenantId!) }

  const ref = matches[0]
  return withAccount(ref, async (trx): Promise<SignInOutcome> => {
    const row = await lockRow(trx, ref)
    if (!row) return { status: 'invalid' }
    let mfa = false
    if (row.totp_enabled_at) {
      if (!input.code && !input.recoveryCode) return { status: 'totpRequired', wrongCode: false }
      const passed = input.code
        ? await useTotpCode(trx, ref, row, input.code)
        : await useRecoveryCode(trx, ref, input.recoveryCode!)
      if (!passed) {
        await recordFailure(trx, ref, row)
        return { status: 'totpRequired', wrongCode: true }
      }
      mfa = true
    }
    await update(trx, ref, { failed_attempts: 0, locked_until: null, last_sign_in_at: new Date() })
    // Platform admins must always have TOTP: the first sign-in may only enrol it.
    return { status: 'ok', ref, mfa, totpSetupRequired: kind === 'admin' && !mfa }
  })
}

/** Accepts a code for a step later than the last used one, and remembers its step. */
async function useTotpCode(
  trx: TransactionClientContract,
  ref: AccountRef,
  row: any,
  code: string
): Promise<boolean> {
  const step = totpStep(openSecret(row.totp_sealed), code.trim())
  if (step === null) return false
  if (row.totp_last_step !== null && step <= Number(row.totp_last_step)) return false
  await update(trx, ref, { totp_last_step: step })
  return true
}

/** Consumes a recovery code: removed in the same UPDATE that finds it, so it works once. */
async function useRecoveryCode(trx: TransactionClientContract, ref: AccountRef, code: string) {
  const digest = hashRecoveryCode(code)
  const { rows } = await trx.rawQuery(
    `update ${TABLE[ref.kind]} set recovery_codes = array_remove(recovery_codes, ?), updated_at = now()
      where id = ? and ? = any(recovery_codes) returning id`,
    [digest, ref.id, digest]
  )
  return rows.length === 1
}

/** Starts TOTP enrolment: a new secret, kept pending until a code from it is verified. */
export async function startTotp(
  ref: AccountRef,
  label: string,
  current?: TransactionClientContract
) {
  return withAccount(
    ref,
    async (trx) => {
      const row = await lockRow(trx, ref)
      if (!row) throw ApiError.unauthenticated()
      if (row.totp_enabled_at)
        throw new ApiError('CONFLICT', 'Two-step sign-in is already on; turn it off first')
      const secret = newTotpSecret()
      await update(trx, ref, { totp_pending_sealed: sealSecret(secret) })
      return { otpauthUrl: otpauthUrl(secret, label), secret }
    },
    current
  )
}

/** Confirms enrolment with a code from the pending secret; returns recovery codes, shown once. */
export async function confirmTotp(
  ref: AccountRef,
  code: string,
  current?: TransactionClientContract
) {
  return withAccount(
    ref,
    async (trx) => {
      const row = await lockRow(trx, ref)
      if (!row) throw ApiError.unauthenticated()
      if (!row.totp_pending_sealed)
        throw new ApiError('CONFLICT', 'Start with POST …/totp to get a secret first')
      const step = totpStep(openSecret(row.totp_pending_sealed), code.trim())
      if (step === null)
        throw ApiError.validation([{ field: 'code', message: 'The code is wrong or has expired' }])
      const recoveryCodes = newRecoveryCodes()
      await update(trx, ref, {
        totp_sealed: row.totp_pending_sealed,
        totp_pending_sealed: null,
        totp_enabled_at: new Date(),
        totp_last_step: step,
        recovery_codes: recoveryCodes.map(hashRecoveryCode),
      })
      return { recoveryCodes }
    },
    current
  )
}

/** Turns TOTP off, proven with a current code (console users only: admins must keep it). */
export async function disableTotp(
  ref: AccountRef,
  code: string,
  current?: TransactionClientContract
) {
  return withAccount(
    ref,
    async (trx) => {
      const row = await lockRow(trx, ref)
      if (!row) throw ApiError.unauthenticated()
      if (!row.totp_enabled_at) throw new ApiError('CONFLICT', 'Two-step sign-in is not on')
      if (!(await useTotpCode(trx, ref, row, code))) {
        await recordFailure(trx, ref, row)
        throw ApiError.validation([{ field: 'code', message: 'The code is wrong or has expired' }])
      }
      await update(trx, ref, {
        totp_sealed: null,
        totp_pending_sealed: null,
        totp_enabled_at: null,
        totp_last_step: null,
        recovery_codes: [],
      })
    },
    current
  )
}

/** The one-time links printed by the ace commands and sent by invitations. */
export function publicLink(path: string, token: string) {
  const base = env.get('PUBLIC_URL') ?? `http://localhost:${env.get('PORT')}`
  return `${base.replace(/\/$/, '')}${path}#${token}`
}
