import logger from '@adonisjs/core/services/logger'
import { dispatch } from '#services/queues'
import { classifyRecipientReply, type ClassifyTarget } from '#services/campaigns/classify_reply'
import { Job } from '#jobs/job'

/**
 * Classifies a reply to a campaign message with the tenant's OpenAI provider (services/campaigns/
 * classify_reply.ts). Queued by the ClassifyCampaignReplies listener for an inbound message that
 * answers a campaign message; its id names the recipient and the reply, so an event relayed twice
 * queues it once, and a run after a crash or retry asks the provider only if nothing was stored.
 * On its own queue: a slow provider never holds up the campaign's sending.
 */
export default class ClassifyCampaignReply extends Job<ClassifyTarget> {
  static queue = 'campaign-replies'
  static jobName = 'classify-campaign-reply'
  static options = { attempts: 4, backoff: { type: 'exponential', delay: 5000 } }

  static queueFor(target: ClassifyTarget) {
    return dispatch(ClassifyCampaignReply, target, {
      jobId: `classify-${target.recipientId}-${target.messageId}`,
    })
  }

  async handle(target: ClassifyTarget) {
    await classifyRecipientReply(target)
  }

  /** The provider kept failing: the reply stays unclassified (shown so), nothing else waits on it. */
  async failed(target: ClassifyTarget, error: unknown) {
    logger.warn({ err: error, recipientId: target.recipientId }, 'campaign reply left unclassified')
  }
}
