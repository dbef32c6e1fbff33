import type { EventsList } from '@adonisjs/core/types'
import { DateTime } from 'luxon'
import { withTenant } from '#services/tenant_context'
import { noteProgress } from '#services/campaigns/engine/progress'
import PlanCampaign from '#jobs/plan_campaign'

/**
 * The campaign engine's start and its live numbers: a launched campaign is planned at its send
 * time and a resumed one re-queues its failed recipients (the planner then starts the
 * dispatchers); receipts of campaign messages and replies to them publish the campaign's progress
 * (throttled to one a second). Job ids come from the launch or the event, so an event relayed
 * twice queues once.
 */
export default class RunCampaigns {
  async campaignChanged(event: EventsList['campaign:changed']) {
    const ref = {
      tenantId: event.tenantId,
      workspaceId: event.workspaceId,
      campaignId: event.campaignId,
    }
    if (
      event.cause === 'launched' &&
      (event.status === 'scheduled' || event.status === 'running')
    ) {
      const campaign = await withTenant(ref, (trx) =>
        trx
          .from('campaigns')
          .where('tenant_id', ref.tenantId)
          .where('id', ref.campaignId)
          .select('send_at', 'launched_at')
          .first()
      )
      if (!campaign) return
      const launched = campaign.launched_at ? new Date(campaign.launched_at).getTime() : 0
      const sendAt = campaign.send_at ? new Date(campaign.send_at) : new Date()
      await PlanCampaign.enqueue(
        { ...ref, task: 'plan' },
        String(launched),
        DateTime.fromJSDate(sendAt)
      )
    }
    if (event.cause === 'resumed') {
      await PlanCampaign.enqueue({ ...ref, task: 'resume' }, event.eventId)
    }
  }

  /** A campaign message's receipt (sent, delivered, read, failed) moves its stats. */
  async messageUpdated(event: EventsList['message:updated']) {
    const { message } = event
    if (message.direction !== 'outbound' || message.authorMemberId) return
    const campaignId = await campaignOfMessage(event, message.id)
    if (campaignId) await noteProgress({ ...place(event), campaignId })
  }

  /**
   * A web visitor read their chat: the read marks are no message:updated (one update for all),
   * but the trigger moved the recipients of campaign messages among them to read.
   */
  async conversationRead(event: EventsList['conversation:read']) {
    if (!event.contactId) return
    await noteCampaignsOf(event, event.conversationId, 'read_at')
  }

  /** A contact's message may be a reply to a campaign (the trigger marked it). */
  async messageCreated(event: EventsList['message:created']) {
    if (event.message.direction !== 'inbound') return
    await noteCampaignsOf(event, event.conversation.id, 'replied_at')
  }
}

const place = (e: { tenantId: string; workspaceId: string }) => ({
  tenantId: e.tenantId,
  workspaceId: e.workspaceId,
})

async function campaignOfMessage(scope: { tenantId: string; workspaceId: string }, id: string) {
  const row = await withTenant(scope, (trx) =>
    trx
      .from('messages')
      .where('tenant_id', scope.tenantId)
      .where('id', id)
      .select('campaign_id')
      .first()
  )
  return (row?.campaign_id as string | null) ?? null
}

/** Publishes the progress of the campaigns whose recipients in a conversation just moved. */
async function noteCampaignsOf(
  scope: { tenantId: string; workspaceId: string },
  conversationId: string,
  moved: 'read_at' | 'replied_at'
) {
  const campaigns = await withTenant(scope, (trx) =>
    trx
      .from('campaign_recipients')
      .where('tenant_id', scope.tenantId)
      .where('conversation_id', conversationId)
      .where(moved, '>=', new Date(Date.now() - 3_600_000))
      .distinct('campaign_id')
  )
  for (const row of campaigns) await noteProgress({ ...place(scope), campaignId: row.campaign_id })
}
