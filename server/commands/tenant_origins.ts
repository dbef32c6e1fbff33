import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { UUID_PATTERN } from '#validators/rules'

/** node ace tenant:origins <tenantId> [--add https://…] [--remove https://…] [--json] */
export default class TenantOrigins extends BaseCommand {
  static commandName = 'tenant:origins'
  static description =
    "Show, add or remove the origins a tenant's publishable keys and widgets work from"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  @flags.array({ description: 'Origin to allow' })
  declare add: string[]

  @flags.array({ description: 'Origin to stop allowing' })
  declare remove: string[]

  @flags.boolean({ description: 'Print JSON' })
  declare json: boolean

  async run() {
    const { setOrigins } = await import('#services/tenants')
    let origins: string[] | null = null
    try {
      origins = UUID_PATTERN.test(this.tenantId)
        ? await setOrigins(this.tenantId, { add: this.add, remove: this.remove })
        : null
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
      return
    }
    if (!origins) {
      this.logger.error(`No tenant ${this.tenantId}`)
      this.exitCode = 1
      return
    }
    if (this.json) {
      this.logger.log(JSON.stringify({ tenantId: this.tenantId, origins }, null, 2))
      return
    }
    for (const origin of origins) this.logger.log(origin)
  }
}
