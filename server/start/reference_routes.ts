/*
|--------------------------------------------------------------------------
| API reference (issue 18)
|--------------------------------------------------------------------------
|
| GET /docs/api: the reference rendered from /v1/openapi.json by a bundled renderer, offline and
| under the widgets' strict CSP. Owned by the API reference work.
|
*/

import router from '@adonisjs/core/services/router'

const ApiReferenceController = () => import('#controllers/api_reference_controller')

router.get('/docs/api', [ApiReferenceController, 'show']).as('docs.api.show')
router.get('/docs/api/assets/:file', [ApiReferenceController, 'asset']).as('docs.api.assets')
