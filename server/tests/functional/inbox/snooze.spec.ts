import { test } from '@japa/runner'
import { makeTenant, mintSession, eventsAfter, visit } from '#tests/helpers'
import { startWorkers } from '#services/queues'
import { JOBS } from '#jobs/index'
import { channelNames } from '#services/realtime/channels'

test.group('Snooze', (group) => {
  let workers: ReturnType<typeof startWorkers>
  group.setup(() => {
    workers = startWorkers(JOBS)
    return () => workers.stop()
  })

  test('a snoozed conversation reopens by itself at its time (a delayed BullMQ job)', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const agent = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'a' })
    const created = await visit(client, 'conversations.store')
      .bearerToken(agent.token)
      .json({ channel: 'web', contact: { email: 'z@x.test' }, body: 'hi' })
    const url = `/v1/conversations/${created.body().id}`
    const wake = new Date(Date.now() + 1500).toISOString()
    const snoozed = await client.patch(url).bearerToken(agent.token).json({ snoozedUntil: wake })
    snoozed.assertStatus(200)
    assert.equal(snoozed.body().status, 'snoozed')
    ;(await client.get(url).bearerToken(agent.token)).assertBodyContains({ status: 'snoozed' })

    let status = 'snoozed'
    for (let i = 0; i < 100 && status !== 'open'; i++) {
      await new Promise((r) => setTimeout(r, 100))
      status = (await client.get(url).bearerToken(agent.token)).body().status
    }
    assert.equal(status, 'open')
    assert.isAtLeast(Date.now(), new Date(wake).getTime())
    const { events } = await eventsAfter(
      channelNames.inbox(agent.tenantId, agent.workspaceId),
      undefined,
      20
    )
    assert.equal(events.at(-1)!.type, 'conversation.updated')
    assert.equal((events.at(-1)!.data as any).status, 'open')
  }).timeout(20_000)

  test('re-snoozing later makes the earlier wake-up do nothing', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const agent = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'a' })
    const created = await visit(client, 'conversations.store')
      .bearerToken(agent.token)
      .json({ channel: 'web', contact: { email: 'y@x.test' }, body: 'hi' })
    const url = `/v1/conversations/${created.body().id}`
    await client
      .patch(url)
      .bearerToken(agent.token)
      .json({ snoozedUntil: new Date(Date.now() + 800).toISOString() })
    const later = new Date(Date.now() + 3_600_000).toISOString()
    await client.patch(url).bearerToken(agent.token).json({ snoozedUntil: later })
    await new Promise((r) => setTimeout(r, 2000))
    const now = await client.get(url).bearerToken(agent.token)
    assert.equal(now.body().status, 'snoozed')
    assert.equal(new Date(now.body().snoozedUntil).getTime(), new Date(later).getTime())
  }).timeout(20_000)
})
