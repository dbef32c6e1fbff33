import { test } from '@japa/runner'
import { makeTenant, mintSession, visit } from '#tests/helpers'

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
    const created = await visit(client, 'cannedResponses.store')
      .bearerToken(admin.token)
      .json({ shortcut: 'Refund', body: 'We have issued your refund.' })
    created.assertStatus(201)
    assert.equal(created.body().shortcut, 'refund')
    await visit(client, 'cannedResponses.store')
      .bearerToken(admin.token)
      .json({ shortcut: 'hello', body: 'Hi there!' })
    ;(
      await visit(client, 'cannedResponses.store')
        .bearerToken(admin.token)
        .json({ shortcut: 'refund', body: 'dup' })
    ).assertStatus(409)
    ;(
      await visit(client, 'cannedResponses.store')
        .bearerToken(agent.token)
        .json({ shortcut: 'x', body: 'y' })
    ).assertStatus(403)

    const found = await visit(client, 'cannedResponses.index')
      .qs({ prefix: 're' })
      .bearerToken(agent.token)
    assert.deepEqual(
      found.body().data.map((c: any) => c.shortcut),
      ['refund']
    )
    const all = await visit(client, 'cannedResponses.index').bearerToken(agent.token)
    assert.deepEqual(
      all.body().data.map((c: any) => c.shortcut),
      ['hello', 'refund']
    )

    const updated = await visit(client, 'cannedResponses.update', { id: created.body().id })
      .bearerToken(admin.token)
      .json({ body: 'Refund sent.' })
    assert.equal(updated.body().body, 'Refund sent.')
    ;(
      await visit(client, 'cannedResponses.destroy', { id: created.body().id }).bearerToken(
        admin.token
      )
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
      await visit(client, 'cannedResponses.store')
        .bearerToken(admin.token)
        .json({ shortcut: 'bye', body: 'Bye!' })
    ).body()
    for (const intruder of [neighbour, stranger]) {
      ;(
        await visit(client, 'cannedResponses.update', { id: created.id })
          .bearerToken(intruder.token)
          .json({ body: 'x' })
      ).assertStatus(404)
      ;(
        await visit(client, 'cannedResponses.destroy', { id: created.id }).bearerToken(
          intruder.token
        )
      ).assertStatus(404)
      const list = await visit(client, 'cannedResponses.index').bearerToken(intruder.token)
      assert.deepEqual(list.body().data, [])
    }
    for (const body of [
      { shortcut: 'has space', body: 'x' },
      { shortcut: '', body: 'x' },
      { shortcut: 'ok' },
      { shortcut: 'ok', body: 'x', extra: 1 },
    ]) {
      ;(
        await visit(client, 'cannedResponses.store').bearerToken(admin.token).json(body)
      ).assertStatus(422)
    }
  })
})
