import { test } from '@japa/runner'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/** The API reference page and its bundle, from a public directory of this test's own. */
const DIR = 'tmp/api-reference-page-test'
const SCRIPT = 'main-Ab12Cd34.js'
const STYLE = 'main-Ef56Gh78.css'
// Vite names shared chunks after their first module, which may start with an underscore.
const HELPER = '_plugin-vue_export-helper-BDNMzG2s.js'

test.group('API reference page (GET /docs/api)', (group) => {
  const before = env.get('PARLEY_PUBLIC_DIR')
  group.setup(async () => {
    const dir = app.makePath(DIR, 'api-reference')
    await mkdir(dir, { recursive: true })
    await writeFile(`${dir}/entry.json`, JSON.stringify({ script: SCRIPT, styles: [STYLE] }))
    await writeFile(`${dir}/${SCRIPT}`, 'export const built = true\n')
    await writeFile(`${dir}/${STYLE}`, 'body { margin: 0 }\n')
    await writeFile(`${dir}/${HELPER}`, 'export const helper = true\n')
    env.set('PARLEY_PUBLIC_DIR', DIR)
    return async () => {
      env.set('PARLEY_PUBLIC_DIR', before as string)
      await rm(app.makePath(DIR), { recursive: true, force: true })
    }
  })

  test('the page names the built bundle and the contract, under a strict policy', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/docs/api')
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/html/)
    const html = response.text()
    assert.include(html, `<script type="module" src="/docs/api/assets/${SCRIPT}"></script>`)
    assert.include(html, `<link rel="stylesheet" href="/docs/api/assets/${STYLE}" />`)
    assert.include(html, 'data-spec-url="/v1/openapi.json"')
    // No inline script or style in the page itself: the policy would refuse them.
    assert.notMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/)
    assert.notMatch(html, /<style|\sstyle=/)
    assert.equal(response.header('cache-control'), 'no-store')
    const csp = response.header('content-security-policy') ?? ''
    for (const directive of [
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
    ])
      assert.include(csp, directive)
    assert.notInclude(csp, 'unsafe-inline')
    assert.notInclude(csp, 'unsafe-eval')
  })

  test('bundle files are served immutable with their types; other names are 404', async ({
    client,
    assert,
  }) => {
    const script = await client.get(`/docs/api/assets/${SCRIPT}`)
    script.assertStatus(200)
    assert.match(script.header('content-type') ?? '', /^text\/javascript/)
    assert.include(script.header('cache-control'), 'immutable')
    assert.include(script.text(), 'built = true')
    const style = await client.get(`/docs/api/assets/${STYLE}`)
    style.assertStatus(200)
    assert.match(style.header('content-type') ?? '', /^text\/css/)
    const helper = await client.get(`/docs/api/assets/${HELPER}`)
    helper.assertStatus(200)
    assert.include(helper.text(), 'helper = true')

    for (const name of ['main-Zz99Zz99.js', 'entry.json', 'manifest.json', '..%2Fentry.json']) {
      const missing = await client.get(`/docs/api/assets/${name}`)
      missing.assertStatus(404)
      assert.equal(missing.body().error.code, 'NOT_FOUND')
    }
  })

  test('without a build the page says how to build it, as a 503', async ({ client, assert }) => {
    env.set('PARLEY_PUBLIC_DIR', `${DIR}-missing`)
    try {
      const response = await client.get('/docs/api')
      response.assertStatus(503)
      assert.equal(response.body().error.code, 'SERVICE_UNAVAILABLE')
      assert.include(response.body().error.message, 'npm run build:api-reference')
    } finally {
      env.set('PARLEY_PUBLIC_DIR', DIR)
    }
  })
})
