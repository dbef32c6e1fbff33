import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * node ace db:app-role: creates the application role or resets its password to the one derived
 * from the current APP_KEY (run it after rotating APP_KEY). `npm run dev` runs it on every start.
 */
export default class DbAppRole extends BaseCommand {
  static commandName = 'db:app-role'
  static description = 'Create the application database role or reset its password from APP_KEY'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { appRoleSql } = await import('#database/app_role')
    const { appRoleName } = await import('#database/isolation')
    const sql = appRoleSql()
    if (!sql) {
      this.logger.info('DATABASE_APP_URL is set: the application role is managed outside Parley')
      return
    }
    await db.connection('operator').rawQuery(sql)
    this.logger.success(`Database role ${appRoleName()} is ready`)
  }
}
