import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * node ace whatsapp:disconnect <numberId>: logs the number out (unlinks the device from the phone)
 * through the process that runs it, or marks it logged out when none does. A new QR is needed to
 * connect it again.
 */
export default class WhatsAppDisconnect extends BaseCommand {
  static commandName = 'whatsapp:disconnect'
  static description = 'Log a WhatsApp number out (a new QR is needed to reconnect)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The number id (see whatsapp:list)' })
  declare numberId: string

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { control } = await import('#services/whatsapp/supervisor')
    const updated = await db
      .connection('operator')
      .from('whatsapp_numbers')
      .where('id', this.numberId)
      .update({
        status: 'logged_out',
        last_error: 'Disconnected by an operator',
        last_error_reason: 'disconnected',
      })
    if (!updated) {
      this.logger.error(`No WhatsApp number ${this.numberId}`)
      this.exitCode = 1
      return
    }
    await control({ kind: 'logout', numberId: this.numberId })
    this.logger.success(`Asked the owner to log ${this.numberId} out`)
  }
}
