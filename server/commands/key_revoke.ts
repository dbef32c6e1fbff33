import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { UUID_PATTERN } from '#validators/rules'

/** node ace key:revoke <keyId>: the key, and sessions it minted, stop working at once. */
export default class KeyRevoke extends BaseCommand {
  static commandName = 'key:revoke'
  static description = 'Revoke an API key; sessions minted with a revoked secret key end too'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Key id (from key:list or key:create)' })
  declare keyId: string

  async run() {
    const { revokeKey } = await import('#services/tenants')
    const key = UUID_PATTERN.test(this.keyId) ? await revokeKey(this.keyId) : null
    if (!key) {
      this.logger.error(`No key ${this.keyId}`)
      this.exitCode = 1
      return
    }
    this.logger.success(`${key.type} key ${key.id} revoked`)
  }
}
