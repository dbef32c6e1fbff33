import logger from '@adonisjs/core/services/logger'
import { purgeUnsentUploads } from '#services/attachments'
import type { JobDefinition } from '#services/queues'

/** Hourly: files uploaded but never sent with a message, a day later, are deleted. */
export const PurgeUnsentUploads: JobDefinition<Record<string, never>> = {
  queue: 'housekeeping',
  name: 'purge-unsent-uploads',
  every: 3600_000,
  async handle() {
    const purged = await purgeUnsentUploads()
    if (purged) logger.info({ purged }, 'purged unsent uploads')
  },
}
