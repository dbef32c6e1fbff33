import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import { makeTenant, mintSession, until } from '#tests/helpers'
import { streamElsewhere } from '#tests/realtime_helpers'
import { otherInstance } from '#tests/server_process'

test.group('Realtime across a dropped link between instances', (group) => {
  const other = otherInstance(group)

  test('events published while an instance’s bus link is down reach its open streams once it is back, each once', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const channel = channelNames.inbox(session.tenantId, session.workspaceId)
    const held = await streamElsewhere(client, session.token, other.port, [channel])
    await publish(channel, 'conversation.created', { n: 0 })
    await until(() => held.frames.length === 1, 'the first event')

    // Every subscriber connection is cut (the other instance's and this one's); events published
    // here now go out on the bus with nobody listening, until the links reconnect.
    await redis.call('client', 'kill', 'type', 'pubsub')
    for (let n = 1; n <= 20; n++) await publish(channel, 'conversation.created', { n })

    await until(() => held.frames.length >= 21, 'the events published meanwhile', 10_000)
    await new Promise((r) => setTimeout(r, 500)) // time for a duplicate to show up
    assert.deepEqual(
      held.frames.map((f) => f.payload.data.n),
      Array.from({ length: 21 }, (_, n) => n)
    )
  })
})
