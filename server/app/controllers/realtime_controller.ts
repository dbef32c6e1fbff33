import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { publicBaseFor } from '#services/domains/public_base'
import { ApiError } from '#exceptions/api_error'
import Tenant from '#models/tenant'
import Workspace from '#models/workspace'
import ApiKey from '#models/api_key'
import TenantOrigin from '#models/tenant_origin'
import { withTenant } from '#services/tenant_context'
import type { Tenancy } from '#services/tenancy'
import { channelAccess } from '#services/realtime/channels'
import { eventsAfter } from '#services/realtime/event_log'
import { attachStream } from '#services/realtime/hub'
import { takeOverSocket } from '#services/realtime/raw_socket'
import { broadcast } from '#services/realtime/bus'
import {
  addStreamChannel,
  claimStream,
  issueTicket,
  redeemTicket,
  removeStreamChannel,
  sameOwner,
  streamChannels,
  streamOwner,
  type StreamOwner,
} from '#services/realtime/state'
import { validateBody, validateQuery } from '#validators/strict'
import { eventsValidator, subscriptionValidator, ticketValidator } from '#validators/realtime'

/**
 * A member's stream, or a web chat visitor's (owned by `contact:<id>`, reading no widget's
 * channels). These routes take both kinds of token, so both kinds of tenancy.
 */
function ownerOf(tenancy: Tenancy): StreamOwner {
  return {
    tenantId: tenancy.tenantId,
    workspaceId: tenancy.workspaceId!,
    memberId: tenancy.memberId ?? `contact:${tenancy.contactId}`,
    widgets: tenancy.widgets ?? [],
    ...(tenancy.role ? { role: tenancy.role } : {}),
    keyId: tenancy.keyId!,
    ...(tenancy.contactId ? { contactId: tenancy.contactId } : {}),
  }
}

function assertReadable(channel: string, tenancy: Tenancy) {
  const access = channelAccess(channel, ownerOf(tenancy))
  if (access === 'not_found') throw ApiError.notFound('Channel')
  if (access === 'forbidden') throw ApiError.forbidden('This session may not read that channel')
}

/**
 * Realtime over Server-Sent Events, speaking @adonisjs/transmit-client's protocol with the
 * promises Transmit lacks: the server owns stream ids (handed out through single-use tickets),
 * subscribe and unsubscribe are authorised against the session, and events carry ids a client
 * catches up from.
 */
export default class RealtimeController {
  /** POST /v1/realtime/ticket → 201 { url, expiresAt, stream } */
  async ticket({ request, response, tenancy }: HttpContext) {
    const { stream: requested } = await validateBody(request, ticketValidator)
    const owner = ownerOf(tenancy)
    const stream = await claimStream(owner, requested)
    const { ticket, expiresAt } = await issueTicket(stream, owner)
    return response.created({
      url: `${await publicBaseFor(request)}/__transmit/events?ticket=${ticket}`,
      expiresAt,
      stream,
    })
  }

  /** GET /__transmit/events?ticket=… : the event stream itself (holds no database transaction). */
  async stream({ request, response }: HttpContext) {
    const redeemed = await redeemTicket(request.qs().ticket)
    if (!redeemed)
      throw ApiError.unauthenticated('Invalid, expired or already used realtime ticket')
    const { stream: id, owner } = redeemed
    const origin = request.header('origin')

    // A short transaction to check the tenant, then none for the stream's whole life.
    const allowed = await withTenant({ tenantId: owner.tenantId }, async (trx) => {
      const tenant = await Tenant.find(owner.tenantId, { client: trx })
      if (!tenant || tenant.status !== 'active') return 'suspended'
      const workspace = await Workspace.find(owner.workspaceId, { client: trx })
      if (workspace?.status !== 'active') return 'workspace_suspended'
      const key = await ApiKey.query({ client: trx })
        .where('tenant_id', owner.tenantId)
        .where('id', owner.keyId)
        .first()
      if (!key || key.revokedAt) return 'revoked'
      if (!origin) return 'ok'
      const match = await TenantOrigin.query({ client: trx })
        .where('tenant_id', owner.tenantId)
        .where('origin', origin)
        .first()
      return match ? 'ok' : 'origin'
    })
    if (allowed === 'suspended') throw ApiError.tenantSuspended()
    if (allowed === 'workspace_suspended') throw ApiError.forbidden('This workspace is suspended')
    if (allowed === 'revoked')
      throw ApiError.unauthenticated('The key that minted this session has been revoked')
    if (allowed === 'origin')
      throw ApiError.forbidden(`Origin ${origin} is not allowed for this tenant`)

    // The stream writes to the raw response: once this handler returns, nothing of the request's
    // context (request, response wrappers, logger, container) stays in memory for the stream's life.
    const res = response.response
    const socket = request.request.socket
    socket.setKeepAlive(true)
    socket.setNoDelay(true)
    socket.setTimeout(0)
    res.writeHead(200, {
      ...response.getHeaders(),
      ...(origin ? { 'Access-Control-Allow-Origin': origin } : {}),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
      'X-Accel-Buffering': 'no',
      'Connection': 'keep-alive',
    })
    // Some clients only fire `open` on the first bytes; `retry` is long because the kit reconnects itself.
    res.write(`retry: 60000\n: ok\n\n`)
    const connection = randomBytes(9).toString('base64url')
    const channels = new Set(await streamChannels(id))
    // The connection leaves Node's HTTP server (its parser, request and response: ~14 KB a
    // stream); frames then go to the socket as HTTP chunks. If it cannot, the response stays.
    const raw = res.destroyed ? null : takeOverSocket(request.request, res)
    if (raw) attachStream({ id, connection, body: raw, raw: true, owner, channels })
    else attachStream({ id, connection, body: res, socket, owner, channels })
    // One live connection per stream id, across instances: older ones close.
    await broadcast({ kind: 'close', stream: id, keep: connection })
  }

  /** POST /__transmit/subscribe { uid, channel } (session token) */
  async subscribe({ request, response, tenancy }: HttpContext) {
    const { uid, channel } = await validateBody(request, subscriptionValidator)
    await this.#ownStream(uid, tenancy)
    assertReadable(channel, tenancy)
    await addStreamChannel(uid, channel)
    await broadcast({ kind: 'subscribe', stream: uid, channel })
    return response.noContent()
  }

  /** POST /__transmit/unsubscribe { uid, channel } (session token; only the stream's own session) */
  async unsubscribe({ request, response, tenancy }: HttpContext) {
    const { uid, channel } = await validateBody(request, subscriptionValidator)
    await this.#ownStream(uid, tenancy)
    await removeStreamChannel(uid, channel)
    await broadcast({ kind: 'unsubscribe', stream: uid, channel })
    return response.noContent()
  }

  /** GET /v1/events?stream=<channel>&after=<event id>&limit= → what a client missed, oldest first. */
  async events({ request, tenancy }: HttpContext) {
    const query = await validateQuery(request, eventsValidator)
    assertReadable(query.stream, tenancy)
    const { events, more, gap } = await eventsAfter(query.stream, query.after, query.limit ?? 500)
    return { data: events, nextCursor: more ? events.at(-1)!.id : null, gap }
  }

  async #ownStream(stream: string, tenancy: Tenancy) {
    const owner = await streamOwner(stream)
    // Another session's stream is answered as if it did not exist.
    if (!owner || !sameOwner(owner, ownerOf(tenancy))) throw ApiError.notFound('Stream')
  }
}
