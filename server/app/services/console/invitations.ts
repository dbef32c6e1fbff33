import { createHash, randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ApiError } from '#exceptions/api_error'
import ConsoleInvitation from '#models/console_invitation'
import ConsoleUser, { type ConsoleRole } from '#models/console_user'
import type { ModelScope } from '#models/parley_model'
import PlatformUser from '#models/platform_user'
import { audit } from '#services/audit'
import { withTenant } from '#services/tenant_context'
import type { ActorType } from '#models/audit_event'
import { normaliseEmail, passwordProblem, publicLink } from '#services/console/accounts'
import { UUID_PATTERN } from '#validators/rules'

/**
 * One-time links: console invitations (`node ace console:invite`, POST /v1/console/users) and a
 * platform admin's first password (`node ace admin:create`). The token travels in the link's
 * fragment (never sent to a server log by the browser) and only its SHA-256 is stored. A console
 * invitation's token names its tenant, like API keys do, so accepting it runs under RLS with no
 * cross-tenant lookup. Links expire after 72 hours and work once.
 */
export const INVITATION_HOURS = 72
const CONSOLE_TOKEN = /^ci_([0-9a-f]{32})([A-Za-z0-9_-]{32})$/
const ADMIN_TOKEN = /^pa_[A-Za-z0-9_-]{32}$/

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const random = () => randomBytes(24).toString('base64url')

function tenantOf(token: string): string | null {
  const match = CONSOLE_TOKEN.exec(token)
  if (!match) return null
  const hex = match[1]
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const invalidLink = () =>
  new ApiError('NOT_FOUND', 'This link is not valid: it was used already, has expired or is wrong')

/**
 * Creates a console invitation in the tenant's transaction; the plain link is returned once.
 * An email that is already a console user of the tenant is a 409. An email with an open
 * invitation gets a new one in its place, as dashboards do: the old row (and so its link) is
 * deleted, the new one carries the new role and expiry, and `console_user.invited` names the
 * invitation it replaced. Emails compare case-insensitively.
 *
 * One open invitation per tenant and email is held by a unique index (migration 0038). Invitations
 * of the same email take a transaction-scoped lock on it first, so concurrent ones queue: each
 * replaces the one before it, and exactly one stays open. The membership check comes after the
 * open invitation is locked, so an acceptance in flight is waited for and then seen.
 */
export async function inviteConsoleUser(
  trx: TransactionClientContract,
  input: {
    tenantId: string
    email: string
    role: ConsoleRole
    invitedBy?: string | null
    actor: { type: ActorType; id?: string | null }
  }
) {
  const email = normaliseEmail(input.email)
  await trx.rawQuery('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
    `console_invitation:${input.tenantId}:${email}`,
  ])
  const replaced = await deleteOpenInvitation(trx, input.tenantId, email)
  const existing = await ConsoleUser.scoped({ trx, tenantId: input.tenantId })
    .where('email', email)
    .first()
  if (existing) throw new ApiError('CONFLICT', 'This email already has a console account')
  const token = `ci_${input.tenantId.replaceAll('-', '')}${random()}`
  const invitation = await ConsoleInvitation.create(
    {
      tenantId: input.tenantId,
      email,
      role: input.role,
      tokenHash: sha256(token),
      invitedBy: input.invitedBy ?? null,
      expiresAt: DateTime.now().plus({ hours: INVITATION_HOURS }),
      acceptedAt: null,
    },
    { client: trx }
  )
  await audit(trx, {
    tenantId: input.tenantId,
    action: 'console_user.invited',
    actor: input.actor,
    target: { type: 'console_invitation', id: invitation.id },
    data: {
      email,
      role: input.role,
      ...(replaced
        ? {
            replaced: {
              id: replaced.id,
              role: replaced.role,
              expiresAt: replaced.expiresAt.toISO(),
            },
          }
        : {}),
    },
  })
  return { invitation, token, link: publicLink('/console/invite', token) }
}

/**
 * Deletes the tenant's open (not accepted, expired or not) invitation of `email` and answers it
 * (the newest, should rows from before migration 0038 remain), or null.
 */
async function deleteOpenInvitation(
  trx: TransactionClientContract,
  tenantId: string,
  email: string
) {
  const open = await ConsoleInvitation.scoped({ trx, tenantId })
    .whereRaw('lower(email) = ?', [email])
    .whereNull('accepted_at')
    .orderBy('created_at')
    .forUpdate()
  for (const invitation of open) await invitation.useTransaction(trx).delete()
  return open.at(-1) ?? null
}

