import logger from '@adonisjs/core/services/logger'
import { purgeUnsentUploads } from '#services/attachments'
import { Job } from '#jobs/job'

/** Hourly: files uploaded but never sent with a message, a day later, are deleted. */
export default class PurgeUnsentUploads extends Job<Record<string, never>> {
  static queue = 'housekeeping'
  static jobName = 'purge-unsent-uploads'
  static every = 3600_000

  async handle() {
    const purged = await purgeUnsentUploads()
    if (purged) logger.info({ purged }, 'purged unsent uploads')
  }
}
