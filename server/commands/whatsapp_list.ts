import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** node ace whatsapp:list [--json]: every connected number, its state and which process runs it. */
export default class WhatsAppList extends BaseCommand {
  static commandName = 'whatsapp:list'
  static description = 'List WhatsApp numbers with their state and owning process'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print JSON' })
  declare json: boolean

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: redis } = await import('@adonisjs/redis/services/main')
    const { currentOwner } = await import('#services/whatsapp/ownership')
    const rows = await db
      .connection('operator')
      .from('whatsapp_numbers')
      .orderBy('created_at')
      .select(
        'id',
        'tenant_id',
        'workspace_id',
        'label',
        'phone',
        'status',
        'last_error_reason',
        'last_error',
        'connected_at'
      )
    const numbers = await Promise.all(
      rows.map(async (r) => ({
        ...r,
        owner: await currentOwner(redis.connection().ioConnection, r.id),
      }))
    )
    if (this.json) return this.logger.log(JSON.stringify(numbers, null, 2))
    const table = this.ui
      .table()
      .head(['id', 'label', 'phone', 'status', 'owner', 'reason', 'error'])
    for (const n of numbers)
      table.row([
        n.id,
        n.label,
        n.phone ?? '',
        n.status,
        n.owner ?? '—',
        n.last_error_reason ?? '',
        n.last_error ?? '',
      ])
    table.render()
  }
}
