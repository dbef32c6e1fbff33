import { test } from '@japa/runner'
import { makeTenant, mintSession, visit } from '#tests/helpers'

test.group('Workspaces by either id (secret key)', () => {
  test("GET and PATCH /v1/workspaces/:id take the reseller's own id as well as Parley's", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey, { workspace: 'acme-co' })

    const byExternal = await visit(client, 'workspaces.show', { id: 'acme-co' }).bearerToken(
      tenant.secretKey
    )
    byExternal.assertStatus(200)
    assert.equal(byExternal.body().id, session.workspaceId)
    assert.equal(byExternal.body().externalId, 'acme-co')

    const renamed = await visit(client, 'workspaces.update', { id: 'acme-co' })
      .bearerToken(tenant.secretKey)
      .json({ name: 'Acme Company' })
    renamed.assertStatus(200)
    assert.equal(renamed.body().id, session.workspaceId)

    const byParley = await visit(client, 'workspaces.show', {
      id: session.workspaceId,
    }).bearerToken(tenant.secretKey)
    assert.equal(byParley.body().name, 'Acme Company')
  })

  test("answers 404 for another tenant's workspace named by its reseller id, and for unknown ids", async ({
    client,
  }) => {
    const one = await makeTenant()
    const two = await makeTenant()
    await mintSession(client, two.secretKey, { workspace: 'theirs-only' })
    for (const id of ['theirs-only', 'nobody', '01a21a56-0000-7000-8000-000000000000']) {
      ;(await visit(client, 'workspaces.show', { id }).bearerToken(one.secretKey)).assertStatus(404)
      ;(
        await visit(client, 'workspaces.update', { id })
          .bearerToken(one.secretKey)
          .json({ name: 'Taken over' })
      ).assertStatus(404)
    }
  })
})
