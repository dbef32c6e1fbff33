import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * node ace queue:work [--concurrency 10] [--no-whatsapp]: runs Parley's background jobs (snooze
 * wake-ups, webhooks, housekeeping) and the WhatsApp numbers (each run by exactly one of the
 * processes, through a Redis lock). Run as many as needed; SIGTERM drains running jobs and hands
 * the numbers over before exiting.
 */
export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run the background job workers until stopped'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Jobs run at once per queue', default: 10 })
  declare concurrency: number

  @flags.boolean({ description: 'Run WhatsApp numbers here', default: true })
  declare whatsapp: boolean

  async run() {
    const { startWorkers, closeQueues } = await import('#services/queues')
    const { JOBS } = await import('#jobs/index')
    const { outboxRelay } = await import('#services/outbox_relay')
    const { sweepTempFiles } = await import('#services/uploads')
    // What a crashed worker left (a transcription's work files) goes before new work starts.
    await sweepTempFiles().catch((error) => this.logger.warning(`Temp sweep failed: ${error}`))
    const { requeueLostJobs } = await import('#services/requeue_lost_jobs')
    const { default: DeliverWebhook } = await import('#jobs/deliver_webhook')
    const { default: WakeSnoozedConversation } = await import('#jobs/wake_snoozed_conversation')
    const running = startWorkers(JOBS, this.concurrency, () =>
      requeueLostJobs({
        deliverWebhook: (ref) => DeliverWebhook.send(ref),
        wakeSnoozedConversation: (ref) => WakeSnoozedConversation.schedule(ref),
      })
    )
    // Events recorded by jobs (and by servers, when none of them is up) leave from here too.
    const { default: env } = await import('#start/env')
    if (env.get('OUTBOX_RELAY') === 'true') await outboxRelay.start()
    this.logger.info(`Workers running: ${JOBS.map((j) => `${j.queue}/${j.name}`).join(', ')}`)
    const whatsapp = this.whatsapp ? await this.#startWhatsApp() : null
    const stop = async () => {
      this.logger.info('Draining workers…')
      await whatsapp?.stop()
      await running.stop()
      await outboxRelay.stop()
      await closeQueues()
      await this.terminate()
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  }

  async #startWhatsApp() {
    const { baileysSocketFactory } = await import('#services/whatsapp/socket')
    const { startWhatsAppSupervisor } = await import('#services/whatsapp/supervisor')
    const { factory, download } = await baileysSocketFactory()
    const supervisor = startWhatsAppSupervisor({
      factory,
      download,
      onChange: (event, numberId) =>
        this.logger.info(`WhatsApp ${numberId}: ${event === 'own' ? 'running here' : 'let go'}`),
    })
    this.logger.info(`WhatsApp numbers run here too (owner ${supervisor.owner})`)
    return supervisor
  }
}
