import { test } from '@japa/runner'
import { makeTenant, mintSession, eventsAfter, visit } from '#tests/helpers'
import { channelNames } from '#services/realtime/channels'
import { workspacePresence } from '#services/presence'

test.group('Member presence', () => {
  test('members report online and away; the workspace sees it, changes are announced once', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ana',
      role: 'agent',
    })
    const bruno = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'bruno',
      role: 'viewer',
    })
    const beat = (token: string, status: string) =>
      visit(client, 'presence.store').bearerToken(token).json({ status })

    ;(await beat(ana.token, 'online')).assertStatus(204)
    ;(await beat(ana.token, 'online')).assertStatus(204)
    ;(await beat(bruno.token, 'away')).assertStatus(204)
    const seen = await visit(client, 'presence.index').bearerToken(bruno.token)
    assert.sameDeepMembers(
      seen.body().data.map((p: any) => [p.memberId, p.status]),
      [
        [ana.userId, 'online'],
        [bruno.userId, 'away'],
      ]
    )
    const { events } = await eventsAfter(
      channelNames.inbox(ana.tenantId, ana.workspaceId),
      undefined,
      10
    )
    assert.deepEqual(
      events
        .filter((e) => e.type === 'presence')
        .map((e) => [(e.data as any).memberId, (e.data as any).status]),
      [
        [ana.userId, 'online'],
        [bruno.userId, 'away'],
      ]
    )
    // Not heard from for three heartbeats: offline.
    const later = await workspacePresence(
      { tenantId: ana.tenantId, workspaceId: ana.workspaceId },
      Date.now() + 91_000
    )
    assert.deepEqual([...new Set(later.map((p) => p.status))], ['offline'])
  })

  test('bad status is refused; another workspace sees none of it', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'ana' })
    const other = await mintSession(client, tenant.secretKey, { workspace: 'other', user: 'o' })
    const bad = await visit(client, 'presence.store')
      .bearerToken(ana.token)
      .json({ status: 'busy' })
    bad.assertStatus(422)
    assert.equal(bad.body().error.details[0].field, 'status')
    await visit(client, 'presence.store').bearerToken(ana.token).json({ status: 'online' })
    const elsewhere = await visit(client, 'presence.index').bearerToken(other.token)
    assert.deepEqual(elsewhere.body().data, [])
    const stranger = await makeTenant('Stranger')
    const far = await mintSession(client, stranger.secretKey, { workspace: 'acme', user: 'ana' })
    assert.deepEqual((await visit(client, 'presence.index').bearerToken(far.token)).body().data, [])
    ;(await visit(client, 'presence.index')).assertStatus(401)
  })
})
