import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { UUID_PATTERN } from '#validators/rules'

/** node ace tenant:suspend <tenantId>: every key and session of the tenant stops working. */
export default class TenantSuspend extends BaseCommand {
  static commandName = 'tenant:suspend'
  static description = 'Suspend a tenant: its keys and sessions are refused until resumed'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  async run() {
    const { setTenantStatus } = await import('#services/tenants')
    const tenant = UUID_PATTERN.test(this.tenantId)
      ? await setTenantStatus(this.tenantId, 'suspended')
      : null
    if (!tenant) {
      this.logger.error(`No tenant ${this.tenantId}`)
      this.exitCode = 1
      return
    }
    this.logger.success(`Tenant ${tenant.name} (${tenant.id}) suspended`)
  }
}
