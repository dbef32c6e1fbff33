import { test } from '@japa/runner'
import { makeTenant, mintSession, eventsAfter, visit } from '#tests/helpers'
import { channelNames } from '#services/realtime/channels'
import { reportPresence, workspacePresence } from '#services/presence'

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

    ;(await beat(ana.token, 'online')).assertStatus(200)
    ;(await beat(ana.token, 'online')).assertStatus(200)
    ;(await beat(bruno.token, 'away')).assertStatus(200)
    const seen = await visit(client, 'presence.index').bearerToken(bruno.token)
    assert.include(seen.body(), { heartbeatSeconds: 30, awayAfterSeconds: 300 })
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
    const badClient = await visit(client, 'presence.store')
      .bearerToken(ana.token)
      .json({ status: 'online', clientId: 'a:b' })
    badClient.assertStatus(422)
    assert.equal(badClient.body().error.details[0].field, 'clientId')
    await visit(client, 'presence.store').bearerToken(ana.token).json({ status: 'online' })
    const elsewhere = await visit(client, 'presence.index').bearerToken(other.token)
    assert.deepEqual(elsewhere.body().data, [])
    const stranger = await makeTenant('Stranger')
    const far = await mintSession(client, stranger.secretKey, { workspace: 'acme', user: 'ana' })
    assert.deepEqual((await visit(client, 'presence.index').bearerToken(far.token)).body().data, [])
    ;(await visit(client, 'presence.index')).assertStatus(401)
  })

  test('a member is as present as their most present widget: a hidden tab does not make a visible one away', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'ana' })
    const beat = (status: string, clientId: string) =>
      visit(client, 'presence.store').bearerToken(ana.token).json({ status, clientId })
    const inbox = channelNames.inbox(ana.tenantId, ana.workspaceId)
    const announced = async () =>
      (await eventsAfter(inbox, undefined, 50)).events
        .filter((e) => e.type === 'presence')
        .map((e) => (e.data as any).status)

    // The inbox in a visible tab, the launcher's in a hidden one, both beating in turn.
    for (let i = 0; i < 3; i++) {
      const visible = await beat('online', 'tab-visible')
      visible.assertStatus(200)
      assert.include(visible.body(), { memberId: ana.userId, status: 'online' })
      assert.equal((await beat('away', 'tab-hidden')).body().status, 'online')
    }
    assert.deepEqual(await announced(), ['online'], 'no flapping between online and away')

    // The visible tab closes (pagehide): the hidden one is left, away.
    assert.equal((await beat('offline', 'tab-visible')).body().status, 'away')
    // A heartbeat the closed tab sent just before closing, overtaken by its offline: ignored.
    assert.equal((await beat('online', 'tab-visible')).body().status, 'away')
    // Then that one closes too: offline, and when she was last seen.
    const gone = await beat('offline', 'tab-hidden')
    assert.equal(gone.body().status, 'offline')
    assert.isAbove(Date.parse(gone.body().lastSeenAt), Date.now() - 10_000)
    assert.deepEqual(await announced(), ['online', 'away', 'offline'])
    const seen = await visit(client, 'presence.index').bearerToken(ana.token)
    assert.deepEqual(
      seen.body().data.map((p: any) => [p.memberId, p.status]),
      [[ana.userId, 'offline']]
    )
  })

  test('a member whose widgets went silent is announced offline on a teammate’s next heartbeat', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'ana' })
    const bruno = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'bruno' })
    const scope = { tenantId: ana.tenantId, workspaceId: ana.workspaceId }
    // Ana's browser crashed 100 s ago: no pagehide, no heartbeat since.
    await reportPresence(scope, ana.userId, 'online', 'crashed', Date.now() - 100_000)
    ;(
      await visit(client, 'presence.store').bearerToken(bruno.token).json({ status: 'online' })
    ).assertStatus(200)
    const { events } = await eventsAfter(
      channelNames.inbox(ana.tenantId, ana.workspaceId),
      undefined,
      50
    )
    const [first, ...rest] = events
      .filter((e) => e.type === 'presence')
      .map((e) => [(e.data as any).memberId, (e.data as any).status])
    assert.deepEqual(first, [ana.userId, 'online'])
    assert.sameDeepMembers(rest, [
      [ana.userId, 'offline'],
      [bruno.userId, 'online'],
    ])
    const seen = await visit(client, 'presence.index').bearerToken(bruno.token)
    const anaSeen = seen.body().data.find((p: any) => p.memberId === ana.userId)
    assert.equal(anaSeen.status, 'offline')
    assert.isBelow(Date.parse(anaSeen.lastSeenAt), Date.now() - 90_000, 'last seen when she was')
  })
})
