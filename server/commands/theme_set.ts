import { readFile } from 'node:fs/promises'
import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { UUID_PATTERN } from '#validators/rules'

/** node ace theme:set <tenantId> <file.json>: set a tenant's theme from a tokens file. */
export default class ThemeSet extends BaseCommand {
  static commandName = 'theme:set'
  static description =
    "Set a tenant's theme from a JSON file of design tokens (see themes/schema.json)"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  @args.string({ description: 'Path to a JSON file of tokens, e.g. themes/presets/ocean.json' })
  declare file: string

  async run() {
    const { default: Tenant } = await import('#models/tenant')
    const { withTenant } = await import('#services/tenant_context')
    const { setTheme } = await import('#services/themes')
    let tokens: unknown
    try {
      tokens = JSON.parse(await readFile(this.file, 'utf8'))
    } catch (error) {
      this.logger.error(`Cannot read ${this.file}: ${(error as Error).message}`)
      this.exitCode = 1
      return
    }
    try {
      const result = UUID_PATTERN.test(this.tenantId)
        ? await withTenant(
            { tenantId: this.tenantId },
            async (trx) => {
              const tenant = await Tenant.find(this.tenantId, { client: trx })
              return tenant
                ? setTheme(trx, tenant, tokens, { type: 'operator', id: 'theme:set' })
                : null
            },
            'operator'
          )
        : null
      if (!result) {
        this.logger.error(`No tenant ${this.tenantId}`)
        this.exitCode = 1
        return
      }
      for (const warning of result.warnings)
        this.logger.warning(`${warning.field}: ${warning.message}`)
      this.logger.success(`Theme of ${this.tenantId} updated`)
    } catch (error) {
      const details = (error as { details?: { field: string; message: string }[] }).details
      for (const d of details ?? []) this.logger.error(`${d.field}: ${d.message}`)
      if (!details) this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
