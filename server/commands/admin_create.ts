import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** node ace admin:create <email> [--name …] [--json] */
export default class AdminCreate extends BaseCommand {
  static commandName = 'admin:create'
  static description =
    'Create a platform admin (prints a one-time link to set the password; TOTP is set up at the first sign-in)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Email address' })
  declare email: string

  @flags.string({ description: 'Display name' })
  declare name?: string

  @flags.boolean({ description: 'Print JSON' })
  declare json: boolean

  async run() {
    if (!/^[^\s@]+@[^\s@]+$/.test(this.email)) {
      this.logger.error('Give an email address')
      this.exitCode = 1
      return
    }
    const { createPlatformAdmin, INVITATION_HOURS } = await import('#services/console/invitations')
    try {
      const { admin, link } = await createPlatformAdmin(this.email, this.name)
      const out = { adminId: admin.id, email: admin.email, link }
      if (this.json) return this.logger.log(JSON.stringify(out, null, 2))
      this.logger.success(`Platform admin ${out.email} created`)
      this.logger.log(`  ${out.link}`)
      this.logger.warning(
        `Set the password through this link within ${INVITATION_HOURS} hours; it works once. ` +
          'The first sign-in sets up TOTP.'
      )
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
