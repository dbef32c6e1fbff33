import { test } from '@japa/runner'
import { makeTenant, mintSession, ORIGIN, visit } from '#tests/helpers'
import { revokeKey, setTenantStatus } from '#services/tenants'
import { issueSessionToken } from '#services/session_tokens'

test.group('Session token on widget routes', () => {
  test('GET /v1/me answers the member the token was minted for', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey, {
      user: 'u_me',
      role: 'agent',
      widgets: ['inbox'],
    })
    const response = await visit(client, 'me.show')
      .bearerToken(session.token)
      .header('origin', ORIGIN)
    response.assertStatus(200)
    assert.equal(response.header('access-control-allow-origin'), ORIGIN)
    assert.equal(response.body().member.id, session.userId)
    assert.equal(response.body().member.externalId, 'u_me')
    assert.equal(response.body().member.role, 'agent')
    assert.deepEqual(response.body().widgets, ['inbox'])
    // The workspace by the names its users know (the account widget shows no ids).
    assert.deepEqual(response.body().workspace, {
      id: session.workspaceId,
      externalId: 'acme-co',
      name: 'Acme Co',
    })
  })

  test('refuses missing, malformed, tampered and expired tokens with 401', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const [v, payload, signature] = session.token.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const elevated = Buffer.from(
      JSON.stringify({
        ...claims,
        role: 'owner',
        workspaceId: '00000000-0000-7000-8000-000000000000',
      })
    ).toString('base64url')
    const expired = issueSessionToken({ ...claims }, -1).token
    for (const token of [
      undefined,
      'x',
      `${v}.${elevated}.${signature}`,
      `${v}.${payload}.${signature.slice(1)}`,
      expired,
      tenant.secretKey,
    ]) {
      const request = visit(client, 'me.show')
      if (token) request.bearerToken(token)
      const response = await request
      response.assertStatus(401)
      assert.equal(response.body().error.code, 'AUTHENTICATION_ERROR')
    }
    const expiredResponse = await visit(client, 'me.show').bearerToken(expired)
    assert.include(expiredResponse.body().error.message, 'expired')
  })

  test('ends sessions when the key that minted them is revoked', async ({ client }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    ;(await visit(client, 'me.show').bearerToken(session.token)).assertStatus(200)
    await revokeKey(tenant.keyIds.secret)
    ;(await visit(client, 'me.show').bearerToken(session.token)).assertStatus(401)
  })

  test('refuses sessions of a suspended tenant with 403', async ({ client }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    await setTenantStatus(tenant.tenant.id, 'suspended')
    ;(await visit(client, 'me.show').bearerToken(session.token)).assertStatus(403)
    await setTenantStatus(tenant.tenant.id, 'active')
    ;(await visit(client, 'me.show').bearerToken(session.token)).assertStatus(200)
  })

  test('refuses a browser origin the tenant does not allow', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const response = await visit(client, 'me.show')
      .bearerToken(session.token)
      .header('origin', 'https://evil.test')
    response.assertStatus(403)
    assert.notEqual(response.header('access-control-allow-origin'), 'https://evil.test')
  })
})

test.group('GET /v1/members', () => {
  test('lists the members of the session workspace only, with keyset pagination', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const me = await mintSession(client, tenant.secretKey, { workspace: 'w1', user: 'a' })
    await mintSession(client, tenant.secretKey, { workspace: 'w1', user: 'b' })
    await mintSession(client, tenant.secretKey, { workspace: 'w1', user: 'c' })
    await mintSession(client, tenant.secretKey, { workspace: 'w2', user: 'x' })

    const first = await visit(client, 'members.index').qs({ limit: 2 }).bearerToken(me.token)
    first.assertStatus(200)
    assert.deepEqual(
      first.body().data.map((m: any) => m.externalId),
      ['c', 'b']
    )
    assert.isString(first.body().nextCursor)
    const second = await visit(client, 'members.index')
      .qs({ limit: 2, cursor: first.body().nextCursor })
      .bearerToken(me.token)
    assert.deepEqual(
      second.body().data.map((m: any) => m.externalId),
      ['a']
    )
    assert.isNull(second.body().nextCursor)
  })

  test('refuses bad paging parameters', async ({ client }) => {
    const tenant = await makeTenant()
    const me = await mintSession(client, tenant.secretKey)
    for (const qs of [
      { limit: 0 },
      { limit: 201 },
      { limit: 'ten' },
      { cursor: 'not-a-cursor' },
      { sort: 'name' },
    ]) {
      ;(await visit(client, 'members.index').qs(qs).bearerToken(me.token)).assertStatus(422)
    }
  })

  test('answers 404 for a member of another workspace or another tenant', async ({ client }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const me = await mintSession(client, tenant.secretKey, { workspace: 'w1', user: 'a' })
    const sameTenantOtherWorkspace = await mintSession(client, tenant.secretKey, {
      workspace: 'w2',
      user: 'b',
    })
    const otherTenant = await mintSession(client, other.secretKey, { workspace: 'w1', user: 'a' })

    ;(await visit(client, 'members.show', { id: me.userId }).bearerToken(me.token)).assertStatus(
      200
    )
    for (const id of [
      sameTenantOtherWorkspace.userId,
      otherTenant.userId,
      'not-a-uuid',
      '00000000-0000-7000-8000-000000000000',
    ]) {
      const response = await visit(client, 'members.show', { id }).bearerToken(me.token)
      response.assertStatus(404)
      response.assertBodyContains({ error: { code: 'NOT_FOUND' } })
    }
  })
})
