import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { v7 as uuidv7 } from 'uuid'
import { ApiError } from '#exceptions/api_error'
import { InboxPolicy } from '#policies/inbox_policy'
import type { SessionTenancy } from '#services/tenancy'
import { dispatch } from '#services/queues'
import { checkOutboundUrl } from '#services/outbound'
import { WEBHOOK_EVENTS, newWebhookSecret, sealSecret } from '#services/webhooks'
import { DeliverWebhook } from '#jobs/deliver_webhook'
import { validateBody, validateQuery } from '#validators/strict'
import { cursor, pageLimit, UUID_PATTERN } from '#validators/rules'
import { decodeCursor, encodeCursor, DEFAULT_LIMIT } from '#services/pagination'

const createWebhookValidator = vine.create(
  vine.object({
    url: vine.string().trim().maxLength(2048),
    events: vine.array(vine.enum(WEBHOOK_EVENTS)).minLength(1).distinct(),
    description: vine.string().trim().maxLength(200).optional(),
  })
)
const pageValidator = vine.create(vine.object({ limit: pageLimit(), cursor: cursor() }))

const present = (row: any) => ({
  id: row.id,
  url: row.url,
  events: row.events,
  description: row.description,
  active: row.active,
  createdAt: new Date(row.created_at).toISOString(),
})

/** A workspace's outbound webhooks (admins and owners) and their delivery log. */
export default class WebhooksController {
  #scoped(t: SessionTenancy, table = 'webhooks') {
    return t.trx.from(table).where('tenant_id', t.tenantId).where('workspace_id', t.workspaceId)
  }

  async #find(t: SessionTenancy, id: string) {
    const row = UUID_PATTERN.test(id) ? await this.#scoped(t).where('id', id).first() : null
    if (!row) throw ApiError.notFound('Webhook')
    return row
  }

  async index({ tenancy }: HttpContext) {
    const t = tenancy as SessionTenancy
    InboxPolicy.manage(t)
    const rows = await this.#scoped(t).orderBy('id', 'desc')
    return { data: rows.map(present), nextCursor: null }
  }

  /** The secret is returned here only: receivers use it to check the Parley-Signature header. */
  async store({ request, response, tenancy }: HttpContext) {
    const t = tenancy as SessionTenancy
    InboxPolicy.manage(t)
    const payload = await validateBody(request, createWebhookValidator)
    const refused = await checkOutboundUrl(payload.url)
    if (refused) throw ApiError.validation([{ field: 'url', message: `The URL ${refused}` }])
    const secret = newWebhookSecret()
    const row = {
      tenant_id: t.tenantId,
      workspace_id: t.workspaceId,
      id: uuidv7(),
      url: payload.url,
      events: payload.events,
      secret_encrypted: sealSecret(secret),
      description: payload.description ?? null,
      active: true,
      created_at: new Date(),
    }
    await t.trx.table('webhooks').insert(row)
    return response.created({ ...present(row), secret })
  }

  async destroy({ params, response, tenancy }: HttpContext) {
    const t = tenancy as SessionTenancy
    InboxPolicy.manage(t)
    await this.#find(t, params.id)
    await this.#scoped(t).where('id', params.id).delete()
    return response.noContent()
  }

  async deliveries({ params, request, tenancy }: HttpContext) {
    const t = tenancy as SessionTenancy
    InboxPolicy.manage(t)
    await this.#find(t, params.id)
    const page = await validateQuery(request, pageValidator)
    const limit = page.limit ?? DEFAULT_LIMIT
    const query = this.#scoped(t, 'webhook_deliveries').where('webhook_id', params.id)
    if (page.cursor) query.where('id', '<', decodeCursor(page.cursor))
    const rows = await query.orderBy('id', 'desc').limit(limit + 1)
    return {
      data: rows.slice(0, limit).map((d: any) => ({
        id: d.id,
        event: d.event_type,
        status: d.status,
        attempts: d.attempts,
        responseStatus: d.response_status,
        responseBody: d.response_body,
        error: d.error,
        deliveredAt: d.delivered_at ? new Date(d.delivered_at).toISOString() : null,
        createdAt: new Date(d.created_at).toISOString(),
      })),
      nextCursor: rows.length > limit ? encodeCursor(rows[limit - 1].id) : null,
    }
  }

  /** Sends a delivery again, whatever its state (a receiver that was fixed, a lost answer). */
  async redeliver({ params, response, tenancy }: HttpContext) {
    const t = tenancy as SessionTenancy
    InboxPolicy.manage(t)
    await this.#find(t, params.id)
    const delivery = UUID_PATTERN.test(params.deliveryId)
      ? await this.#scoped(t, 'webhook_deliveries')
          .where('webhook_id', params.id)
          .where('id', params.deliveryId)
          .first()
      : null
    if (!delivery) throw ApiError.notFound('Delivery')
    await this.#scoped(t, 'webhook_deliveries')
      .where('id', delivery.id)
      .update({ status: 'pending', error: null })
    t.trx.after(
      'commit',
      () =>
        void dispatch(
          DeliverWebhook,
          { tenantId: t.tenantId, workspaceId: t.workspaceId, deliveryId: delivery.id },
          { jobId: `webhook-${delivery.id}-${Date.now()}`, attempts: 6 }
        )
    )
    return response.accepted({ id: delivery.id, status: 'pending' })
  }
}
