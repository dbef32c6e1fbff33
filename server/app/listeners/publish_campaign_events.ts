import type { EventsList } from '@adonisjs/core/types'
import Campaign from '#models/campaign'
import { channelNames } from '#services/realtime/channels'
import { publishOnce } from '#services/realtime/publisher'
import { withTenant } from '#services/tenant_context'
import { CampaignTransformer } from '#transformers/campaign_transformer'

/**
 * `campaign:changed` → `campaign.updated` on the campaign's channel, with the campaign as the API
 * shows it now (read when relayed, so a burst of changes publishes the latest state). A campaign
 * deleted meanwhile publishes nothing. Idempotent by the event's id (publishOnce).
 */
export default class PublishCampaignEvents {
  async changed(event: EventsList['campaign:changed']) {
    const { tenantId, workspaceId, campaignId } = event
    const campaign = await withTenant({ tenantId, workspaceId }, (trx) =>
      Campaign.scoped({ trx, tenantId, workspaceId }).where('id', campaignId).first()
    )
    if (!campaign) return
    await publishOnce(
      event.eventId,
      channelNames.campaign(tenantId, workspaceId, campaignId),
      'campaign.updated',
      CampaignTransformer.transform(campaign)
    )
  }
}
