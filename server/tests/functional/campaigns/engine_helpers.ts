import db from '@adonisjs/lucid/services/db'
import { v7 as uuidv7 } from 'uuid'
import { DateTime } from 'luxon'
import Campaign, { type CampaignLimits, type CampaignStep } from '#models/campaign'
import { withTenant } from '#services/tenant_context'
import { recordEvent } from '#services/outbox'
import { until } from '#tests/helpers'

/** Helpers of the engine's tests: a workspace's contacts and campaigns, written as the app would. */

export interface Place {
  tenantId: string
  workspaceId: string
}

export interface SeedContact {
  name?: string
  phone?: string | null
  tags?: string[]
  attributes?: Record<string, unknown>
  blocked?: boolean
  optedOut?: boolean
  /** Give it a web conversation (web campaigns go there). */
  web?: boolean
}

/** Contacts (and their web conversations) through the app role under RLS; returns their ids. */
export async function seedContacts(place: Place, contacts: SeedContact[]) {
  return withTenant(place, async (trx) => {
    const ids: { contactId: string; conversationId: string | null }[] = []
    for (const c of contacts) {
      const id = uuidv7()
      await trx.table('contacts').insert({
        tenant_id: place.tenantId,
        workspace_id: place.workspaceId,
        id,
        name: c.name ?? null,
        phone: c.phone ?? null,
        tags: c.tags ?? [],
        attributes: JSON.stringify(c.attributes ?? {}),
        blocked: c.blocked ?? false,
        opted_out_at: c.optedOut ? new Date() : null,
      })
      let conversationId: string | null = null
      if (c.web) {
        conversationId = uuidv7()
        await trx.table('conversations').insert({
          tenant_id: place.tenantId,
          workspace_id: place.workspaceId,
          id: conversationId,
          contact_id: id,
          channel: 'web',
        })
      }
      ids.push({ contactId: id, conversationId })
    }
    return ids
  })
}

export async function createCampaign(
  place: Place,
  input: {
    channel: 'web' | 'whatsapp'
    kind?: 'broadcast' | 'drip'
    audience: Campaign['audience']
    steps: CampaignStep[]
    limits?: CampaignLimits
  }
) {
  return withTenant(place, (trx) =>
    Campaign.create(
      {
        tenantId: place.tenantId,
        workspaceId: place.workspaceId,
        name: 'Spring sale',
        kind: input.kind ?? 'broadcast',
        channel: input.channel,
        audience: input.audience,
        steps: input.steps,
        schedule: null,
        limits: input.limits ?? {},
        status: 'draft',
        winners: {},
      },
      { client: trx }
    )
  )
}

/** What the API's launch does: running now, and `campaign:changed` launched. */
export async function launch(place: Place, campaignId: string) {
  await withTenant(place, async (trx) => {
    const now = DateTime.utc()
    await trx
      .from('campaigns')
      .where('tenant_id', place.tenantId)
      .where('id', campaignId)
      .update({ status: 'running', launched_at: now.toJSDate(), send_at: now.toJSDate() })
    await recordEvent(trx, 'campaign:changed', {
      ...place,
      campaignId,
      status: 'running',
      cause: 'launched',
    })
  })
}

/** What the API's resume does: running again, and `campaign:changed` resumed. */
export async function resume(place: Place, campaignId: string) {
  await withTenant(place, async (trx) => {
    await trx
      .from('campaigns')
      .where('tenant_id', place.tenantId)
      .where('id', campaignId)
      .update({ status: 'running', paused_reason: null, error: null })
    await recordEvent(trx, 'campaign:changed', {
      ...place,
      campaignId,
      status: 'running',
      cause: 'resumed',
    })
  })
}

export const operator = () => db.connection('operator')

export const campaignRow = (id: string) => operator().from('campaigns').where('id', id).first()

export const recipientsOf = (campaignId: string) =>
  operator()
    .from('campaign_recipients')
    .where('campaign_id', campaignId)
    .orderBy('contact_id')
    .orderBy('step')

export async function untilStatus(id: string, status: string, ms = 20_000) {
  return until(
    async () => {
      const row = await campaignRow(id)
      return row?.status === status ? row : null
    },
    `the campaign to be ${status}`,
    ms,
    100
  )
}
