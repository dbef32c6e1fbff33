import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { SUSPENSION_CATEGORIES, type SuspensionCategory } from '#models/tenant_suspension'
import { UUID_PATTERN } from '#validators/rules'

/**
 * node ace tenant:suspend <tenantId> [--category abuse|payment|request|other] [--reason …] [--note …]
 * Every key and session of the tenant stops working; the suspension is kept in its history, as
 * when a platform admin suspends it. `--reason` is shown to the tenant's console users.
 */
export default class TenantSuspend extends BaseCommand {
  static commandName = 'tenant:suspend'
  static description = 'Suspend a tenant: its keys and sessions are refused until resumed'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  @flags.string({ description: 'abuse, payment, request or other', default: 'other' })
  declare category: string

  @flags.string({ description: "Why, in words shown to the tenant's console users" })
  declare reason?: string

  @flags.string({ description: 'A note for platform admins only' })
  declare note?: string

  async run() {
    if (!SUSPENSION_CATEGORIES.includes(this.category as SuspensionCategory)) {
      this.logger.error(`--category must be one of ${SUSPENSION_CATEGORIES.join(', ')}`)
      this.exitCode = 1
      return
    }
    const reason = (this.reason ?? '').trim()
    if (reason.length > 1000 || (this.note ?? '').length > 2000) {
      this.logger.error('--reason is at most 1000 characters, --note at most 2000')
      this.exitCode = 1
      return
    }
    const { suspendTenant } = await import('#services/tenants')
    const change = UUID_PATTERN.test(this.tenantId)
      ? await suspendTenant(this.tenantId, {
          category: this.category as SuspensionCategory,
          reason,
          note: this.note?.trim() || null,
        })
      : ({ outcome: 'missing' } as const)
    if (change.outcome === 'missing') {
      this.logger.error(`No tenant ${this.tenantId}`)
      this.exitCode = 1
      return
    }
    const { tenant } = change
    if (change.outcome === 'unchanged') {
      this.logger.info(`Tenant ${tenant.name} (${tenant.id}) was already suspended`)
      return
    }
    this.logger.success(`Tenant ${tenant.name} (${tenant.id}) suspended (${this.category})`)
  }
}
