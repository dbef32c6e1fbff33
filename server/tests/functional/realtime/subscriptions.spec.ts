import { test } from '@japa/runner'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { openStream, ticket } from '#tests/realtime_helpers'
import { channelNames } from '#services/realtime/channels'

test.group('Realtime subscriptions are authorised against the session', () => {
  test("subscribe answers 204 for the session's channels and 404 or 403 for everything else", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const me = await mintSession(client, tenant.secretKey, {
      workspace: 'w1',
      user: 'a',
      widgets: ['inbox'],
    })
    const colleague = await mintSession(client, tenant.secretKey, { workspace: 'w1', user: 'b' })
    const otherWorkspace = await mintSession(client, tenant.secretKey, {
      workspace: 'w2',
      user: 'c',
    })
    const otherTenant = await mintSession(client, other.secretKey, { workspace: 'w1', user: 'a' })
    const t = await ticket(client, me.token)
    const stream = openStream(t.url)
    await stream.opened
    const id = '0192f000-0000-7000-8000-0000000000aa'
    const cases: [string, number][] = [
      [channelNames.inbox(me.tenantId, me.workspaceId), 204],
      [channelNames.conversation(me.tenantId, me.workspaceId, id), 204],
      [channelNames.member(me.tenantId, me.workspaceId, me.userId), 204],
      [channelNames.member(me.tenantId, me.workspaceId, colleague.userId), 404],
      [channelNames.inbox(otherWorkspace.tenantId, otherWorkspace.workspaceId), 404],
      [channelNames.inbox(otherTenant.tenantId, otherTenant.workspaceId), 404],
      [channelNames.recording(me.tenantId, me.workspaceId, id), 403],
      ['tenants/nope', 404],
      [`${channelNames.inbox(me.tenantId, me.workspaceId)}/../../x`, 404],
    ]
    for (const [channel, status] of cases) {
      const response = await visit(client, 'realtime.subscribe')
        .bearerToken(me.token)
        .json({ uid: t.stream, channel })
      assert.equal(response.status(), status, channel)
    }
    ;(
      await visit(client, 'realtime.subscribe').json({ uid: t.stream, channel: cases[0][0] })
    ).assertStatus(401)
    ;(
      await visit(client, 'realtime.subscribe').bearerToken(me.token).json({ uid: t.stream })
    ).assertStatus(422)
    stream.close()
  })

  test('only the session that owns a stream may unsubscribe it', async ({ client }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const me = await mintSession(client, tenant.secretKey, { user: 'a' })
    const colleague = await mintSession(client, tenant.secretKey, { user: 'b' })
    const stranger = await mintSession(client, other.secretKey, { user: 'a' })
    const t = await ticket(client, me.token)
    const channel = channelNames.inbox(me.tenantId, me.workspaceId)
    ;(
      await visit(client, 'realtime.subscribe')
        .bearerToken(me.token)
        .json({ uid: t.stream, channel })
    ).assertStatus(204)
    ;(
      await visit(client, 'realtime.unsubscribe')
        .bearerToken(colleague.token)
        .json({ uid: t.stream, channel })
    ).assertStatus(404)
    ;(
      await visit(client, 'realtime.unsubscribe')
        .bearerToken(stranger.token)
        .json({ uid: t.stream, channel })
    ).assertStatus(404)
    ;(
      await visit(client, 'realtime.unsubscribe')
        .bearerToken(me.token)
        .json({ uid: t.stream, channel })
    ).assertStatus(204)
  })

  test("GET /v1/events refuses another tenant's, workspace's or member's channel", async ({
    client,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const me = await mintSession(client, tenant.secretKey, { workspace: 'w1', user: 'a' })
    const colleague = await mintSession(client, tenant.secretKey, { workspace: 'w1', user: 'b' })
    const otherWorkspace = await mintSession(client, tenant.secretKey, {
      workspace: 'w2',
      user: 'c',
    })
    const stranger = await mintSession(client, other.secretKey, { workspace: 'w1', user: 'a' })
    for (const channel of [
      channelNames.inbox(otherWorkspace.tenantId, otherWorkspace.workspaceId),
      channelNames.inbox(stranger.tenantId, stranger.workspaceId),
      channelNames.member(me.tenantId, me.workspaceId, colleague.userId),
    ]) {
      ;(
        await visit(client, 'events.index').qs({ stream: channel }).bearerToken(me.token)
      ).assertStatus(404)
    }
  })
})
