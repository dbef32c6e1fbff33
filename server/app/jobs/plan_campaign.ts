import { DelayedError, UnrecoverableError } from 'bullmq'
import { DateTime } from 'luxon'
import Campaign from '#models/campaign'
import { dispatch } from '#services/queues'
import { withTenant } from '#services/tenant_context'
import { recordEvent } from '#services/outbox'
import {
  AudienceGone,
  decideWinner,
  planRecipients,
  requeueFailed,
  type CampaignRef,
} from '#services/campaigns/engine/planner'
import { pauseCampaign } from '#services/campaigns/engine/breaker'
import { sendingNumbers } from '#services/campaigns/engine/dispatcher'
import { noteProgress } from '#services/campaigns/engine/progress'
import DispatchCampaign from '#jobs/dispatch_campaign'
import { Job } from '#jobs/job'

export interface PlanCampaignPayload extends CampaignRef {
  /**
   * plan: the first plan (at send_at); resume: after a pause, failed recipients again; replan: a
   * running drip enrols newcomers to its segment; decide: an A/B test's winner of `step`.
   */
  task: 'plan' | 'resume' | 'replan' | 'decide'
  step?: number
}

const HOUR_MS = 3_600_000

/**
 * Plans a campaign and starts its dispatchers (planner.ts), or decides an A/B test. Every task is
 * idempotent (rows are unique per contact and step; a decided winner stays decided), so a job run
 * twice, or cut short by a crash and run again, ends in the same rows.
 */
export default class PlanCampaign extends Job<PlanCampaignPayload> {
  static queue = 'campaigns'
  static jobName = 'plan-campaign'
  static options = { attempts: 8, backoff: { type: 'exponential', delay: 2000 } }

  /** Queues a task; `key` makes it once per launch, resume or period. */
  static enqueue(payload: PlanCampaignPayload, key: string, at?: DateTime) {
    return dispatch(PlanCampaign, payload, {
      jobId: `plan-${payload.campaignId}-${payload.task}-${key}`,
      delay: at ? Math.max(0, at.toMillis() - Date.now()) : 0,
    })
  }

  async handle(payload: PlanCampaignPayload) {
    const { task, step, ...ref } = payload
    if (task === 'decide') return this.#decide(ref, step ?? 0)
    const campaign = await this.#start(ref)
    if (!campaign) return
    if (task === 'resume') await requeueFailed(ref)
    try {
      await planRecipients(ref)
    } catch (error) {
      if (!(error instanceof AudienceGone)) throw error
      await this.#fail(ref, error.message)
      throw new UnrecoverableError(error.message)
    }
    if (task !== 'replan') await this.#scheduleDecisions(ref, campaign)
    await startDispatchers(ref, campaign.channel)
    await noteProgress(ref)
  }

  /** The campaign, running: a scheduled one whose time came starts now; null if not to send. */
  async #start(ref: CampaignRef) {
    const campaign = await withTenant(ref, async (trx) => {
      const found = await Campaign.scoped({ trx, ...ref })
        .where('id', ref.campaignId)
        .forUpdate()
        .first()
      if (found?.status !== 'scheduled' || (found.sendAt && found.sendAt > DateTime.now()))
        return found
      found.merge({ status: 'running' })
      await found.useTransaction(trx).save()
      await recordEvent(trx, 'campaign:changed', { ...ref, status: 'running', cause: 'launched' })
      return found
    })
    if (campaign?.status === 'scheduled' && campaign.sendAt) {
      // Resumed before its time: wait for it.
      await this.job.moveToDelayed(campaign.sendAt.toMillis(), this.job.token)
      throw new DelayedError()
    }
    return campaign?.status === 'running' ? campaign : null
  }

  /** Each A/B-tested step is judged `decideAfterHours` after it could first have gone out. */
  async #scheduleDecisions(ref: CampaignRef, campaign: Campaign) {
    let offsetMinutes = 0
    for (const [index, step] of campaign.steps.entries()) {
      offsetMinutes += step.delayMinutes
      if (
        !step.abTest ||
        step.variants.length < 2 ||
        campaign.winners?.[String(index)] !== undefined
      )
        continue
      const at = DateTime.now().plus({
        milliseconds: offsetMinutes * 60_000 + step.abTest.decideAfterHours * HOUR_MS,
      })
      await PlanCampaign.enqueue({ ...ref, task: 'decide', step: index }, String(index), at)
    }
  }

  async #decide(ref: CampaignRef, step: number) {
    const winner = await decideWinner(ref, step)
    if (winner === null) {
      // Nothing of the test share went out yet (paused, quiet hours): judge an hour later.
      await this.job.moveToDelayed(Date.now() + HOUR_MS, this.job.token)
      throw new DelayedError()
    }
    const campaign = await withTenant(ref, (trx) =>
      Campaign.scoped({ trx, ...ref })
        .where('id', ref.campaignId)
        .first()
    )
    if (campaign?.status === 'running') await startDispatchers(ref, campaign.channel)
  }

  async #fail(ref: CampaignRef, error: string) {
    await withTenant(ref, async (trx) => {
      const { rowCount } = await trx.rawQuery(
        `UPDATE campaigns SET status = 'failed', error = ?, updated_at = now()
          WHERE tenant_id = ? AND workspace_id = ? AND id = ? AND status IN ('scheduled', 'running')`,
        [error, ref.tenantId, ref.workspaceId, ref.campaignId]
      )
      if (rowCount) {
        await recordEvent(trx, 'campaign:changed', { ...ref, status: 'failed', cause: 'failed' })
      }
    })
  }
}

/**
 * Starts the campaign's dispatchers: the web's, or one per connected number (spreading the
 * audience over them). With no number connected the campaign pauses, saying so.
 */
export async function startDispatchers(ref: CampaignRef, channel: Campaign['channel']) {
  if (channel === 'web') return DispatchCampaign.start(ref, null)
  const numbers = await withTenant(ref, async (trx) => {
    const open = await sendingNumbers(trx, ref)
    if (!open.length) {
      await pauseCampaign(trx, ref, 'no_number', 'No connected WhatsApp number')
    }
    return open
  })
  for (const numberId of numbers) await DispatchCampaign.start(ref, numberId)
}
