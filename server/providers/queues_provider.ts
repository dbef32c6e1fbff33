import type { ApplicationService } from '@adonisjs/core/types'

/** Closes the queues' Redis connections when the process stops (BullMQ never closes them itself). */
export default class QueuesProvider {
  constructor(protected app: ApplicationService) {}

  async shutdown() {
    const { closeQueues } = await import('#services/queues')
    await closeQueues()
  }
}
