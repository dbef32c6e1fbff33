import { test } from '@japa/runner'
import { makeTenant, mintSession, visit } from '#tests/helpers'

test.group('Tenant API (secret key)', () => {
  test("lists the tenant's own workspaces and answers 404 for another tenant's", async ({
    client,
    assert,
  }) => {
    const one = await makeTenant()
    const two = await makeTenant()
    const mine = await mintSession(client, one.secretKey, { workspace: 'shared-name' })
    const theirs = await mintSession(client, two.secretKey, { workspace: 'shared-name' })
    assert.notEqual(mine.workspaceId, theirs.workspaceId)

    const list = await visit(client, 'workspaces.index').bearerToken(one.secretKey)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((w: any) => w.id),
      [mine.workspaceId]
    )

    ;(
      await visit(client, 'workspaces.show', { id: mine.workspaceId }).bearerToken(one.secretKey)
    ).assertStatus(200)
    ;(
      await visit(client, 'workspaces.show', { id: theirs.workspaceId }).bearerToken(one.secretKey)
    ).assertStatus(404)
  })

  test("shows the tenant's audit log, newest first, and nobody else's", async ({
    client,
    assert,
  }) => {
    const one = await makeTenant()
    const two = await makeTenant()
    const log = await visit(client, 'auditEvents.index').bearerToken(one.secretKey)
    log.assertStatus(200)
    const actions = log.body().data.map((e: any) => e.action)
    assert.deepEqual(actions.slice().sort(), ['key.created', 'key.created', 'tenant.created'])
    assert.equal(actions.at(-1), 'tenant.created')
    const ids = new Set(log.body().data.map((e: any) => e.target.id))
    assert.isFalse(ids.has(two.tenant.id))
  })

  test('refuses session tokens and publishable keys on secret-key routes', async ({ client }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    ;(await visit(client, 'workspaces.index').bearerToken(session.token)).assertStatus(401)
    ;(await visit(client, 'workspaces.index').bearerToken(tenant.publishableKey)).assertStatus(401)
  })
})
