import ConsoleSessionsController from '#controllers/console_sessions_controller'
import type { AccountKind } from '#services/console/accounts'

/** POST/DELETE/GET /v1/admin/sessions: as the console's, for platform admins (TOTP required). */
export default class AdminSessionsController extends ConsoleSessionsController {
  protected kind: AccountKind = 'admin'
}
