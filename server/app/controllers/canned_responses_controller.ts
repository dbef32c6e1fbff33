import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import CannedResponse from '#models/canned_response'
import InboxPolicy from '#policies/inbox_policy'
import { CannedResponseTransformer } from '#transformers/canned_response_transformer'
import { validateBody, validateQuery } from '#validators/strict'
import {
  createCannedResponseValidator,
  listCannedResponsesValidator,
  updateCannedResponseValidator,
} from '#validators/canned_responses'

/** A second response with the same shortcut is a conflict with a message people understand. */
function conflict(error: unknown): never {
  if ((error as { code?: string }).code === '23505')
    throw new ApiError('CONFLICT', 'That shortcut is taken')
  throw error
}

/**
 * Canned responses of the workspace: everyone with the inbox reads them (`?prefix=` for the
 * composer's `/shortcut` completion); admins and owners write them.
 */
export default class CannedResponsesController {
  async index({ request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const { prefix } = await validateQuery(request, listCannedResponsesValidator)
    const query = CannedResponse.scoped(member).orderBy('shortcut').limit(200)
    if (prefix) query.whereLike('shortcut', `${prefix.replace(/[%_\\]/g, '\\$&')}%`)
    const rows = await query
    return { data: rows.map(CannedResponseTransformer.transform), nextCursor: null }
  }

  async store({ request, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const payload = await validateBody(request, createCannedResponseValidator)
    const created = await CannedResponse.create(
      { tenantId: member.tenantId, workspaceId: member.workspaceId, ...payload },
      { client: member.trx }
    ).catch(conflict)
    return response.created(CannedResponseTransformer.transform(created))
  }

  async update({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const canned = await CannedResponse.findScoped(member, params.id, 'Canned response')
    canned.merge(await validateBody(request, updateCannedResponseValidator))
    await canned.save().catch(conflict)
    return CannedResponseTransformer.transform(canned)
  }

  async destroy({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const canned = await CannedResponse.findScoped(member, params.id, 'Canned response')
    await canned.delete()
    return response.noContent()
  }
}
