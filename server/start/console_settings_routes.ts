/*
| Tenant settings the partner console manages (branding, keys, origins, custom domains, providers,
| workspaces, usage), also open to a secret key so resellers can automate. Imported by routes.ts.
| Authentication: middleware.tenantSettings (a secret key, or a console session whose role
| allows the area).
|
*/

import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import type { SettingsArea } from '#policies/tenant_settings_policy'

const DomainsController = () => import('#controllers/domains_controller')
const KeysController = () => import('#controllers/keys_controller')
const OriginsController = () => import('#controllers/origins_controller')
const UsageController = () => import('#controllers/usage_controller')
const BrandingController = () => import('#controllers/branding_controller')
const BrandingAssetsController = () => import('#controllers/branding_assets_controller')
const ProvidersController = () => import('#controllers/providers_controller')
const StripeProvidersController = () => import('#controllers/stripe_providers_controller')
const WhatsAppNumbersController = () => import('#controllers/whatsapp_numbers_controller')
const WorkspacesController = () => import('#controllers/workspaces_controller')

router
  .group(() => {
    // Caddy's on-demand TLS `ask`: no credential; 200 only for a verified custom domain.
    router.get('/domains/check', [DomainsController, 'check']).as('domains.check')
    // Uploaded logos and fonts: public (end users' browsers load them), content-hashed names.
    router
      .get('/branding-assets/:tenantId/:file', [BrandingAssetsController, 'show'])
      .as('brandingAssets.show')

    // Each route names its settings area: a secret key may do everything, a console session
    // what its role allows (TenantSettingsPolicy: developer keys, origins, domains, branding).
    const area = (name: SettingsArea) => middleware.tenantSettings({ area: name })
    router.get('/domains', [DomainsController, 'index']).as('domains.index').use(area('domains'))
    router.post('/domains', [DomainsController, 'store']).as('domains.store').use(area('domains'))
    router.get('/domains/:id', [DomainsController, 'show']).as('domains.show').use(area('domains'))
    router
      .post('/domains/:id/verify', [DomainsController, 'verify'])
      .as('domains.verify')
      .use(area('domains'))
    router
      .delete('/domains/:id', [DomainsController, 'destroy'])
      .as('domains.destroy')
      .use(area('domains'))
    router.get('/keys', [KeysController, 'index']).as('keys.index').use(area('keys'))
    router.post('/keys', [KeysController, 'store']).as('keys.store').use(area('keys'))
    router.delete('/keys/:id', [KeysController, 'destroy']).as('keys.destroy').use(area('keys'))
    router.get('/origins', [OriginsController, 'show']).as('origins.show').use(area('origins'))
    router.put('/origins', [OriginsController, 'update']).as('origins.update').use(area('origins'))
    router.get('/usage', [UsageController, 'index']).as('usage.index').use(area('usage'))
    router.get('/branding', [BrandingController, 'show']).as('branding.show').use(area('branding'))
    router
      .patch('/branding', [BrandingController, 'update'])
      .as('branding.update')
      .use(area('branding'))
    router
      .post('/branding/logo', [BrandingAssetsController, 'storeLogo'])
      .as('branding.logo.store')
      .use(area('branding'))
    router
      .post('/branding/font', [BrandingAssetsController, 'storeFont'])
      .as('branding.font.store')
      .use(area('branding'))

    // Providers: the state of each (never a secret); owner and admin set them.
    router
      .get('/providers', [ProvidersController, 'index'])
      .as('providers.index')
      .use(area('providers'))
    router
      .put('/providers/openai', [ProvidersController, 'openai'])
      .as('providers.openai.update')
      .use(area('providers'))
    router
      .post('/providers/openai/verify', [ProvidersController, 'verifyOpenai'])
      .as('providers.openai.verify')
      .use(area('providers'))
    router
      .put('/providers/stripe', [StripeProvidersController, 'update'])
      .as('providers.stripe.update')
      .use(area('providers'))
    // Every workspace's WhatsApp numbers and their states (the widget's routes see one workspace).
    router
      .get('/providers/whatsapp/numbers', [WhatsAppNumbersController, 'tenantIndex'])
      .as('providers.whatsapp.numbers.index')
      .use(area('providers'))

    router
      .get('/workspaces', [WorkspacesController, 'index'])
      .as('workspaces.index')
      .use(area('workspaces'))
    router
      .get('/workspaces/:id', [WorkspacesController, 'show'])
      .as('workspaces.show')
      .use(area('workspaces'))
    router
      .patch('/workspaces/:id', [WorkspacesController, 'update'])
      .as('workspaces.update')
      .use(area('workspaces'))
  })
  .prefix('/v1')
