import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import CannedResponse from '#models/canned_response'
import InboxPolicy from '#policies/inbox_policy'
import { DEFAULT_LIMIT } from '#services/pagination'
import { CannedResponseTransformer } from '#transformers/canned_response_transformer'
import { validateBody, validateQuery } from '#validators/strict'
import {
  SHORTCUT,
  createCannedResponseValidator,
  listCannedResponsesValidator,
  updateCannedResponseValidator,
} from '#validators/canned_responses'

/** LIKE's wildcards in what a person typed are literal characters. */
const likeEscape = (text: string) => text.replace(/[%_\\]/g, '\\$&')

/** The cursor is the last shortcut shown (base64url), so pages follow the list's order. */
function decodeShortcut(cursor: string) {
  const shortcut = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!SHORTCUT.test(shortcut))
    throw ApiError.validation([{ field: 'cursor', message: 'Invalid cursor' }])
  return shortcut
}

/** A second response with the same shortcut is a conflict, named on the field it is about. */
const conflict =
  (shortcut: string) =>
  (error: unknown): never => {
    if ((error as { code?: string }).code === '23505')
      throw new ApiError('CONFLICT', 'That shortcut is taken', [
        { field: 'shortcut', message: `Another canned response uses /${shortcut}` },
      ])
    throw error
  }

/**
 * Canned responses of the workspace: everyone with the inbox reads them (`?prefix=` for the
 * composer's `/shortcut` completion, `?q=` for the settings' search); admins and owners write them.
 */
export default class CannedResponsesController {
  async index({ request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const {
      prefix,
      q,
      limit = DEFAULT_LIMIT,
      cursor,
    } = await validateQuery(request, listCannedResponsesValidator)
    const query = CannedResponse.scoped(member)
      .orderBy('shortcut')
      .limit(limit + 1)
    if (prefix) query.whereLike('shortcut', `${likeEscape(prefix)}%`)
    if (q)
      query.where((where) =>
        where
          .whereILike('shortcut', `%${likeEscape(q)}%`)
          .orWhereILike('body', `%${likeEscape(q)}%`)
      )
    if (cursor) query.where('shortcut', '>', decodeShortcut(cursor))
    const rows = await query
    const data = rows.slice(0, limit)
    return {
      data: data.map(CannedResponseTransformer.transform),
      nextCursor:
        rows.length > limit
          ? Buffer.from(data[data.length - 1].shortcut).toString('base64url')
          : null,
    }
  }

  async store({ request, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const payload = await validateBody(request, createCannedResponseValidator)
    const created = await CannedResponse.create(
      { tenantId: member.tenantId, workspaceId: member.workspaceId, ...payload },
      { client: member.trx }
    ).catch(conflict(payload.shortcut))
    return response.created(CannedResponseTransformer.transform(created))
  }

  async update({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const canned = await CannedResponse.findScoped(member, params.id, 'Canned response')
    canned.merge(await validateBody(request, updateCannedResponseValidator))
    await canned.save().catch(conflict(canned.shortcut))
    return CannedResponseTransformer.transform(canned)
  }

  async destroy({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const canned = await CannedResponse.findScoped(member, params.id, 'Canned response')
    await canned.delete()
    return response.noContent()
  }
}
