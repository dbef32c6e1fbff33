import { test } from '@japa/runner'
import { makeTenant, mintSession, visit } from '#tests/helpers'

test.group('Inbox contacts', () => {
  test('creates, searches, updates and deletes contacts; phone in E.164, duplicates conflict', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const owner = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'o',
      role: 'owner',
    })
    const agent = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'a',
      role: 'agent',
    })
    const created = await visit(client, 'contacts.store')
      .bearerToken(agent.token)
      .json({
        name: 'Fábio Souza',
        phone: '+44 20 7946 0958',
        tags: ['lead'],
        attributes: { plan: 'pro' },
      })
    created.assertStatus(201)
    assert.equal(created.body().phone, '+442079460958')
    ;(
      await visit(client, 'contacts.store')
        .bearerToken(agent.token)
        .json({ phone: '+442079460958' })
    ).assertStatus(409)
    const found = await visit(client, 'contacts.index').qs({ q: 'souza' }).bearerToken(agent.token)
    assert.deepEqual(
      found.body().data.map((c: any) => c.id),
      [created.body().id]
    )
    const updated = await visit(client, 'contacts.update', { id: created.body().id })
      .bearerToken(agent.token)
      .json({ blocked: true })
    assert.isTrue(updated.body().blocked)
    // Blank (trimmed, then turned into null by the body parser) or null clears a detail: it was
    // 200 with the old value silently kept.
    const withAll = await visit(client, 'contacts.update', { id: created.body().id })
      .bearerToken(agent.token)
      .json({ email: 'fabio@acme.test', avatarUrl: 'https://cdn.acme.test/f.png' })
    assert.include(withAll.body(), { email: 'fabio@acme.test', name: 'Fábio Souza' })
    const cleared = await visit(client, 'contacts.update', { id: created.body().id })
      .bearerToken(agent.token)
      .json({ email: '', avatarUrl: null, name: ' ', phone: '\t' })
    cleared.assertStatus(200)
    assert.include(cleared.body(), { name: null, phone: null, email: null, avatarUrl: null })
    const shown = await visit(client, 'contacts.show', { id: created.body().id }).bearerToken(
      agent.token
    )
    assert.include(shown.body(), { name: null, phone: null, email: null, avatarUrl: null })
    assert.deepEqual(shown.body().tags, ['lead'])
    const renamed = await visit(client, 'contacts.update', { id: created.body().id })
      .bearerToken(agent.token)
      .json({ name: 'Fábio Souza', phone: '+44 20 7946 0958' })
    assert.include(renamed.body(), { name: 'Fábio Souza', phone: '+442079460958' })
    const blocked = await visit(client, 'conversations.store')
      .bearerToken(agent.token)
      .json({ channel: 'web', contact: { id: created.body().id }, body: 'hi' })
    blocked.assertStatus(403)
    ;(
      await visit(client, 'contacts.destroy', { id: created.body().id }).bearerToken(agent.token)
    ).assertStatus(403)
    ;(
      await visit(client, 'contacts.destroy', { id: created.body().id }).bearerToken(owner.token)
    ).assertStatus(204)
    ;(
      await visit(client, 'contacts.show', { id: created.body().id }).bearerToken(owner.token)
    ).assertStatus(404)
  })

  test('refuses bad contacts', async ({ client }) => {
    const tenant = await makeTenant()
    const agent = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'a',
      role: 'agent',
    })
    for (const body of [
      {},
      { phone: 'call me' },
      { email: 'nope' },
      { name: 'x', avatarUrl: 'javascript:alert(1)' },
      { name: 'x', attributes: { nested: { a: 1 } } },
      { name: 'x', blocked: 'yes' },
      { name: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
    ]) {
      ;(await visit(client, 'contacts.store').bearerToken(agent.token).json(body)).assertStatus(422)
    }
  })
})
