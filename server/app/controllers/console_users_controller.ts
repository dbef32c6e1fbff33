import type { HttpContext } from '@adonisjs/core/http'
import { Bouncer } from '@adonisjs/bouncer'
import { ApiError } from '#exceptions/api_error'
import ConsoleUser from '#models/console_user'
import ConsoleInvitation from '#models/console_invitation'
import ConsoleUserPolicy from '#policies/console_user_policy'
import { audit } from '#services/audit'
import { inviteConsoleUser } from '#services/console/invitations'
import { presentConsoleUser } from '#services/console/present'
import { revokeAllSessions } from '#services/console/web_sessions'
import { validateBody } from '#validators/strict'
import { inviteUserValidator, updateUserValidator } from '#validators/console'

/**
 * A tenant's console users (console session): GET lists them with pending invitations, POST
 * invites (the link is in the answer, once: Parley sends no email), PATCH changes a role or
 * name, DELETE removes one and ends their sessions. ConsoleUserPolicy: owners manage everyone,
 * admins all but owners. The tenant always keeps an owner.
 */
export default class ConsoleUsersController {
  async index({ tenancy }: HttpContext) {
    const users = await ConsoleUser.scoped(tenancy).orderBy('created_at')
    const invitations = await ConsoleInvitation.scoped(tenancy)
      .whereNull('accepted_at')
      .where('expires_at', '>', new Date())
      .orderBy('created_at')
    return {
      data: users.map(presentConsoleUser),
      nextCursor: null,
      invitations: invitations.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        expiresAt: i.expiresAt.toISO(),
      })),
    }
  }

  /**
   * Invites someone to this tenant's console: the answer carries the one-time link, once. An
   * email that has a pending invitation gets a new one in its place (the old link stops working;
   * the new role and expiry apply). An email that is already a console user of this tenant
   * answers 409.
   */
  async store({ tenancy, consoleUser, request, response }: HttpContext) {
    const { email, role } = await validateBody(request, inviteUserValidator)
    await new Bouncer(consoleUser!).with(ConsoleUserPolicy).authorize('invite', role)
    const { invitation, link } = await inviteConsoleUser(tenancy.trx, {
      tenantId: tenancy.tenantId,
      email,
      role,
      invitedBy: consoleUser!.id,
      actor: tenancy.actor as { type: 'console_user'; id: string },
    })
    return response.created({
      invitation: {
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        expiresAt: invitation.expiresAt.toISO(),
      },
      link,
    })
  }

  async update({ tenancy, consoleUser, params, request }: HttpContext) {
    const target = await ConsoleUser.findScoped(tenancy, String(params.id), 'User')
    const { role, name } = await validateBody(request, updateUserValidator)
    await new Bouncer(consoleUser!).with(ConsoleUserPolicy).authorize('update', target, role)
    const before = { role: target.role, name: target.name }
    if (role && role !== target.role && target.role === 'owner') await keepAnOwner(tenancy, target)
    target.merge({ ...(role ? { role } : {}), ...(name ? { name } : {}) })
    await target.useTransaction(tenancy.trx).save()
    await audit(tenancy.trx, {
      tenantId: tenancy.tenantId,
      action: 'console_user.updated',
      actor: tenancy.actor as { type: 'console_user'; id: string },
      target: { type: 'console_user', id: target.id },
      data: { before, after: { role: target.role, name: target.name } },
    })
    return { user: presentConsoleUser(target) }
  }

  async destroy({ tenancy, consoleUser, params, response }: HttpContext) {
    const target = await ConsoleUser.findScoped(tenancy, String(params.id), 'User')
    await new Bouncer(consoleUser!).with(ConsoleUserPolicy).authorize('delete', target)
    if (target.role === 'owner') await keepAnOwner(tenancy, target)
    await target.useTransaction(tenancy.trx).delete()
    await audit(tenancy.trx, {
      tenantId: tenancy.tenantId,
      action: 'console_user.deleted',
      actor: tenancy.actor as { type: 'console_user'; id: string },
      target: { type: 'console_user', id: target.id },
      data: { email: target.email, role: target.role },
    })
    // Their sessions would answer 401 anyway (the user is gone); this also frees the rows.
    tenancy.trx.after('commit', () => revokeAllSessions({ kind: 'console', id: target.id }))
    return response.noContent()
  }
}

/** Refuses to remove or demote the tenant's last owner. */
async function keepAnOwner(tenancy: HttpContext['tenancy'], target: ConsoleUser) {
  const others = await ConsoleUser.scoped(tenancy)
    .where('role', 'owner')
    .whereNot('id', target.id)
    .forUpdate()
  if (others.length === 0) throw new ApiError('CONFLICT', 'The tenant must keep at least one owner')
}
