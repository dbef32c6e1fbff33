import { dispatch } from '#services/queues'
import type { JobTarget } from '#jobs/job'

export interface SendPayload {
  tenantId: string
  workspaceId: string
  numberId: string
  messageId: string
}

/** Each number has a queue of its own, worked only by the process that owns the number. */
export const sendQueueOf = (numberId: string) => `whatsapp-${numberId}`

/**
 * The job on a number's queue. Its worker is the owning session's (session.ts), which holds the
 * socket; this only names the queue so that anyone can enqueue.
 */
export const sendJob = (numberId: string): JobTarget => ({
  queue: sendQueueOf(numberId),
  jobName: 'send',
})

/**
 * A member's message in a WhatsApp conversation goes out through its number's queue (once: the
 * job id is the message's). Redis errors reach the caller, the outbox relay, which retries.
 */
export async function enqueueWhatsAppSend(payload: SendPayload) {
  await dispatch(sendJob(payload.numberId), payload, {
    jobId: `send-${payload.messageId}`,
    // Waiting for the number to reconnect is normal; give up after about an hour.
    attempts: 12,
    backoff: { type: 'exponential', delay: 2000 },
  })
}
