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

  test('who may do what: owners and admins write; agents and viewers read; a session without the inbox neither', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const as = (role: 'owner' | 'admin' | 'agent' | 'viewer', widgets?: string[]) =>
      mintSession(client, tenant.secretKey, { workspace: 'acme', user: `u-${role}`, role, widgets })
    const owner = await as('owner')
    const agent = await as('agent')
    const viewer = await as('viewer')
    const recorderOnly = await as('admin', ['recorder'])

    const created = await visit(client, 'cannedResponses.store')
      .bearerToken(owner.token)
      .json({ shortcut: 'thanks', body: 'Thank you!' })
    created.assertStatus(201)
    const id = created.body().id

    for (const reader of [agent, viewer]) {
      const list = await visit(client, 'cannedResponses.index').bearerToken(reader.token)
      list.assertStatus(200)
      assert.deepEqual(
        list.body().data.map((c: any) => c.shortcut),
        ['thanks']
      )
      const store = await visit(client, 'cannedResponses.store')
        .bearerToken(reader.token)
        .json({ shortcut: 'mine', body: 'x' })
      store.assertStatus(403)
      assert.equal(store.body().error.code, 'AUTHORIZATION_ERROR')
      ;(
        await visit(client, 'cannedResponses.update', { id })
          .bearerToken(reader.token)
          .json({ body: 'changed' })
      ).assertStatus(403)
      ;(
        await visit(client, 'cannedResponses.destroy', { id }).bearerToken(reader.token)
      ).assertStatus(403)
    }
    ;(await visit(client, 'cannedResponses.index').bearerToken(recorderOnly.token)).assertStatus(
      403
    )
    const unchanged = await visit(client, 'cannedResponses.index').bearerToken(owner.token)
    assert.deepEqual(unchanged.body().data, [created.body()])
  })

  test('a taken shortcut answers 409 on the field, on create and on rename; bad fields 422 in words', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'admin',
    })
    const store = (body: object) =>
      visit(client, 'cannedResponses.store').bearerToken(admin.token).json(body)
    const refund = (await store({ shortcut: 'refund', body: 'Refunded.' })).body()
    const hello = (await store({ shortcut: 'hello', body: 'Hi!' })).body()

    const taken = await store({ shortcut: ' REFUND ', body: 'again' })
    taken.assertStatus(409)
    assert.equal(taken.body().error.code, 'CONFLICT')
    assert.deepEqual(taken.body().error.details, [
      { field: 'shortcut', message: 'Another canned response uses /refund' },
    ])
    const renamed = await visit(client, 'cannedResponses.update', { id: hello.id })
      .bearerToken(admin.token)
      .json({ shortcut: 'refund' })
    renamed.assertStatus(409)
    assert.equal(renamed.body().error.details[0].field, 'shortcut')

    const bad = await store({ shortcut: 'two words', body: '   ' })
    bad.assertStatus(422)
    assert.deepEqual(
      bad.body().error.details.map((d: any) => d.field),
      ['shortcut', 'body']
    )
    assert.match(bad.body().error.details[0].message, /letters, digits, - or _, without spaces/)
    assert.equal(bad.body().error.details[1].message, 'Write the text of the response')
    const long = await visit(client, 'cannedResponses.update', { id: refund.id })
      .bearerToken(admin.token)
      .json({ body: 'x'.repeat(10_001) })
    long.assertStatus(422)
    assert.deepEqual(long.body().error.details, [
      { field: 'body', message: 'The text can be at most 10000 characters' },
    ])
    // A blank text or shortcut reaches the validator as null (the body parser trims it and turns
    // '' into null): it was 200 with the old one silently kept.
    for (const blank of [' ', '', '\t\n ', null]) {
      for (const field of ['body', 'shortcut']) {
        const response = await visit(client, 'cannedResponses.update', { id: refund.id })
          .bearerToken(admin.token)
          .json({ [field]: blank })
        assert.equal(response.status(), 422, `${field}: ${JSON.stringify(blank)}`)
        assert.deepEqual(
          response.body().error.details.map((d: any) => d.field),
          [field]
        )
      }
    }
    const emptied = await visit(client, 'cannedResponses.update', { id: refund.id })
      .bearerToken(admin.token)
      .json({ body: '' })
    assert.equal(emptied.body().error.details[0].message, 'Write the text of the response')

    // Nothing changed by the refusals.
    const all = await visit(client, 'cannedResponses.index').bearerToken(admin.token)
    assert.deepEqual(
      all.body().data.map((c: any) => [c.shortcut, c.body]),
      [
        ['hello', 'Hi!'],
        ['refund', 'Refunded.'],
      ]
    )
  })

  test('unknown or malformed ids answer 404; a prefix is matched literally', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'admin',
    })
    await visit(client, 'cannedResponses.store')
      .bearerToken(admin.token)
      .json({ shortcut: 'a1', body: 'x' })
    for (const id of ['0192f000-0000-7000-8000-000000000000', 'not-an-id']) {
      const missing = await visit(client, 'cannedResponses.update', { id })
        .bearerToken(admin.token)
        .json({ body: 'y' })
      missing.assertStatus(404)
      assert.equal(missing.body().error.code, 'NOT_FOUND')
      ;(
        await visit(client, 'cannedResponses.destroy', { id }).bearerToken(admin.token)
      ).assertStatus(404)
    }
    // LIKE's wildcards are not wildcards here: no shortcut starts with "_" or "%".
    for (const prefix of ['_', '%', 'a%']) {
      const found = await visit(client, 'cannedResponses.index')
        .qs({ prefix })
        .bearerToken(admin.token)
      assert.deepEqual(found.body().data, [], prefix)
    }
  })

  test('search finds words in the shortcut or the text; pages follow the shortcuts in order', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'admin',
    })
    for (const [shortcut, body] of [
      ['refund', 'Your refund is on its way.'],
      ['shipping', 'Orders ship in 2 days; REFUNDS take 5.'],
      ['hello', 'Hi there!'],
      ['100-off', 'Use code 100% for 100% off.'],
    ])
      (
        await visit(client, 'cannedResponses.store')
          .bearerToken(admin.token)
          .json({ shortcut, body })
      ).assertStatus(201)
    const find = async (qs: Record<string, string | number>) =>
      (await visit(client, 'cannedResponses.index').qs(qs).bearerToken(admin.token)).body()

    assert.deepEqual(
      (await find({ q: 'Refund' })).data.map((c: any) => c.shortcut),
      ['refund', 'shipping']
    )
    assert.deepEqual(
      (await find({ q: '100%' })).data.map((c: any) => c.shortcut),
      ['100-off']
    )
    assert.deepEqual((await find({ q: '%' })).data.length, 1)

    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: any = await find(cursor ? { limit: 3, cursor } : { limit: 3 })
      seen.push(...page.data.map((c: any) => c.shortcut))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    assert.deepEqual(seen, ['100-off', 'hello', 'refund', 'shipping'])
    assert.equal(pages, 2)
    const bad = await visit(client, 'cannedResponses.index')
      .qs({ cursor: Buffer.from("x' or 1=1").toString('base64url') })
      .bearerToken(admin.token)
    bad.assertStatus(422)
    assert.equal(bad.body().error.details[0].field, 'cursor')
  })
})
