import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { UUID_PATTERN } from '#validators/rules'

/** node ace tenant:resume <tenantId>: the tenant's keys work again. */
export default class TenantResume extends BaseCommand {
  static commandName = 'tenant:resume'
  static description = 'Resume a suspended tenant'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  async run() {
    const { setTenantStatus } = await import('#services/tenants')
    const tenant = UUID_PATTERN.test(this.tenantId)
      ? await setTenantStatus(this.tenantId, 'active')
      : null
    if (!tenant) {
      this.logger.error(`No tenant ${this.tenantId}`)
      this.exitCode = 1
      return
    }
    this.logger.success(`Tenant ${tenant.name} (${tenant.id}) resumed`)
  }
}
