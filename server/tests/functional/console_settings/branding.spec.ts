import { test } from '@japa/runner'
import { makeTenant, ORIGIN, visit } from '#tests/helpers'

const config = (client: any, key: string) =>
  visit(client, 'embed.config').qs({ key }).header('origin', ORIGIN)

test.group('Branding', () => {
  test('PATCH changes only what it names; the embed config carries the prefix at once', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant('Acme')
    const initial = await visit(client, 'branding.show').bearerToken(tenant.secretKey)
    initial.assertBody({
      name: 'Acme',
      logoUrl: null,
      fontUrl: null,
      elementPrefix: null,
      parleyElements: true,
    })
    const before = (await config(client, tenant.publishableKey)).body()
    assert.isNull(before.elementPrefix)
    assert.isTrue(before.parleyElements)

    const patched = await visit(client, 'branding.update').bearerToken(tenant.secretKey).json({
      name: 'Acme Widgets',
      logoUrl: 'https://cdn.acme.test/logo.svg',
      elementPrefix: 'acme2',
    })
    patched.assertStatus(200)
    patched.assertBody({
      name: 'Acme Widgets',
      logoUrl: 'https://cdn.acme.test/logo.svg',
      fontUrl: null,
      elementPrefix: 'acme2',
      parleyElements: true,
    })
    const off = await visit(client, 'branding.update')
      .bearerToken(tenant.secretKey)
      .json({ parleyElements: false, fontUrl: 'https://cdn.acme.test/font.woff2' })
    assert.equal(off.body().elementPrefix, 'acme2')
    assert.isFalse(off.body().parleyElements)

    const after = (await config(client, tenant.publishableKey)).body()
    assert.equal(after.elementPrefix, 'acme2')
    assert.isFalse(after.parleyElements)
    assert.deepEqual(after.tenant, {
      name: 'Acme Widgets',
      logoUrl: 'https://cdn.acme.test/logo.svg',
      fontUrl: 'https://cdn.acme.test/font.woff2',
    })
    // null still clears a URL or the prefix; a name left out stays.
    const cleared = await visit(client, 'branding.update')
      .bearerToken(tenant.secretKey)
      .json({ logoUrl: null })
    cleared.assertStatus(200)
    assert.include(cleared.body(), { name: 'Acme Widgets', logoUrl: null })
    const log = (await visit(client, 'auditEvents.index').bearerToken(tenant.secretKey)).body()
    assert.include(
      log.data.map((e: any) => e.action),
      'tenant.branding_changed'
    )
  })

  test('refuses prefixes that would not make valid, unreserved element names', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    for (const elementPrefix of [
      'parley',
      'Acme',
      'ac-me',
      '-acme',
      '1acme',
      'a',
      'acme!',
      'font',
      'x'.repeat(40),
      42,
    ]) {
      const response = await visit(client, 'branding.update')
        .bearerToken(tenant.secretKey)
        .json({ elementPrefix })
      response.assertStatus(422)
      assert.equal(response.body().error.details[0].field, 'elementPrefix', String(elementPrefix))
    }
    for (const body of [
      { logoUrl: 'http://insecure.test/logo.png' },
      { logoUrl: 'javascript:alert(1)' },
      { fontUrl: 'not a url' },
      { parleyElements: 'no' },
      { color: 'red' },
      // Nothing would be defined at all.
      { parleyElements: false },
    ]) {
      const response = await visit(client, 'branding.update')
        .bearerToken(tenant.secretKey)
        .json(body)
      assert.equal(response.status(), 422, JSON.stringify(body))
    }
    // A blank name reaches the validator as null (the body parser trims it and turns '' into
    // null): it was 200 with the name silently kept.
    for (const name of [' ', '', '\t\n ', null]) {
      const response = await visit(client, 'branding.update')
        .bearerToken(tenant.secretKey)
        .json({ name, elementPrefix: 'blank' })
      response.assertStatus(422)
      assert.equal(response.body().error.code, 'VALIDATION_ERROR')
      assert.deepEqual(
        response.body().error.details.map((d: any) => d.field),
        ['name'],
        JSON.stringify(name)
      )
    }
    ;(await visit(client, 'branding.show').bearerToken(tenant.secretKey)).assertBody({
      name: 'Tenant',
      logoUrl: null,
      fontUrl: null,
      elementPrefix: null,
      parleyElements: true,
    })
  })

  test('each tenant sees and changes only its own branding', async ({ client, assert }) => {
    const one = await makeTenant('One')
    const two = await makeTenant('Two')
    await visit(client, 'branding.update').bearerToken(one.secretKey).json({ elementPrefix: 'one' })
    const theirs = await visit(client, 'branding.show').bearerToken(two.secretKey)
    assert.equal(theirs.body().name, 'Two')
    assert.isNull(theirs.body().elementPrefix)
    assert.isNull((await config(client, two.publishableKey)).body().elementPrefix)
    ;(await visit(client, 'branding.show')).assertStatus(401)
  })
})
