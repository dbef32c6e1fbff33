import { test } from '@japa/runner'
import { makeTenant, mintSession } from '#tests/helpers'

test.group('Canned responses', () => {
  test('admins write them, everyone with the inbox finds them by shortcut prefix', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'admin',
    })
    const agent = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ag',
      role: 'agent',
    })
    const created = await client
      .post('/v1/canned-responses')
      .bearerToken(admin.token)
      .json({ shortcut: 'Refund', body: 'We have issued your refund.' })
    created.assertStatus(201)
    assert.equal(created.body().shortcut, 'refund')
    await client
      .post('/v1/canned-responses')
      .bearerToken(admin.token)
      .json({ shortcut: 'hello', body: 'Hi there!' })
    ;(
      await client
        .post('/v1/canned-responses')
        .bearerToken(admin.token)
        .json({ shortcut: 'refund', body: 'dup' })
    ).assertStatus(409)
    ;(
      await client
        .post('/v1/canned-responses')
        .bearerToken(agent.token)
        .json({ shortcut: 'x', body: 'y' })
    ).assertStatus(403)

    const found = await client
      .get('/v1/canned-responses')
      .qs({ prefix: 're' })
      .bearerToken(agent.token)
    assert.deepEqual(
      found.body().data.map((c: any) => c.shortcut),
      ['refund']
    )
    const all = await client.get('/v1/canned-responses').bearerToken(agent.token)
    assert.deepEqual(
      all.body().data.map((c: any) => c.shortcut),
      ['hello', 'refund']
    )

    const updated = await client
      .patch(`/v1/canned-responses/${created.body().id}`)
      .bearerToken(admin.token)
      .json({ body: 'Refund sent.' })
    assert.equal(updated.body().body, 'Refund sent.')
    ;(
      await client.delete(`/v1/canned-responses/${created.body().id}`).bearerToken(admin.token)
    ).assertStatus(204)
  })

  test("another workspace's or tenant's canned responses answer 404 and are never listed; bad input 422", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'admin',
    })
    const neighbour = await mintSession(client, tenant.secretKey, {
      workspace: 'other',
      user: 'ad',
      role: 'admin',
    })
    const stranger = await mintSession(client, (await makeTenant()).secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'admin',
    })
    const created = (
      await client
        .post('/v1/canned-responses')
        .bearerToken(admin.token)
        .json({ shortcut: 'bye', body: 'Bye!' })
    ).body()
    for (const intruder of [neighbour, stranger]) {
      ;(
        await client
          .patch(`/v1/canned-responses/${created.id}`)
          .bearerToken(intruder.token)
          .json({ body: 'x' })
      ).assertStatus(404)
      ;(
        await client.delete(`/v1/canned-responses/${created.id}`).bearerToken(intruder.token)
      ).assertStatus(404)
      const list = await client.get('/v1/canned-responses').bearerToken(intruder.token)
      assert.deepEqual(list.body().data, [])
    }
    for (const body of [
      { shortcut: 'has space', body: 'x' },
      { shortcut: '', body: 'x' },
      { shortcut: 'ok' },
      { shortcut: 'ok', body: 'x', extra: 1 },
    ]) {
      ;(await client.post('/v1/canned-responses').bearerToken(admin.token).json(body)).assertStatus(
        422
      )
    }
  })
})
