/*
|--------------------------------------------------------------------------
| Console and admin routes (issue 16)
|--------------------------------------------------------------------------
|
| Cookie-authenticated, first-party: the console at /console calls /v1/console/*, the platform
| admin at /admin calls /v1/admin/*. Every route here runs the session and Shield's CSRF check
| (middleware.consoleSession); the public API in routes.ts never does. Tenant-settings routes
| (theme, branding, keys, …) live in routes.ts behind middleware.tenantSettings({ area }).
|
*/

import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ConsoleSessionsController = () => import('#controllers/console_sessions_controller')
const AdminSessionsController = () => import('#controllers/admin_sessions_controller')
const ConsoleTotpController = () => import('#controllers/console_totp_controller')
const ConsoleMeController = () => import('#controllers/console_me_controller')
const ConsoleInvitationsController = () => import('#controllers/console_invitations_controller')
const ConsoleUsersController = () => import('#controllers/console_users_controller')
const AdminTenantsController = () => import('#controllers/admin_tenants_controller')
const AdminUsageController = () => import('#controllers/admin_usage_controller')

// Partner console.
router
  .group(() => {
    router
      .group(() => {
        router
          .post('/invitations/:token/accept', [ConsoleInvitationsController, 'accept'])
          .as('console.invitations.accept')
        router.post('/sessions', [ConsoleSessionsController, 'store']).as('console.sessions.store')
        router
          .delete('/sessions', [ConsoleSessionsController, 'destroy'])
          .as('console.sessions.destroy')
      })
      .use(middleware.consoleSession({ kind: 'console', signedIn: 'no' }))

    router
      .group(() => {
        router.get('/me', [ConsoleMeController, 'show']).as('console.me.show')
        router.get('/sessions', [ConsoleSessionsController, 'index']).as('console.sessions.index')
        router
          .delete('/sessions/:id', [ConsoleSessionsController, 'revoke'])
          .as('console.sessions.revoke')
        router.post('/totp', [ConsoleTotpController, 'store']).as('console.totp.store')
        router.post('/totp/verify', [ConsoleTotpController, 'verify']).as('console.totp.verify')
        router.delete('/totp', [ConsoleTotpController, 'destroy']).as('console.totp.destroy')
        router.get('/users', [ConsoleUsersController, 'index']).as('console.users.index')
        router.post('/users', [ConsoleUsersController, 'store']).as('console.users.store')
        router.patch('/users/:id', [ConsoleUsersController, 'update']).as('console.users.update')
        router.delete('/users/:id', [ConsoleUsersController, 'destroy']).as('console.users.destroy')
        router
          .delete('/invitations/:id', [ConsoleInvitationsController, 'destroy'])
          .as('console.invitations.destroy')
      })
      .use(middleware.consoleSession({ kind: 'console' }))
  })
  .prefix('/v1/console')

// Platform admin: TOTP always; a first sign-in may only enrol it ('password').
router
  .group(() => {
    router
      .group(() => {
        router
          .post('/invitations/:token/accept', [ConsoleInvitationsController, 'acceptAdmin'])
          .as('admin.invitations.accept')
        router.post('/sessions', [AdminSessionsController, 'store']).as('admin.sessions.store')
        router
          .delete('/sessions', [AdminSessionsController, 'destroy'])
          .as('admin.sessions.destroy')
      })
      .use(middleware.consoleSession({ kind: 'admin', signedIn: 'no' }))

    router
      .group(() => {
        router.get('/me', [ConsoleMeController, 'show']).as('admin.me.show')
        router.post('/totp', [ConsoleTotpController, 'store']).as('admin.totp.store')
        router.post('/totp/verify', [ConsoleTotpController, 'verify']).as('admin.totp.verify')
      })
      .use(middleware.consoleSession({ kind: 'admin', signedIn: 'password' }))

    router
      .group(() => {
        router.get('/sessions', [AdminSessionsController, 'index']).as('admin.sessions.index')
        router
          .delete('/sessions/:id', [AdminSessionsController, 'revoke'])
          .as('admin.sessions.revoke')
        router.delete('/totp', [ConsoleTotpController, 'destroy']).as('admin.totp.destroy')
        router.get('/tenants', [AdminTenantsController, 'index']).as('admin.tenants.index')
        router.post('/tenants', [AdminTenantsController, 'store']).as('admin.tenants.store')
        router.get('/tenants/:id', [AdminTenantsController, 'show']).as('admin.tenants.show')
        router
          .post('/tenants/:id/suspend', [AdminTenantsController, 'suspend'])
          .as('admin.tenants.suspend')
        router
          .post('/tenants/:id/resume', [AdminTenantsController, 'resume'])
          .as('admin.tenants.resume')
        router.get('/usage', [AdminUsageController, 'index']).as('admin.usage.index')
      })
      .use(middleware.consoleSession({ kind: 'admin' }))
  })
  .prefix('/v1/admin')
