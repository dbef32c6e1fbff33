import logger from '@adonisjs/core/services/logger'
import { sweepTempFiles } from '#services/uploads'
import { Job } from '#jobs/job'

/**
 * Hourly: temporary files of uploads and transcription jobs that a crash left behind (untouched
 * for an hour) are removed from the temp directory of the worker that runs it. Every server and
 * worker also sweeps its own at start.
 */
export default class SweepTempFiles extends Job<Record<string, never>> {
  static queue = 'housekeeping'
  static jobName = 'sweep-temp-files'
  static every = 3600_000

  async handle() {
    const removed = await sweepTempFiles()
    if (removed) logger.info({ removed }, 'swept temporary files left by a crash')
  }
}
