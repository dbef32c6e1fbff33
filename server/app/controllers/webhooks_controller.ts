import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import Webhook from '#models/webhook'
import WebhookDelivery from '#models/webhook_delivery'
import InboxPolicy from '#policies/inbox_policy'
import { checkOutboundUrl } from '#services/outbound'
import { recordEvent } from '#services/outbox'
import { newWebhookSecret, sealSecret } from '#services/webhooks'
import { decodeCursor, encodeCursor, DEFAULT_LIMIT } from '#services/pagination'
import { validateBody, validateQuery } from '#validators/strict'
import { createWebhookValidator, webhookDeliveriesValidator } from '#validators/webhooks'
import { WebhookDeliveryTransformer, WebhookTransformer } from '#transformers/webhook_transformers'

/** A workspace's outbound webhooks (admins and owners) and their delivery log. */
export default class WebhooksController {
  async index({ member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const webhooks = await Webhook.scoped(member).orderBy('id', 'desc')
    return { data: webhooks.map(WebhookTransformer.transform), nextCursor: null }
  }

  /** The secret is returned here only: receivers use it to check the Parley-Signature header. */
  async store({ request, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const payload = await validateBody(request, createWebhookValidator)
    const refused = await checkOutboundUrl(payload.url)
    if (refused) throw ApiError.validation([{ field: 'url', message: `The URL ${refused}` }])
    const secret = newWebhookSecret()
    const webhook = await Webhook.create(
      {
        tenantId: member.tenantId,
        workspaceId: member.workspaceId,
        url: payload.url,
        events: payload.events,
        secretEncrypted: sealSecret(secret),
        description: payload.description ?? null,
        active: true,
      },
      { client: member.trx }
    )
    return response.created({ ...WebhookTransformer.transform(webhook), secret })
  }

  async destroy({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const webhook = await Webhook.findScoped(member, params.id, 'Webhook')
    await webhook.delete()
    return response.noContent()
  }

  async deliveries({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const webhook = await Webhook.findScoped(member, params.id, 'Webhook')
    const page = await validateQuery(request, webhookDeliveriesValidator)
    const limit = page.limit ?? DEFAULT_LIMIT
    const query = WebhookDelivery.scoped(member).where('webhook_id', webhook.id)
    if (page.cursor) query.where('id', '<', decodeCursor(page.cursor))
    const rows = await query.orderBy('id', 'desc').limit(limit + 1)
    return {
      data: rows.slice(0, limit).map(WebhookDeliveryTransformer.transform),
      nextCursor: rows.length > limit ? encodeCursor(rows[limit - 1].id) : null,
    }
  }

  /**
   * Sends a delivery again, whatever its state (a receiver that was fixed, a lost answer). The
   * request is an event: queued once committed, even if Redis is away right now.
   */
  async redeliver({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const webhook = await Webhook.findScoped(member, params.id, 'Webhook')
    const delivery = await WebhookDelivery.findScoped(member, params.deliveryId, 'Delivery')
    if (delivery.webhookId !== webhook.id) throw ApiError.notFound('Delivery')
    delivery.merge({ status: 'pending', error: null })
    await delivery.save()
    await recordEvent(member.trx, 'webhook:redelivery-requested', {
      tenantId: member.tenantId,
      workspaceId: member.workspaceId,
      deliveryId: delivery.id,
    })
    return response.accepted({ id: delivery.id, status: 'pending' })
  }
}
