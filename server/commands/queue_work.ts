import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * node ace queue:work [--concurrency 10]: runs Parley's background jobs (snooze wake-ups, and
 * more as features land). Run as many as needed; SIGTERM drains running jobs before exiting.
 */
export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run the background job workers until stopped'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Jobs run at once per queue', default: 10 })
  declare concurrency: number

  async run() {
    const { startWorkers, closeQueues } = await import('#services/queues')
    const { JOBS } = await import('#jobs/index')
    const running = startWorkers(JOBS, this.concurrency)
    this.logger.info(`Workers running: ${JOBS.map((j) => `${j.queue}/${j.name}`).join(', ')}`)
    const stop = async () => {
      this.logger.info('Draining workers…')
      await running.stop()
      await closeQueues()
      await this.terminate()
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  }
}