/**
 * A pending (not accepted, not expired) invitation of the scope's tenant, locked until the
 * transaction ends so an acceptance cannot slip between the check and a cancellation. Any other
 * id (accepted, expired, unknown, another tenant's, malformed) is the same 404.
 */
export async function findPendingInvitation(scope: ModelScope, id: string) {
  const found = UUID_PATTERN.test(id)
    ? await ConsoleInvitation.scoped(scope)
        .where('id', id)
        .whereNull('accepted_at')
        .where('expires_at', '>', new Date())
        .forUpdate()
        .first()
    : null
  if (!found) throw ApiError.notFound('Invitation')
  return found
}

/**
 * Cancels a pending invitation: the row (and so its token hash) is deleted, so the link answers
 * like an unknown one. The audit keeps what was withdrawn, beside the `console_user.invited`
 * event of the same target id; a row kept as "expired" would say something that did not happen.
 */
export async function cancelConsoleInvitation(
  trx: TransactionClientContract,
  invitation: ConsoleInvitation,
  actor: { type: ActorType; id?: string | null }
) {
  await invitation.useTransaction(trx).delete()
  await audit(trx, {
    tenantId: invitation.tenantId,
    action: 'console_invitation.cancelled',
    actor,
    target: { type: 'console_invitation', id: invitation.id },
    data: { email: invitation.email, role: invitation.role },
  })
}

/** Accepts an invitation: creates the console user with its password. Works once. */
export async function acceptConsoleInvitation(token: string, name: string, password: string) {
  const tenantId = tenantOf(token)
  if (!tenantId) throw invalidLink()
  return withTenant({ tenantId }, async (trx) => {
    const invitation = await ConsoleInvitation.scoped({ trx, tenantId })
      .where('token_hash', sha256(token))
      .whereNull('accepted_at')
      .where('expires_at', '>', new Date())
      .forUpdate()
      .first()
    if (!invitation) throw invalidLink()
    const problem = passwordProblem(password, invitation.email)
    if (problem) throw ApiError.validation([{ field: 'password', message: problem }])
    const taken = await ConsoleUser.scoped({ trx, tenantId })
      .where('email', invitation.email)
      .first()
    if (taken) throw new ApiError('CONFLICT', 'This email already has a console account')

    const user = await ConsoleUser.create(
      {
        tenantId,
        email: invitation.email,
        name,
        role: invitation.role,
        passwordHash: await hash.make(password),
        recoveryCodes: [],
        failedAttempts: 0,
      },
      { client: trx }
    )
    invitation.acceptedAt = DateTime.now()
    await invitation.useTransaction(trx).save()
    await audit(trx, {
      tenantId,
      action: 'console_user.created',
      actor: { type: 'console_user', id: user.id },
      target: { type: 'console_user', id: user.id },
      data: { email: user.email, role: user.role, invitationId: invitation.id },
    })
    return user
  })
}

/**
 * Creates a platform admin (or renews the set-up link of one who never set a password) and
 * returns the one-time link to set the password. TOTP is then enrolled at the first sign-in.
 */
export async function createPlatformAdmin(email: string, name = '') {
  const normal = normaliseEmail(email)
  const token = `pa_${random()}`
  return db.connection('operator').transaction(async (trx) => {
    const existing = await PlatformUser.query({ client: trx }).where('email', normal).first()
    if (existing?.passwordHash) throw new ApiError('CONFLICT', 'This admin exists already')
    const admin = existing ?? new PlatformUser()
    admin.merge({
      email: normal,
      name: name || admin.name || '',
      setupTokenHash: sha256(token),
      setupExpiresAt: DateTime.now().plus({ hours: INVITATION_HOURS }),
    })
    if (!existing) admin.merge({ recoveryCodes: [], failedAttempts: 0 })
    await admin.useTransaction(trx).save()
    return { admin, token, link: publicLink('/admin/invite', token) }
  })
}

/** Sets a platform admin's first password through the link of `admin:create`. Works once. */
export async function acceptAdminSetup(token: string, name: string | undefined, password: string) {
  if (!ADMIN_TOKEN.test(token)) throw invalidLink()
  return db.connection('operator').transaction(async (trx) => {
    const admin = await PlatformUser.query({ client: trx })
      .where('setup_token_hash', sha256(token))
      .where('setup_expires_at', '>', new Date())
      .forUpdate()
      .first()
    if (!admin) throw invalidLink()
    const problem = passwordProblem(password, admin.email)
    if (problem) throw ApiError.validation([{ field: 'password', message: problem }])
    admin.merge({
      passwordHash: await hash.make(password),
      name: name ?? admin.name,
      setupTokenHash: null,
      setupExpiresAt: null,
    })
    await admin.useTransaction(trx).save()
    return admin
  })
}
