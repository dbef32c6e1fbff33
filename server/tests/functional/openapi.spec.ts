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

  test('is sent gzipped to clients that accept it, the same document either way', async ({
    assert,
  }) => {
    const url = `http://${process.env.HOST}:${process.env.PORT}/v1/openapi.json`
    const zipped = await fetch(url, { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(zipped.headers.get('content-encoding'), 'gzip')
    assert.equal(zipped.headers.get('vary'), 'Accept-Encoding')
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
    assert.isNull(plain.headers.get('content-encoding'))
    assert.deepEqual(await zipped.json(), await plain.json())
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

test.group('OpenAPI document: what the code does not tell', () => {
  test('every route note names an existing route', async ({ assert }) => {
    const { ROUTE_NOTES } = await import('#services/openapi/route_notes')
    const names = new Set(
      Object.values(router.toJSON())
        .flat()
        .map((route) => route.name)
    )
    assert.deepEqual(
      Object.keys(ROUTE_NOTES).filter((name) => !names.has(name)),
      [],
      'notes without a route'
    )
  })

  test('every property note names a property of a component', async ({ assert }) => {
    const { PROPERTY_NOTES } = await import('#services/openapi/route_notes')
    const { transformerSchemas } = await import('#services/openapi/shapes.generated')
    const unknown = Object.entries(PROPERTY_NOTES).flatMap(([component, properties]) =>
      Object.keys(properties)
        .filter((name) => !transformerSchemas[component]?.properties?.[name])
        .map((name) => `${component}.${name}`)
    )
    assert.deepEqual(unknown, [], 'notes on properties that do not exist')
  })

  test('shapes.generated.ts is what the controllers and transformers make now', async ({
    assert,
  }) => {
    const { spawnSync } = await import('node:child_process')
    const run = spawnSync(
      process.execPath,
      ['--import=@poppinss/ts-exec', 'bin/openapi_shapes.ts', '--check'],
      { cwd: new URL('../../../', import.meta.url).pathname, encoding: 'utf8' }
    )
    assert.equal(run.status, 0, run.stderr || run.stdout)
  }).timeout(600_000)
})

test.group('Responses checked against the contract', () => {
  const url = (path: string) => new URL(path, 'http://localhost')

  test('a body its schema refuses is a mismatch, naming the route and the field', async ({
    assert,
  }) => {
    const { contractMismatch } = await import('#tests/contract_responses')
    const mismatch = await contractMismatch('GET', url('/v1/webhooks'), 200, 'application/json', {
      data: [{ id: 7 }],
      nextCursor: null,
    })
    assert.match(mismatch ?? '', /GET \/v1\/webhooks \(webhooks\.index\).*\n.*\/data\/0/)
    assert.isUndefined(
      await contractMismatch('GET', url('/v1/webhooks'), 200, 'application/json', {
        data: [],
        nextCursor: null,
      })
    )
  })

  test('a status the entry does not list is a mismatch; an error must have the error shape', async ({
    assert,
  }) => {
    const { contractMismatch } = await import('#tests/contract_responses')
    assert.match(
      (await contractMismatch('GET', url('/v1/webhooks'), 418, 'application/json', {})) ?? '',
      /answered 418, a status its entry does not list/
    )
    assert.match(
      (await contractMismatch('GET', url('/v1/webhooks'), 401, 'application/json', {
        message: 'no',
      })) ?? '',
      /refuses/
    )
    assert.isUndefined(await contractMismatch('GET', url('/health'), 418, 'text/plain', ''))
  })
})
