import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { UUID_PATTERN } from '#validators/rules'

/** node ace key:list <tenantId> [--json]: keys with their type, last use and revocation. */
export default class KeyList extends BaseCommand {
  static commandName = 'key:list'
  static description = "List a tenant's API keys (never the secrets themselves)"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  @flags.boolean({ description: 'Print JSON' })
  declare json: boolean

  async run() {
    const { default: ApiKey } = await import('#models/api_key')
    const { withTenant } = await import('#services/tenant_context')
    const { ApiKeyTransformer } = await import('#transformers/api_key_transformer')
    if (!UUID_PATTERN.test(this.tenantId)) {
      this.logger.error(`No tenant ${this.tenantId}`)
      this.exitCode = 1
      return
    }
    const keys = await withTenant(
      { tenantId: this.tenantId },
      (trx) =>
        ApiKey.query({ client: trx }).where('tenant_id', this.tenantId).orderBy('created_at'),
      'operator'
    )
    const out = keys.map(ApiKeyTransformer.transform)
    if (this.json) {
      this.logger.log(JSON.stringify(out, null, 2))
      return
    }
    const table = this.ui.table()
    table.head(['id', 'type', 'ends with', 'last used', 'revoked'])
    for (const k of out)
      table.row([k.id, k.type, k.lastFour, k.lastUsedAt ?? '-', k.revokedAt ?? '-'])
    table.render()
  }
}
