import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * node ace whatsapp:handover <numberId>: the process running the number lets it go (and leaves it
 * alone for a while), so another worker takes it, resuming from the stored credentials. Use it to
 * drain a worker before stopping it, or to move a number off a struggling host.
 */
export default class WhatsAppHandover extends BaseCommand {
  static commandName = 'whatsapp:handover'
  static description = 'Move a WhatsApp number to another worker process'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The number id (see whatsapp:list)' })
  declare numberId: string

  async run() {
    const { default: redis } = await import('@adonisjs/redis/services/main')
    const { control } = await import('#services/whatsapp/supervisor')
    const { currentOwner } = await import('#services/whatsapp/ownership')
    const before = await currentOwner(redis.connection().ioConnection, this.numberId)
    if (!before) {
      this.logger.warning(
        `Nobody runs ${this.numberId} now; a worker will take it at its next look`
      )
      return
    }
    await control({ kind: 'release', numberId: this.numberId })
    for (let i = 0; i < 100; i++) {
      const now = await currentOwner(redis.connection().ioConnection, this.numberId)
      if (now && now !== before) {
        this.logger.success(`${this.numberId} moved from ${before} to ${now}`)
        return
      }
      await new Promise((r) => setTimeout(r, 200))
    }
    this.logger.warning(`${before} let ${this.numberId} go; no other worker has taken it yet`)
  }
}
