import { test } from '@japa/runner'
import { makeTenant, visit } from '#tests/helpers'

test.group('Session policy', () => {
  test('narrows widgets and lifetime of later sessions, and is audited', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const update = await visit(client, 'sessionPolicy.update')
      .bearerToken(tenant.secretKey)
      .json({ maxTtlSeconds: 300, widgets: ['inbox', 'recorder'] })
    update.assertStatus(200)
    update.assertBody({ maxTtlSeconds: 300, widgets: ['inbox', 'recorder'] })

    const session = await visit(client, 'sessions.store')
      .bearerToken(tenant.secretKey)
      .json({ workspace: { id: 'w' }, user: { id: 'u', role: 'agent' } })
    session.assertStatus(201)
    assert.deepEqual(session.body().widgets, ['inbox', 'recorder'])
    assert.isBelow(new Date(session.body().expiresAt).getTime() - Date.now(), 301_000)

    const tooLong = await visit(client, 'sessions.store')
      .bearerToken(tenant.secretKey)
      .json({ workspace: { id: 'w' }, user: { id: 'u', role: 'agent' }, ttlSeconds: 600 })
    tooLong.assertStatus(422)
    const billing = await visit(client, 'sessions.store')
      .bearerToken(tenant.secretKey)
      .json({ workspace: { id: 'w' }, user: { id: 'u', role: 'agent' }, widgets: ['billing'] })
    billing.assertStatus(403)

    const audit = await visit(client, 'auditEvents.index').bearerToken(tenant.secretKey)
    const event = audit.body().data.find((e: any) => e.action === 'session_policy.updated')
    assert.deepEqual(event.data.after, { maxTtlSeconds: 300, widgets: ['inbox', 'recorder'] })
    assert.equal(event.actor.type, 'secret_key')
    assert.isString(event.requestId)
  })

  test('refuses bad policies', async ({ client }) => {
    const tenant = await makeTenant()
    for (const body of [
      { maxTtlSeconds: 5 },
      { widgets: ['nope'] },
      { widgets: [] },
      { other: 1 },
    ]) {
      const response = await visit(client, 'sessionPolicy.update')
        .bearerToken(tenant.secretKey)
        .json(body)
      response.assertStatus(422)
    }
  })

  test('is read back per tenant', async ({ client }) => {
    const one = await makeTenant()
    const two = await makeTenant()
    await visit(client, 'sessionPolicy.update')
      .bearerToken(one.secretKey)
      .json({ widgets: ['inbox'] })
    const other = await visit(client, 'sessionPolicy.show').bearerToken(two.secretKey)
    other.assertBody({
      maxTtlSeconds: 3600,
      widgets: ['inbox', 'recorder', 'campaigns', 'billing'],
    })
  })
})
