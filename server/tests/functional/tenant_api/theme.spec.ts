import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeTenant, mintSession, ORIGIN, visit } from '#tests/helpers'
import ThemeSet from '#commands/theme_set'

const css = (client: any, key: string) =>
  visit(client, 'theme.css').qs({ key }).header('origin', ORIGIN)

test.group('Theme', () => {
  test('PUT /v1/theme saves tokens that reach theme.css and the embed config at once', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const before = await css(client, tenant.publishableKey)
    before.assertStatus(200)
    assert.include(before.text(), '--parley-color-primary: #2f5bd3;')

    const tokens = {
      colorScheme: 'light',
      color: { light: { primary: '#7a2e9e' } },
      radius: { md: '2px' },
    }
    const put = await visit(client, 'theme.update').bearerToken(tenant.secretKey).json({ tokens })
    put.assertStatus(200)
    put.assertBody({ theme: { tokens }, warnings: [] })

    const after = await css(client, tenant.publishableKey)
    assert.equal(after.header('content-type'), 'text/css; charset=utf-8')
    assert.include(after.text(), '--parley-color-primary: #7a2e9e;')
    assert.include(after.text(), '--parley-radius-md: 2px;')
    assert.notEqual(after.header('etag'), before.header('etag'))

    const config = await visit(client, 'embed.config')
      .qs({ key: tenant.publishableKey })
      .header('origin', ORIGIN)
    assert.deepEqual(config.body().theme, { tokens })
    const read = await visit(client, 'theme.show').bearerToken(tenant.secretKey)
    read.assertBody({ theme: { tokens } })
  })

  test('theme.css answers 304 to a matching If-None-Match and is cacheable', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const first = await css(client, tenant.publishableKey)
    assert.include(first.header('cache-control'), 'max-age=')
    const again = await css(client, tenant.publishableKey).header(
      'if-none-match',
      first.header('etag')!
    )
    again.assertStatus(304)
    assert.equal(again.text(), '')
  })

  test('refuses bad tokens with a detail per field, and keeps the previous theme', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    await visit(client, 'theme.update')
      .bearerToken(tenant.secretKey)
      .json({ tokens: { density: 'compact' } })
    const bad = await visit(client, 'theme.update')
      .bearerToken(tenant.secretKey)
      .json({
        tokens: {
          color: { light: { primary: 'blue' } },
          typography: { fontFamily: 'x; } * { display:none' },
        },
      })
    bad.assertStatus(422)
    assert.sameMembers(
      bad.body().error.details.map((d: any) => d.field),
      ['tokens.color.light.primary', 'tokens.typography.fontFamily']
    )
    for (const body of [{}, { tokens: 'dark' }, { tokens: {}, extra: 1 }]) {
      ;(await visit(client, 'theme.update').bearerToken(tenant.secretKey).json(body)).assertStatus(
        422
      )
    }
    const read = await visit(client, 'theme.show').bearerToken(tenant.secretKey)
    read.assertBody({ theme: { tokens: { density: 'compact' } } })
  })

  test('saves low-contrast colours but says so', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const put = await visit(client, 'theme.update')
      .bearerToken(tenant.secretKey)
      .json({ tokens: { colorScheme: 'light', color: { light: { onSurface: '#bbbbbb' } } } })
    put.assertStatus(200)
    assert.includeMembers(
      put.body().warnings.map((w: any) => w.field),
      ['color.light.onSurface']
    )
  })

  test("each tenant's CSS is its own; another tenant's key or a foreign origin gets none", async ({
    client,
    assert,
  }) => {
    const one = await makeTenant()
    const two = await makeTenant()
    await visit(client, 'theme.update')
      .bearerToken(one.secretKey)
      .json({ tokens: { color: { light: { primary: '#111111' } } } })
    const theirs = await css(client, two.publishableKey)
    assert.notInclude(theirs.text(), '#111111')
    ;(
      await visit(client, 'theme.css')
        .qs({ key: one.publishableKey })
        .header('origin', 'https://evil.test')
    ).assertStatus(403)
    ;(
      await visit(client, 'theme.css').qs({ key: one.secretKey }).header('origin', ORIGIN)
    ).assertStatus(401)
    const session = await mintSession(client, one.secretKey)
    ;(
      await visit(client, 'theme.update').bearerToken(session.token).json({ tokens: {} })
    ).assertStatus(401)
  })

  test('theme changes are audited', async ({ client, assert }) => {
    const tenant = await makeTenant()
    await visit(client, 'theme.update')
      .bearerToken(tenant.secretKey)
      .json({ tokens: { density: 'compact' } })
    const log = await visit(client, 'auditEvents.index').bearerToken(tenant.secretKey)
    const event = log.body().data.find((e: any) => e.action === 'theme.updated')
    assert.deepEqual(event.data.after, { density: 'compact' })
  })

  test('node ace theme:set applies a preset file and refuses a bad one', async ({
    client,
    assert,
  }) => {
    ace.ui.switchMode('raw')
    try {
      const tenant = await makeTenant()
      const good = await ace.create(ThemeSet, [tenant.tenant.id, 'themes/presets/ocean.json'])
      await good.exec()
      good.assertSucceeded()
      assert.include(
        (await css(client, tenant.publishableKey)).text(),
        '--parley-color-primary: #006d77;'
      )

      const file = join(tmpdir(), `bad-theme-${Date.now()}.json`)
      await writeFile(file, JSON.stringify({ color: { light: { primary: 'nope' } } }))
      const bad = await ace.create(ThemeSet, [tenant.tenant.id, file])
      await bad.exec()
      bad.assertFailed()
      const missing = await ace.create(ThemeSet, [tenant.tenant.id, '/nonexistent.json'])
      await missing.exec()
      missing.assertFailed()
    } finally {
      ace.ui.switchMode('normal')
    }
  })
})
