import { DelayedError } from 'bullmq'
import { dispatch } from '#services/queues'
import { dispatchWeb, dispatchWhatsApp } from '#services/campaigns/engine/dispatcher'
import { noteProgress } from '#services/campaigns/engine/progress'
import type { CampaignRef } from '#services/campaigns/engine/planner'
import { Job } from '#jobs/job'

export interface DispatchCampaignPayload extends CampaignRef {
  /** The WhatsApp number it sends through; null for a web campaign. */
  numberId: string | null
}

/**
 * A campaign's dispatcher for one WhatsApp number (or the web): one job per pair, whose id names
 * the pair, so starting it twice runs it once. It sends what is due and moves itself back to the
 * delayed set until its next turn (the number's pace slot, the next due recipient), keeping its
 * id; it completes, and is removed, when the campaign stops running or has nothing left, so a
 * resume starts it afresh. A worker that dies mid-run leaves it stalled: BullMQ hands it to
 * another worker, whose run finds each recipient with its message or without (one transaction).
 */
export default class DispatchCampaign extends Job<DispatchCampaignPayload> {
  static queue = 'campaigns'
  static jobName = 'dispatch-campaign'
  static options = {
    attempts: 20,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: true,
  }

  static start(ref: CampaignRef, numberId: string | null) {
    return dispatch(
      DispatchCampaign,
      { ...ref, numberId },
      { jobId: `campaign-${ref.campaignId}-${numberId ?? 'web'}` }
    )
  }

  async handle(payload: DispatchCampaignPayload) {
    const { numberId, ...ref } = payload
    const outcome = numberId ? await dispatchWhatsApp(ref, numberId) : await dispatchWeb(ref)
    if (outcome.sent) await noteProgress(ref)
    if (!outcome.next) return
    // Back to the delayed set under the same id (its attempts untouched): one dispatcher per pair.
    await this.job.moveToDelayed(Math.max(outcome.next.toMillis(), Date.now()), this.job.token)
    throw new DelayedError()
  }
}
