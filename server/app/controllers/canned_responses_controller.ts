import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { v7 as uuidv7 } from 'uuid'
import { ApiError } from '#exceptions/api_error'
import { InboxPolicy } from '#policies/inbox_policy'
import type { SessionTenancy } from '#services/tenancy'
import { validateBody, validateQuery } from '#validators/strict'
import { UUID_PATTERN } from '#validators/rules'

const shortcut = () =>
  vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/)
const cannedValidator = vine.create(
  vine.object({ shortcut: shortcut(), body: vine.string().trim().minLength(1).maxLength(10_000) })
)
const updateValidator = vine.create(
  vine.object({
    shortcut: shortcut().optional(),
    body: vine.string().trim().minLength(1).maxLength(10_000).optional(),
  })
)
const listValidator = vine.create(
  vine.object({ prefix: vine.string().trim().toLowerCase().maxLength(40).optional() })
)

const present = (row: any) => ({
  id: row.id,
  shortcut: row.shortcut,
  body: row.body,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
})

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
  #scoped(t: SessionTenancy) {
    return t.trx
      .from('canned_responses')
      .where('tenant_id', t.tenantId)
      .where('workspace_id', t.workspaceId)
  }

  async #find(t: SessionTenancy, id: string) {
    const row = UUID_PATTERN.test(id) ? await this.#scoped(t).where('id', id).first() : null
    if (!row) throw ApiError.notFound('Canned response')
    return row
  }

  async index({ request, tenancy }: HttpContext) {
    const t = tenancy as SessionTenancy
    InboxPolicy.read(t)
    const { prefix } = await validateQuery(request, listValidator)
    const query = this.#scoped(t).orderBy('shortcut').limit(200)
    if (prefix) query.whereLike('shortcut', `${prefix.replace(/[%_\\]/g, '\\$&')}%`)
    const rows = await query
    return { data: rows.map(present), nextCursor: null }
  }

  async store({ request, response, tenancy }: HttpContext) {
    const t = tenancy as SessionTenancy
    InboxPolicy.manage(t)
    const payload = await validateBody(request, cannedValidator)
    const row = {
      tenant_id: t.tenantId,
      workspace_id: t.workspaceId,
      id: uuidv7(),
      ...payload,
      created_at: new Date(),
      updated_at: new Date(),
    }
    await t.trx.table('canned_responses').insert(row).catch(conflict)
    return response.created(present(row))
  }

  async update({ params, request, tenancy }: HttpContext) {
    const t = tenancy as SessionTenancy
    InboxPolicy.manage(t)
    const existing = await this.#find(t, params.id)
    const payload = await validateBody(request, updateValidator)
    const changes = { ...payload, updated_at: new Date() }
    await this.#scoped(t).where('id', existing.id).update(changes).catch(conflict)
    return present({ ...existing, ...changes })
  }

  async destroy({ params, response, tenancy }: HttpContext) {
    const t = tenancy as SessionTenancy
    InboxPolicy.manage(t)
    await this.#find(t, params.id)
    await this.#scoped(t).where('id', params.id).delete()
    return response.noContent()
  }
}
