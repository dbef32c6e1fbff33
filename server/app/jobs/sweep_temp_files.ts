import logger from '@adonisjs/core/services/logger'
import type { JobDefinition } from '#services/queues'
import { sweepTempFiles } from '#services/uploads'

/**
 * Hourly: temporary files of uploads and transcription jobs that a crash left behind (untouched
 * for an hour) are removed from the temp directory of the worker that runs it. Every server and
 * worker also sweeps its own at start.
 */
export const SweepTempFiles: JobDefinition<Record<string, never>> = {
  queue: 'housekeeping',
  name: 'sweep-temp-files',
  every: 3600_000,
  async handle() {
    const removed = await sweepTempFiles()
    if (removed) logger.info({ removed }, 'swept temporary files left by a crash')
  },
}
