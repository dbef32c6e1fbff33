import vine from '@vinejs/vine'
import { CONSOLE_ROLES } from '#models/console_user'
import { MIN_PASSWORD_LENGTH } from '#services/console/accounts'
import { notBlank } from '#validators/rules'

/** Console and admin sign-in, invitations and TOTP (issue 16). */
const email = () => vine.string().trim().email().maxLength(254)
const code = () => vine.string().trim().maxLength(20)
const name = () => vine.string().trim().minLength(1).maxLength(200)
// The length rule is checked again with the email rule in accounts.ts (passwordProblem).
const password = () => vine.string().minLength(MIN_PASSWORD_LENGTH).maxLength(200)

/** POST /v1/console/sessions, /v1/admin/sessions */
export const signInValidator = vine.create(
  vine.object({
    email: email(),
    password: vine.string().maxLength(200),
    code: code().optional(),
    recoveryCode: code().optional(),
    // Only when one email has console accounts in several tenants (answered 409 otherwise).
    tenantId: vine.string().uuid().optional(),
  })
)

/** POST /v1/console/invitations/:token/accept, /v1/admin/invitations/:token/accept */
export const acceptInvitationValidator = vine.create(
  vine.object({ name: name(), password: password() })
)
export const acceptAdminInvitationValidator = vine.create(
  vine.object({ name: name().optional(), password: password() })
)

/** POST …/totp/verify, DELETE …/totp */
export const totpCodeValidator = vine.create(vine.object({ code: code() }))

/** POST /v1/console/users (an invitation) */
export const inviteUserValidator = vine.create(
  vine.object({ email: email(), role: vine.enum(CONSOLE_ROLES) })
)

/**
 * PATCH /v1/console/users/:id. A blank role or name arrives as null (the body parser), which
 * optional() would take as left out: notBlank refuses it.
 */
export const updateUserValidator = vine.create(
  vine.object({
    role: vine.enum(CONSOLE_ROLES).use(notBlank()).optional(),
    name: name().use(notBlank()).optional(),
  })
)
