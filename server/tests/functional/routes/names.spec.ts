import { visit } from '#tests/helpers'
import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'

/**
 * Route names follow the URL: the resources of the path, camelCase, dot-separated, then the
 * action — `index show store update destroy` for resources, a verb for the rest
 * (`/v1/conversations/:id/messages` POST → `conversations.messages.store`).
 */
const CRUD = ['index', 'show', 'store', 'update', 'destroy']
/** Paths fixed from outside: the loader's file names, and @adonisjs/transmit-client's protocol. */
const FIXED_PATHS = new Set([
  'embed.loader',
  'embed.loader.v1',
  'realtime.stream',
  'realtime.subscribe',
  'realtime.unsubscribe',
])
const kebab = (segment: string) => segment.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

const routes = () =>
  Object.values(router.toJSON())
    .flat()
    .map((route) => ({ name: route.name, pattern: route.pattern, methods: route.methods }))

test.group('Route names', () => {
  test('every route is named, once', ({ assert }) => {
    const all = routes()
    assert.deepEqual(
      all.filter((r) => !r.name).map((r) => r.pattern),
      [],
      'unnamed routes'
    )
    const names = all.map((r) => r.name)
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
      'names used twice'
    )
  })

  test('each name is the path’s resources and an action, and CRUD actions match their method', ({
    assert,
  }) => {
    const wrong: string[] = []
    for (const { name, pattern, methods } of routes()) {
      if (name === 'health' || FIXED_PATHS.has(name!)) continue
      const segments = name!.split('.')
      const action = segments.pop()!
      const path = pattern.split('/').filter((s) => s && !s.startsWith(':'))
      if (!/^[a-z][a-zA-Z0-9]*$/.test(action) || segments.length === 0) wrong.push(name!)
      // Every resource named appears in the path, in order.
      let at = 0
      for (const resource of segments) {
        const found = path.findIndex(
          (s, i) =>
            i >= at &&
            (s === kebab(resource) || s.startsWith(`${kebab(resource)}.`) || s === resource)
        )
        if (found < 0) wrong.push(`${name} (no "${resource}" in ${pattern})`)
        else at = found + 1
      }
      const method = methods.find((m) => m !== 'HEAD')!
      const expected = {
        index: 'GET',
        show: 'GET',
        store: 'POST',
        update: ['PUT', 'PATCH'],
        destroy: 'DELETE',
      }[action as 'index']
      if (CRUD.includes(action) && ![expected].flat().includes(method)) {
        wrong.push(`${name} (${method} ${pattern})`)
      }
    }
    assert.deepEqual(wrong, [])
  })

  test('functional tests reach routes by name', async ({ client }) => {
    const response = await visit(client, 'health')
    response.assertStatus(200)
  })
})
