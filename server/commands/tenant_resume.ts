import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { UUID_PATTERN } from '#validators/rules'

/** node ace tenant:resume <tenantId>: the tenant's keys work again; its suspension is closed. */
export default class TenantResume extends BaseCommand {
  static commandName = 'tenant:resume'
  static description = 'Resume a suspended tenant'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  async run() {
    const { resumeTenant } = await import('#services/tenants')
    const change = UUID_PATTERN.test(this.tenantId)
      ? await resumeTenant(this.tenantId)
      : ({ outcome: 'missing' } as const)
    if (change.outcome === 'missing') {
      this.logger.error(`No tenant ${this.tenantId}`)
      this.exitCode = 1
      return
    }
    const { tenant } = change
    if (change.outcome === 'unchanged') {
      this.logger.info(`Tenant ${tenant.name} (${tenant.id}) was not suspended`)
      return
    }
    this.logger.success(`Tenant ${tenant.name} (${tenant.id}) resumed`)
  }
}
