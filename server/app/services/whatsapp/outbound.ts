import { dispatch, type JobDefinition } from '#services/queues'

export interface SendPayload {
  tenantId: string
  workspaceId: string
  numberId: string
  messageId: string
}

/** Each number has a queue of its own, worked only by the process that owns the number. */
export const sendQueueOf = (numberId: string) => `whatsapp-${numberId}`

/**
 * The job on a number's queue. Its handler is bound by the owning session (session.ts), which
 * holds the socket; this definition only names it so that anyone can enqueue.
 */
export const sendJob = (numberId: string): JobDefinition<SendPayload> => ({
  queue: sendQueueOf(numberId),
  name: 'send',
  handle: () => Promise.reject(new Error('handled by the owning session')),
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
