import { test } from '@japa/runner'
import { makeTenant, visit } from '#tests/helpers'

const log = (client: any, secretKey: string, qs: Record<string, string> = {}) =>
  visit(client, 'auditEvents.index').qs(qs).bearerToken(secretKey)

test.group('Audit log filters', () => {
  test('by action or family, actor, target and time; never another tenant’s', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant('Other')
    const created = await visit(client, 'keys.store')
      .bearerToken(tenant.secretKey)
      .json({ type: 'publishable', label: 'Docs site' })
    created.assertStatus(201)
    const keyId = created.body().id
    ;(
      await visit(client, 'keys.destroy', { id: keyId }).bearerToken(tenant.secretKey)
    ).assertStatus(204)
    const theirs = await visit(client, 'keys.store')
      .bearerToken(other.secretKey)
      .json({ type: 'publishable', label: 'Theirs' })

    const actions = async (qs: Record<string, string>) => {
      const response = await log(client, tenant.secretKey, qs)
      response.assertStatus(200)
      return response.body().data.map((e: any) => e.action) as string[]
    }
    const all = await actions({})
    assert.includeMembers(all, ['tenant.created', 'key.created', 'key.revoked'])

    const keys = await actions({ action: 'key.*' })
    assert.isTrue(keys.every((a) => a.startsWith('key.')))
    // Two keys at creation, the one created here, and its revocation.
    assert.deepEqual(keys, ['key.revoked', 'key.created', 'key.created', 'key.created'])
    assert.deepEqual(await actions({ action: 'key.revoked' }), ['key.revoked'])
    assert.deepEqual(await actions({ actorType: 'secret_key' }), ['key.revoked', 'key.created'])
    assert.deepEqual(await actions({ targetType: 'api_key', targetId: keyId }), [
      'key.revoked',
      'key.created',
    ])
    assert.deepEqual(await actions({ targetId: theirs.body().id }), [])
    assert.deepEqual(await actions({ from: new Date(Date.now() + 60_000).toISOString() }), [])
    assert.deepEqual(await actions({ to: '2020-01-01T00:00:00Z' }), [])
    assert.sameMembers(
      await actions({
        from: '2020-01-01T00:00:00Z',
        to: new Date(Date.now() + 60_000).toISOString(),
      }),
      all
    )

    // Pages keep the filter.
    const first = (await log(client, tenant.secretKey, { action: 'key.*', limit: '3' })).body()
    assert.lengthOf(first.data, 3)
    const next = (
      await log(client, tenant.secretKey, { action: 'key.*', limit: '3', cursor: first.nextCursor })
    ).body()
    assert.deepEqual(
      next.data.map((e: any) => e.action),
      ['key.created']
    )
    assert.isNull(next.nextCursor)
  })

  test('bad filters are 422 naming the field', async ({ client, assert }) => {
    const tenant = await makeTenant()
    for (const [qs, field] of [
      [{ action: "key'; drop" }, 'action'],
      [{ actorType: 'robot' }, 'actorType'],
      [{ workspaceId: 'nope' }, 'workspaceId'],
      [{ from: 'yesterday' }, 'from'],
      [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'from'],
      // Before PostgreSQL's timestamptz range (these were 500s).
      [{ from: '-100000-01-01' }, 'from'],
      [{ to: '-004714-01-01' }, 'to'],
      // Days that do not exist (these were 200: March 2, or year 1900).
      [{ from: '2026-02-30' }, 'from'],
      [{ to: '2026-04-31T10:00:00Z' }, 'to'],
      [{ from: '0000-01-01' }, 'from'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const response = await log(client, tenant.secretKey, qs)
      response.assertStatus(422)
      assert.include(
        response.body().error.details.map((d: any) => d.field),
        field,
        JSON.stringify(qs)
      )
    }
  })
})
