/*
|--------------------------------------------------------------------------
| Machine-readable contract (issue 18)
|--------------------------------------------------------------------------
|
| GET /v1/openapi.json: the OpenAPI 3.1 document generated from the routes, their VineJS
| validators and the transformers' response shapes. Owned by the OpenAPI work.
|
*/

import router from '@adonisjs/core/services/router'

const OpenApiController = () => import('#controllers/openapi_controller')

router.get('/v1/openapi.json', [OpenApiController, 'show']).as('openapi.show')
