import { test } from '@japa/runner'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/** The platform admin's HTML shell and bundle, from a public directory of this test's own. */
const DIR = 'tmp/admin-pages-test'
const ENTRY = 'admin-Zy98Xw76.js'

test.group('Admin pages', (group) => {
  const before = env.get('PARLEY_PUBLIC_DIR')
  group.setup(async () => {
    await mkdir(app.makePath(DIR, 'admin'), { recursive: true })
    await mkdir(app.makePath(DIR, 'console'), { recursive: true })
    await writeFile(app.makePath(DIR, 'admin/entry.json'), JSON.stringify({ entry: ENTRY }))
    await writeFile(app.makePath(DIR, 'admin', ENTRY), 'export const admin = true\n')
    await writeFile(app.makePath(DIR, 'console', 'console-Ab12Cd34.js'), 'export const c = 1\n')
    env.set('PARLEY_PUBLIC_DIR', DIR)
    return async () => {
      env.set('PARLEY_PUBLIC_DIR', before as string)
      await rm(app.makePath(DIR), { recursive: true, force: true })
    }
  })

  test('every page under /admin answers the shell naming the admin bundle, with a strict CSP', async ({
    client,
    assert,
  }) => {
    for (const path of ['/admin', '/admin/tenants', '/admin/tenants/0197a000-x', '/admin/invite']) {
      const response = await client.get(path)
      response.assertStatus(200)
      assert.match(response.header('content-type') ?? '', /^text\/html/)
      assert.include(
        response.text(),
        `<script type="module" src="/admin/assets/${ENTRY}"></script>`
      )
      assert.include(response.text(), '<admin-app></admin-app>')
      assert.include(response.text(), '<title>Platform admin</title>')
      assert.notInclude(response.text(), 'console-app')
      assert.equal(response.header('cache-control'), 'no-store')
      assert.equal(response.header('x-frame-options'), 'DENY')
      const csp = response.header('content-security-policy') ?? ''
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ])
        assert.include(csp, directive)
      assert.notInclude(csp, 'unsafe-inline')
    }
  })

  test('the admin bundle is served immutable; the console’s files and other names are 404', async ({
    client,
    assert,
  }) => {
    const response = await client.get(`/admin/assets/${ENTRY}`)
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/javascript/)
    assert.include(response.header('cache-control'), 'immutable')
    assert.include(response.text(), 'admin = true')

    for (const name of [
      'console-Ab12Cd34.js',
      'entry.json',
      '..%2Fentry.json',
      'admin-Zy98Xw76.css',
    ]) {
      const missing = await client.get(`/admin/assets/${name}`)
      missing.assertStatus(404)
      assert.equal(missing.body().error.code, 'NOT_FOUND')
    }
  })

  test('without a build the shell says how to build, as a 503', async ({ client, assert }) => {
    env.set('PARLEY_PUBLIC_DIR', `${DIR}-missing`)
    try {
      const response = await client.get('/admin/usage')
      response.assertStatus(503)
      assert.equal(response.body().error.code, 'SERVICE_UNAVAILABLE')
      assert.include(response.body().error.message, 'platform admin is not built')
    } finally {
      env.set('PARLEY_PUBLIC_DIR', DIR)
    }
  })
})
