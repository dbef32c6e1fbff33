import { test } from '@japa/runner'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/** The console's HTML shell and bundle, from a public directory of this test's own. */
const DIR = 'tmp/console-pages-test'
const ENTRY = 'console-Ab12Cd34.js'

test.group('Console pages', (group) => {
  const before = env.get('PARLEY_PUBLIC_DIR')
  group.setup(async () => {
    await mkdir(app.makePath(DIR, 'console'), { recursive: true })
    await writeFile(app.makePath(DIR, 'console/entry.json'), JSON.stringify({ entry: ENTRY }))
    await writeFile(app.makePath(DIR, 'console', ENTRY), 'export const built = true\n')
    env.set('PARLEY_PUBLIC_DIR', DIR)
    return async () => {
      env.set('PARLEY_PUBLIC_DIR', before as string)
      await rm(app.makePath(DIR), { recursive: true, force: true })
    }
  })

  test('every page under /console answers the shell naming the built bundle', async ({
    client,
    assert,
  }) => {
    for (const path of ['/console', '/console/theme', '/console/keys/new']) {
      const response = await client.get(path)
      response.assertStatus(200)
      assert.match(response.header('content-type') ?? '', /^text\/html/)
      assert.include(
        response.text(),
        `<script type="module" src="/console/assets/${ENTRY}"></script>`
      )
      assert.include(response.text(), '<console-app></console-app>')
      assert.equal(response.header('cache-control'), 'no-store')
      assert.include(response.header('content-security-policy'), "frame-ancestors 'none'")
      assert.include(response.header('content-security-policy'), "script-src 'self'")
    }
  })

  test('the bundle is served immutable; other names are 404 in the error shape', async ({
    client,
    assert,
  }) => {
    const response = await client.get(`/console/assets/${ENTRY}`)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/javascript/)
    assert.include(response.header('cache-control'), 'immutable')
    assert.include(response.text(), 'built = true')

    for (const name of [
      'console-Zz99Zz99.js',
      'entry.json',
      '..%2Fentry.json',
      'console-Ab12Cd34.css',
    ]) {
      const missing = await client.get(`/console/assets/${name}`)
      missing.assertStatus(404)
      assert.equal(missing.body().error.code, 'NOT_FOUND')
    }
  })

  test('without a build the shell says how to build, as a 503', async ({ client, assert }) => {
    env.set('PARLEY_PUBLIC_DIR', `${DIR}-missing`)
    try {
      const response = await client.get('/console/theme')
      response.assertStatus(503)
      assert.equal(response.body().error.code, 'SERVICE_UNAVAILABLE')
    } finally {
      env.set('PARLEY_PUBLIC_DIR', DIR)
    }
  })
})
