import type { HttpContext } from '@adonisjs/core/http'
import redis from '@adonisjs/redis/services/main'
import { setTimeout as sleep } from 'node:timers/promises'
import { ApiError } from '#exceptions/api_error'
import WhatsAppNumber from '#models/whatsapp_number'
import InboxPolicy from '#policies/inbox_policy'
import { audit } from '#services/audit'
import type { SessionTenancy } from '#services/tenancy'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import { pairingCodeKey, qrKey } from '#services/whatsapp/session'
import { control } from '#services/whatsapp/supervisor'
import { WhatsAppNumberTransformer } from '#transformers/whatsapp_transformer'
import { validateBody, validateQuery } from '#validators/strict'
import { withTenant } from '#services/tenant_context'
import { paginate } from '#services/pagination'
import { tenantNumbersQueryValidator } from '#validators/whatsapp'
import Workspace from '#models/workspace'
import { assertAvailable } from '#services/billing/entitlements'
import {
  createNumberValidator,
  pairingCodeValidator,
  updateNumberValidator,
} from '#validators/whatsapp'

const find = (session: SessionTenancy, id: string) =>
  WhatsAppNumber.findScoped(session, id, 'WhatsApp number')

async function shown(number: WhatsAppNumber) {
  const [qr, pairingCode] = await redis.mget(qrKey(number.id), pairingCodeKey(number.id))
  return WhatsAppNumberTransformer.transform(number, { qr, pairingCode })
}

/**
 * The workspace's WhatsApp numbers (channel settings): admins connect one (a worker process picks
 * it up and shows a QR), pair by code instead, change pacing, reconnect after a logout, remove.
 */
export default class WhatsAppNumbersController {
  async index({ member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const numbers = await WhatsAppNumber.query({ client: member.trx })
      .where('tenant_id', member.tenantId)
      .where('workspace_id', member.workspaceId)
      .orderBy('created_at')
    return { data: await Promise.all(numbers.map(shown)), nextCursor: null }
  }

  /**
   * GET /v1/providers/whatsapp/numbers?workspaceId=&cursor= (tenant settings: secret key or a
   * console session): every workspace's numbers with their state and its reason code, newest
   * first, each naming its workspace. No QR or pairing code: those link a phone to the number.
   */
  async tenantIndex({ request, tenancy }: HttpContext) {
    const page = await validateQuery(request, tenantNumbersQueryValidator)
    const workspace = page.workspaceId
      ? await Workspace.scoped(tenancy).where('id', page.workspaceId).first()
      : undefined
    if (workspace === null) throw ApiError.notFound('Workspace')
    const workspaceId = workspace?.id
    // The relay pool scoped to the tenant sees every workspace's numbers (the application role,
    // one workspace's at a time).
    const { data, nextCursor } = await withTenant(
      { tenantId: tenancy.tenantId },
      async (trx) => {
        const query = WhatsAppNumber.query({ client: trx }).where('tenant_id', tenancy.tenantId)
        if (workspaceId) query.where('workspace_id', workspaceId)
        return paginate(query, page)
      },
      'relay'
    )
    const ids = [...new Set(data.map((n) => n.workspaceId))]
    const workspaces = ids.length
      ? await Workspace.scoped(tenancy).whereIn('id', ids).select('id', 'external_id', 'name')
      : []
    const named = new Map(
      workspaces.map((w) => [w.id, { id: w.id, externalId: w.externalId, name: w.name }])
    )
    return {
      data: data.map((n) => {
        const { qr, pairingCode, ...shownNumber } = WhatsAppNumberTransformer.transform(n)
        return { ...shownNumber, workspace: named.get(n.workspaceId) ?? null }
      }),
      nextCursor,
    }
  }

  async show({ params, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    return shown(await find(member, params.id))
  }

  async store({ request, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const payload = await validateBody(request, createNumberValidator)
    await assertAvailable(member, 'whatsappNumbers')
    const number = await WhatsAppNumber.create(
      {
        tenantId: member.tenantId,
        workspaceId: member.workspaceId,
        label: payload.label,
        status: 'connecting',
        pacing: payload.pacing ?? {},
        groupsEnabled: payload.groupsEnabled ?? false,
      },
      { client: member.trx }
    )
    await audit(member.trx, {
      tenantId: member.tenantId,
      workspaceId: member.workspaceId,
      action: 'whatsapp.number_added',
      actor: { type: 'session', id: member.memberId },
      target: { type: 'whatsapp_number', id: number.id },
    })
    member.trx.after('commit', () => void control({ kind: 'claim' }))
    return response.created(await shown(number))
  }

  async update({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const number = await find(member, params.id)
    const payload = await validateBody(request, updateNumberValidator)
    number.merge({
      label: payload.label ?? number.label,
      pacing: payload.pacing ? { ...number.pacing, ...payload.pacing } : number.pacing,
      groupsEnabled: payload.groupsEnabled ?? number.groupsEnabled,
    })
    await number.useTransaction(member.trx).save()
    return shown(number)
  }

  /** Asks the owning worker for a pairing code and waits for it (up to 10 s). */
  async pairingCode({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const number = await find(member, params.id)
    const { phone } = await validateBody(request, pairingCodeValidator)
    if (number.status !== 'qr') {
      throw new ApiError(
        'CONFLICT',
        `The number is ${number.status}; pairing is possible while it shows a QR code`
      )
    }
    await redis.del(pairingCodeKey(number.id))
    await control({ kind: 'pairing-code', numberId: number.id, phone })
    for (let i = 0; i < 50; i++) {
      const code = await redis.get(pairingCodeKey(number.id))
      if (code) return { code }
      await sleep(200)
    }
    throw new ApiError(
      'SERVICE_UNAVAILABLE',
      'No worker answered; is `node ace queue:work` running?'
    )
  }

  /** After a logout: start over (a worker shows a new QR). */
  async reconnect({ params, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const number = await find(member, params.id)
    if (number.status !== 'logged_out') {
      throw new ApiError('CONFLICT', `The number is ${number.status}, not logged out`)
    }
    number.merge({ status: 'connecting', lastError: null, lastErrorReason: null })
    await number.useTransaction(member.trx).save()
    member.trx.after('commit', () => void control({ kind: 'claim' }))
    return shown(number)
  }

  /** Unlinks the device from the phone and forgets the number (its conversations stay). */
  async destroy({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('manage')
    const number = await find(member, params.id)
    await number.useTransaction(member.trx).delete()
    await audit(member.trx, {
      tenantId: member.tenantId,
      workspaceId: member.workspaceId,
      action: 'whatsapp.number_removed',
      actor: { type: 'session', id: member.memberId },
      target: { type: 'whatsapp_number', id: number.id },
    })
    member.trx.after('commit', async () => {
      await control({ kind: 'logout', numberId: number.id })
      await publish(channelNames.whatsapp(member.tenantId, member.workspaceId), 'whatsapp.status', {
        numberId: number.id,
        status: 'logged_out',
        removed: true,
      })
    })
    return response.noContent()
  }
}
