import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { Validator } from '@seriousme/openapi-schema-validator'

/** Every public route, straight from the router: `METHOD /openapi/{path}`. */
const routerOperations = () =>
  Object.values(router.toJSON())
    .flat()
    .filter((route) => route.pattern.startsWith('/v1/'))
    .flatMap((route) =>
      route.methods
        .filter((m) => m !== 'HEAD')
        .map((m) => `${m} ${route.pattern.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`)
    )
    .sort()

const documentOperations = (document: any) =>
  Object.entries(document.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`)
    )
    .sort()

test.group('GET /v1/openapi.json', () => {
  test('serves a valid OpenAPI 3.1 document, public and cacheable', async ({ client, assert }) => {
    const response = await client.get('/v1/openapi.json').header('Origin', 'https://docs.example')
    response.assertStatus(200)
    assert.equal(response.header('access-control-allow-origin'), '*')
    assert.match(response.header('cache-control') ?? '', /public, max-age=\d+/)
    const document = response.body()
    assert.equal(document.openapi, '3.1.0')
    const result = await new Validator().validate(document)
    assert.isTrue(result.valid, JSON.stringify(result.errors, null, 2))
  })

  test('has one operation per /v1 route, and none without a route', async ({ client, assert }) => {
    const document = (await client.get('/v1/openapi.json')).body()
    const inRouter = routerOperations()
    const inDocument = documentOperations(document)
    assert.deepEqual(
      inRouter.filter((op) => !inDocument.includes(op)),
      [],
      'routes without an entry'
    )
    assert.deepEqual(
      inDocument.filter((op) => !inRouter.includes(op)),
      [],
      'entries without a route'
    )
  })
})
