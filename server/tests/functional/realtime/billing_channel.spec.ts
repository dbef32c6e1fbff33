import { test } from '@japa/runner'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { ticket } from '#tests/realtime_helpers'
import { channelNames } from '#services/realtime/channels'

test.group('Realtime · the billing channel follows the billing routes', () => {
  test('owners and admins with the billing widget read it; agents, viewers and sessions without billing are refused; other workspaces 404', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const session = (user: string, role: any, widgets?: string[]) =>
      mintSession(client, tenant.secretKey, {
        workspace: 'w1',
        user,
        role,
        ...(widgets ? { widgets } : {}),
      })
    const owner = await session('o', 'owner')
    const channel = channelNames.billing(owner.tenantId, owner.workspaceId)
    const otherWorkspace = await mintSession(client, tenant.secretKey, { workspace: 'w2' })
    const otherTenant = await mintSession(client, other.secretKey, { workspace: 'w1' })
    const cases: [string, Awaited<ReturnType<typeof session>>, string, number][] = [
      ['owner', owner, channel, 204],
      ['admin', await session('a', 'admin'), channel, 204],
      ['agent', await session('g', 'agent'), channel, 403],
      ['viewer', await session('v', 'viewer'), channel, 403],
      ['owner without billing', await session('n', 'owner', ['inbox']), channel, 403],
      [
        'another workspace',
        owner,
        channelNames.billing(otherWorkspace.tenantId, otherWorkspace.workspaceId),
        404,
      ],
      [
        'another tenant',
        owner,
        channelNames.billing(otherTenant.tenantId, otherTenant.workspaceId),
        404,
      ],
    ]
    for (const [who, me, name, status] of cases) {
      const t = await ticket(client, me.token)
      const subscribed = await visit(client, 'realtime.subscribe')
        .bearerToken(me.token)
        .json({ uid: t.stream, channel: name })
      assert.equal(subscribed.status(), status, `subscribe: ${who}`)
      // Catching up after a reconnect asks the same.
      const missed = await visit(client, 'events.index').qs({ stream: name }).bearerToken(me.token)
      assert.equal(missed.status(), status === 204 ? 200 : status, `events: ${who}`)
    }
    // The agent's inbox channel is still its own.
    const agent = cases[2][1]
    const t = await ticket(client, agent.token)
    ;(
      await visit(client, 'realtime.subscribe')
        .bearerToken(agent.token)
        .json({ uid: t.stream, channel: channelNames.inbox(agent.tenantId, agent.workspaceId) })
    ).assertStatus(204)
  })
})
