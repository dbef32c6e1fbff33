/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
|
| Server middleware runs on every request, even those with no route (so unknown URLs still get a
| request id and CORS preflights are answered). Router middleware runs on matched routes.
|
*/

import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

server.use([
  () => import('#middleware/request_context_middleware'),
  () => import('#middleware/cors_middleware'),
  () => import('#middleware/custom_domain_middleware'),
])

router.use([
  () => import('#middleware/initialize_bouncer_middleware'),
  () => import('#middleware/json_body_middleware'),
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/text_input_middleware'),
])

export const middleware = router.named({
  secretKey: () => import('#middleware/secret_key_middleware'),
  publishableKey: () => import('#middleware/publishable_key_middleware'),
  sessionToken: () => import('#middleware/session_token_middleware'),
  // Console and admin (cookie session + CSRF), and "secret key or console role" for settings.
  consoleSession: () => import('#middleware/console_session_middleware'),
  tenantSettings: () => import('#middleware/tenant_settings_auth_middleware'),
})
