import logger from '@adonisjs/core/services/logger'
import { reportUsage } from '#services/billing/meter_reports'
import { Job } from '#jobs/job'

/**
 * Every minute: usage beyond plans' allowances goes to Stripe as Billing Meter events, batched
 * per workspace and feature (services/billing/meter_reports.ts). Safe to run twice at once:
 * batches are fixed in PostgreSQL before sending and Stripe deduplicates their identifiers.
 */
export default class ReportUsage extends Job<Record<string, never>> {
  static queue = 'billing'
  static jobName = 'report-usage'
  static every = 60_000

  async handle() {
    const { sent } = await reportUsage()
    if (sent) logger.info({ sent }, 'usage reported to Stripe')
  }
}
