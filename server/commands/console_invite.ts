import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { CONSOLE_ROLES, type ConsoleRole } from '#models/console_user'
import { UUID_PATTERN } from '#validators/rules'

/** node ace console:invite <tenantId> <email> --role owner|admin|developer|support [--json] */
export default class ConsoleInvite extends BaseCommand {
  static commandName = 'console:invite'
  static description =
    "Invite someone to a tenant's partner console (prints a one-time link, valid 72 hours)"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  @args.string({ description: 'Email address of the person invited' })
  declare email: string

  @flags.string({ description: 'owner, admin, developer or support', default: 'owner' })
  declare role: string

  @flags.boolean({ description: 'Print JSON' })
  declare json: boolean

  async run() {
    if (!CONSOLE_ROLES.includes(this.role as ConsoleRole)) {
      this.logger.error(`--role must be one of ${CONSOLE_ROLES.join(', ')}`)
      this.exitCode = 1
      return
    }
    if (!UUID_PATTERN.test(this.tenantId) || !/^[^\s@]+@[^\s@]+$/.test(this.email)) {
      this.logger.error('Give a tenant id and an email address')
      this.exitCode = 1
      return
    }
    const { default: Tenant } = await import('#models/tenant')
    const { withTenant } = await import('#services/tenant_context')
    const { inviteConsoleUser } = await import('#services/console/invitations')
    try {
      const out = await withTenant(
        { tenantId: this.tenantId },
        async (trx) => {
          const tenant = await Tenant.find(this.tenantId, { client: trx })
          if (!tenant) return null
          const { invitation, link } = await inviteConsoleUser(trx, {
            tenantId: tenant.id,
            email: this.email,
            role: this.role as ConsoleRole,
            actor: { type: 'operator', id: process.env.USER ?? null },
          })
          return {
            invitationId: invitation.id,
            tenantId: tenant.id,
            email: invitation.email,
            role: invitation.role,
            expiresAt: invitation.expiresAt.toISO(),
            link,
          }
        },
        'operator'
      )
      if (!out) {
        this.logger.error(`No tenant ${this.tenantId}`)
        this.exitCode = 1
        return
      }
      if (this.json) return this.logger.log(JSON.stringify(out, null, 2))
      this.logger.success(`${out.email} invited as ${out.role} (until ${out.expiresAt})`)
      this.logger.log(`  ${out.link}`)
      this.logger.warning('The link works once and is shown only this once.')
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
