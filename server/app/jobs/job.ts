import type { Job as BullJob, JobsOptions } from 'bullmq'

/**
 * A kind of background work, run by BullMQ: one class per file in app/jobs, named by what it
 * does. `handle` does the work (idempotent: the same job may run again after a crash);
 * `failed` runs once, after the last attempt failed (or an UnrecoverableError), to record that.
 *
 *   export default class DeliverWebhook extends Job<DeliverWebhookPayload> {
 *     static queue = 'webhooks'
 *     static jobName = 'deliver-webhook'
 *     async handle(payload) { … }
 *   }
 */
export abstract class Job<Payload> {
  /** The BullMQ queue it runs on. */
  static queue: string
  /** Its name within the queue. */
  static jobName: string
  /** Options every dispatch starts from (attempts, backoff…). */
  static options: JobsOptions = {}
  /** Runs by itself every this many milliseconds once workers start (housekeeping). */
  static every?: number

  /** The BullMQ job being run (its id, its attempts so far). */
  declare job: BullJob<Payload>

  abstract handle(payload: Payload): Promise<void>

  failed?(payload: Payload, error: unknown): Promise<void>
}

/** What `dispatch` needs to queue a job: a Job class, or the name of a queue of one's own. */
export interface JobTarget {
  queue: string
  jobName: string
  options?: JobsOptions
}

/** A Job class, as the workers see it. */
export type JobClass<Payload = any> = (new () => Job<Payload>) & JobTarget & { every?: number }
