import { test } from '@japa/runner'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import { streamChannels } from '#services/realtime/state'
import { revokeKey, setTenantStatus } from '#services/tenants'
import { makeTenant, mintSession, until, visit } from '#tests/helpers'
import { streamElsewhere, ticket } from '#tests/realtime_helpers'
import { otherInstance } from '#tests/server_process'

test.group('Rights reach open streams on every instance', (group) => {
  const other = otherInstance(group)

  test('revoking the key that minted a session closes its stream on another instance; other keys are untouched', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const inbox = channelNames.inbox(session.tenantId, session.workspaceId)
    const held = await streamElsewhere(client, session.token, other.port, [inbox])
    const bystanderTenant = await makeTenant('Bystander')
    const bystander = await mintSession(client, bystanderTenant.secretKey)
    const bystanderInbox = channelNames.inbox(bystander.tenantId, bystander.workspaceId)
    const untouched = await streamElsewhere(client, bystander.token, other.port, [bystanderInbox])

    await publish(inbox, 'conversation.created', { id: 'before' })
    await until(() => held.frames.length === 1, 'the event before revocation')
    await revokeKey(tenant.keyIds.secret)
    await until(held.isEnded, 'the stream to close', 5000)
    assert.isFalse(untouched.isEnded(), "another tenant's stream stays open")
    const after = await visit(client, 'realtime.ticket').bearerToken(session.token).json({})
    after.assertStatus(401)
  })

  test('suspending a tenant closes its streams', async ({ client }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const held = await streamElsewhere(client, session.token, other.port, [
      channelNames.inbox(session.tenantId, session.workspaceId),
    ])
    await setTenantStatus(session.tenantId, 'suspended')
    try {
      await until(held.isEnded, 'the stream to close', 5000)
    } finally {
      await setTenantStatus(session.tenantId, 'active')
    }
  })

  test('suspending a workspace closes its streams and refuses its sessions until resumed; other workspaces go on', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey, { workspace: 'paused-co' })
    const neighbour = await mintSession(client, tenant.secretKey, { workspace: 'busy-co' })
    const held = await streamElsewhere(client, session.token, other.port, [
      channelNames.inbox(session.tenantId, session.workspaceId),
    ])
    const untouched = await streamElsewhere(client, neighbour.token, other.port, [
      channelNames.inbox(neighbour.tenantId, neighbour.workspaceId),
    ])
    const status = (value: string) =>
      visit(client, 'workspaces.update', { id: session.workspaceId })
        .bearerToken(tenant.secretKey)
        .json({ status: value })
    const suspended = await status('suspended')
    suspended.assertStatus(200)
    assert.equal(suspended.body().status, 'suspended')
    await until(held.isEnded, 'the stream to close', 5000)
    assert.isFalse(untouched.isEnded(), "another workspace's stream stays open")
    ;(await visit(client, 'conversations.index').bearerToken(session.token)).assertStatus(403)
    const again = await client
      .post('/v1/sessions')
      .bearerToken(tenant.secretKey)
      .json({ workspace: { id: 'paused-co' }, user: { id: 'u_1', role: 'owner' } })
    again.assertStatus(403)
    ;(await visit(client, 'conversations.index').bearerToken(neighbour.token)).assertStatus(200)
    ;(await status('active')).assertStatus(200)
    ;(await visit(client, 'conversations.index').bearerToken(session.token)).assertStatus(200)
  })

  test("a member's new role closes the streams of their earlier sessions, whose requests are refused", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const owner = await mintSession(client, tenant.secretKey, { user: 'u_7', role: 'owner' })
    const colleague = await mintSession(client, tenant.secretKey, { user: 'u_8', role: 'agent' })
    const mine = await streamElsewhere(client, owner.token, other.port, [
      channelNames.inbox(owner.tenantId, owner.workspaceId),
    ])
    const theirs = await streamElsewhere(client, colleague.token, other.port, [
      channelNames.inbox(colleague.tenantId, colleague.workspaceId),
    ])
    const demoted = await mintSession(client, tenant.secretKey, { user: 'u_7', role: 'viewer' })
    await until(mine.isEnded, 'the stream to close', 5000)
    assert.isFalse(theirs.isEnded(), "a colleague's stream stays open")
    ;(await visit(client, 'conversations.index').bearerToken(owner.token)).assertStatus(401)
    ;(await visit(client, 'conversations.index').bearerToken(demoted.token)).assertStatus(200)
  })

  test('fewer widgets drop the other widgets’ channels from open streams, and from a resumed one', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const wide = await mintSession(client, tenant.secretKey, { widgets: ['inbox', 'recorder'] })
    const inbox = channelNames.inbox(wide.tenantId, wide.workspaceId)
    const recording = channelNames.recording(
      wide.tenantId,
      wide.workspaceId,
      '0192f000-0000-7000-8000-0000000000aa'
    )
    const held = await streamElsewhere(client, wide.token, other.port, [inbox, recording])
    await mintSession(client, tenant.secretKey, { widgets: ['recorder'] })
    await until(
      async () => !(await streamChannels(held.stream)).includes(inbox),
      'the inbox channel to leave the stream',
      5000
    )
    await publish(inbox, 'conversation.created', { id: 'hidden' })
    await publish(recording, 'recording.progress', { id: 'shown' })
    await until(() => held.frames.length === 1, 'the recorder event')
    assert.deepEqual(
      held.frames.map((f) => f.payload.data.id),
      ['shown'],
      'the inbox event does not arrive'
    )
    assert.isFalse(held.isEnded(), 'narrowing keeps the stream open')

    // A narrow session resuming a stream that carried inbox channels does not get them back.
    const earlier = await mintSession(client, tenant.secretKey, {
      user: 'u_9',
      widgets: ['inbox', 'recorder'],
    })
    const issued = await ticket(client, earlier.token)
    const subscribed = await visit(client, 'realtime.subscribe')
      .bearerToken(earlier.token)
      .json({ uid: issued.stream, channel: inbox })
    subscribed.assertStatus(204)
    const narrow = await mintSession(client, tenant.secretKey, {
      user: 'u_9',
      widgets: ['recorder'],
    })
    const resumed = await ticket(client, narrow.token, issued.stream)
    assert.equal(resumed.stream, issued.stream)
    assert.notInclude(await streamChannels(issued.stream), inbox)
  })
})
