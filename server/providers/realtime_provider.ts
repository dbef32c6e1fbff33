import type { ApplicationService } from '@adonisjs/core/types'

/** Starts this instance's part of realtime (heartbeat, the inter-instance bus) and stops it cleanly. */
export default class RealtimeProvider {
  constructor(protected app: ApplicationService) {}

  async ready() {
    const { default: env } = await import('#start/env')
    const { startHeartbeat } = await import('#services/realtime/hub')
    const { startBus } = await import('#services/realtime/bus')
    startHeartbeat(env.get('REALTIME_HEARTBEAT_SECONDS') * 1000)
    await startBus()
  }

  async shutdown() {
    const { stopHub } = await import('#services/realtime/hub')
    const { stopBus } = await import('#services/realtime/bus')
    stopHub()
    await stopBus()
  }
}
