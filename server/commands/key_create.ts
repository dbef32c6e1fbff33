import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { KEY_TYPES, type KeyType } from '#models/api_key'
import { UUID_PATTERN } from '#validators/rules'

/** node ace key:create <tenantId> --type secret|publishable [--label …] [--json] */
export default class KeyCreate extends BaseCommand {
  static commandName = 'key:create'
  static description = 'Create an API key for a tenant (a secret key is shown only this once)'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  @flags.string({ description: 'secret or publishable', default: 'secret' })
  declare type: string

  @flags.string({ description: 'A label to recognise the key by' })
  declare label?: string

  @flags.boolean({ description: 'Print JSON' })
  declare json: boolean

  async run() {
    if (!KEY_TYPES.includes(this.type as KeyType)) {
      this.logger.error(`--type must be one of ${KEY_TYPES.join(', ')}`)
      this.exitCode = 1
      return
    }
    const { addKey } = await import('#services/tenants')
    const created = UUID_PATTERN.test(this.tenantId)
      ? await addKey(this.tenantId, this.type as KeyType, this.label ?? null)
      : null
    if (!created) {
      this.logger.error(`No tenant ${this.tenantId}`)
      this.exitCode = 1
      return
    }
    const out = {
      keyId: created.key.id,
      tenantId: this.tenantId,
      type: created.key.type,
      key: created.plain,
    }
    if (this.json) {
      this.logger.log(JSON.stringify(out, null, 2))
      return
    }
    this.logger.success(`${out.type} key ${out.keyId} created`)
    this.logger.log(`  ${out.key}`)
    if (out.type === 'secret') this.logger.warning('The secret key is shown only this once.')
  }
}
