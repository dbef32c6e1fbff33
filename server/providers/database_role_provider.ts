import type { ApplicationService } from '@adonisjs/core/types'
import { StartupError } from '#lib/startup_error'

/**
 * Refuses to start the HTTP server unless its queries run as a role row-level security applies
 * to, and subscribes this instance to tenant cache invalidations.
 */
export default class DatabaseRoleProvider {
  constructor(protected app: ApplicationService) {}

  async start() {
    const { appRoleProblems } = await import('#services/database_role')
    const problems = await appRoleProblems()
    if (problems.length) {
      throw new StartupError(
        `${problems.join('; ')}. Queries must run as a role that owns no table and has neither SUPERUSER nor BYPASSRLS (see docs/operations.md).`
      )
    }
    const { listenForInvalidations } = await import('#services/tenant_cache')
    await listenForInvalidations()
  }
}
