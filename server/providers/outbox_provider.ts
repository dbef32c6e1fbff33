import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Runs this process's outbox relay (server, tests; `queue:work` starts its own): recorded domain
 * events reach their listeners from here, whichever process recorded them.
 */
export default class OutboxProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    const { default: env } = await import('#start/env')
    if (env.get('OUTBOX_RELAY') === 'false') return
    const { outboxRelay } = await import('#services/outbox_relay')
    await outboxRelay.start()
  }

  async shutdown() {
    const { outboxRelay } = await import('#services/outbox_relay')
    await outboxRelay.stop()
  }
}
