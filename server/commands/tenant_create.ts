import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** node ace tenant:create "Acme" --origin https://app.acme.test [--origin …] [--json] */
export default class TenantCreate extends BaseCommand {
  static commandName = 'tenant:create'
  static description =
    'Create a tenant with a publishable and a secret key (the secret is shown only this once)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The tenant (reseller) name' })
  declare name: string

  @flags.array({ description: 'An allowed origin (scheme://host[:port]); repeat for several' })
  declare origin: string[]

  @flags.string({ description: 'Logo URL shown by widgets' })
  declare logoUrl?: string

  @flags.boolean({ description: 'Print JSON' })
  declare json: boolean

  async run() {
    const { createTenant } = await import('#services/tenants')
    if (!this.name?.trim() || this.name.length > 120) {
      this.logger.error('The tenant name must be 1 to 120 characters')
      this.exitCode = 1
      return
    }
    let created
    try {
      created = await createTenant({
        name: this.name.trim(),
        origins: this.origin ?? [],
        logoUrl: this.logoUrl,
      })
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
      return
    }
    const out = {
      tenantId: created.tenant.id,
      name: created.tenant.name,
      origins: created.origins,
      publishableKey: created.publishableKey,
      secretKey: created.secretKey,
    }
    if (this.json) {
      this.logger.log(JSON.stringify(out, null, 2))
      return
    }
    this.logger.success(`Tenant ${out.name} created`)
    this.logger.log(`  tenant id        ${out.tenantId}`)
    this.logger.log(
      `  origins          ${out.origins.join(', ') || '(none: add one with tenant:origins)'}`
    )
    this.logger.log(`  publishable key  ${out.publishableKey}`)
    this.logger.log(`  secret key       ${out.secretKey}`)
    this.logger.warning('The secret key is shown only this once. Store it in your backend now.')
  }
}
