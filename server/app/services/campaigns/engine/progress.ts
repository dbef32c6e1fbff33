import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { withTenant } from '#services/tenant_context'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import { campaignStats } from '#services/campaigns/stats'
import type { CampaignRef } from '#services/campaigns/engine/planner'

/**
 * Live progress: `campaign.progress` with the stats object on the campaign's channel, at most
 * once a second per campaign however many workers send, receipts and replies arrive. The first
 * change of a second takes a Redis key (SET NX PX) and publishes when the second is over, so
 * what changed meanwhile is in it; changes while the key is held publish nothing of their own.
 * A passing signal: a failure is logged, never retried (the next change publishes again).
 */
export const PROGRESS_WINDOW_MS = 1000

export async function noteProgress(ref: CampaignRef) {
  try {
    const first = await redis.set(
      `parley:campaign:progress:${ref.campaignId}`,
      '1',
      'PX',
      PROGRESS_WINDOW_MS,
      'NX'
    )
    if (first !== 'OK') return
    setTimeout(() => void publishProgress(ref), PROGRESS_WINDOW_MS).unref()
  } catch (error) {
    logger.warn({ err: error, campaign: ref.campaignId }, 'campaign progress not noted')
  }
}

/** Publishes the campaign's stats now. */
export async function publishProgress(ref: CampaignRef) {
  try {
    const stats = await withTenant(ref, (trx) =>
      campaignStats({ trx, tenantId: ref.tenantId, workspaceId: ref.workspaceId }, ref.campaignId)
    )
    await publish(
      channelNames.campaign(ref.tenantId, ref.workspaceId, ref.campaignId),
      'campaign.progress',
      stats
    )
  } catch (error) {
    logger.warn({ err: error, campaign: ref.campaignId }, 'campaign progress not published')
  }
}
