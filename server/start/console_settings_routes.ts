/*
| Tenant settings the partner console manages (branding, keys, origins, custom domains, usage),
| also open to a secret key so resellers can automate. Imported by routes.ts.
|
| TODO(console-auth): once the middleware accepting "a secret key OR a console session whose role
| allows it" lands, swap `middleware.secretKey()` below for it (developer: keys, origins, domains;
| support: reads).
*/

import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const DomainsController = () => import('#controllers/domains_controller')
const KeysController = () => import('#controllers/keys_controller')
const OriginsController = () => import('#controllers/origins_controller')
const UsageController = () => import('#controllers/usage_controller')
const BrandingController = () => import('#controllers/branding_controller')

router
  .group(() => {
    // Caddy's on-demand TLS `ask`: no credential; 200 only for a verified custom domain.
    router.get('/domains/check', [DomainsController, 'check']).as('domains.check')

    router
      .group(() => {
        router.get('/domains', [DomainsController, 'index']).as('domains.index')
        router.post('/domains', [DomainsController, 'store']).as('domains.store')
        router.get('/domains/:id', [DomainsController, 'show']).as('domains.show')
        router.post('/domains/:id/verify', [DomainsController, 'verify']).as('domains.verify')
        router.delete('/domains/:id', [DomainsController, 'destroy']).as('domains.destroy')
        router.get('/keys', [KeysController, 'index']).as('keys.index')
        router.post('/keys', [KeysController, 'store']).as('keys.store')
        router.delete('/keys/:id', [KeysController, 'destroy']).as('keys.destroy')
        router.get('/origins', [OriginsController, 'show']).as('origins.show')
        router.put('/origins', [OriginsController, 'update']).as('origins.update')
        router.get('/usage', [UsageController, 'index']).as('usage.index')
        router.get('/branding', [BrandingController, 'show']).as('branding.show')
        router.patch('/branding', [BrandingController, 'update']).as('branding.update')
      })
      .use(middleware.secretKey())
  })
  .prefix('/v1')
