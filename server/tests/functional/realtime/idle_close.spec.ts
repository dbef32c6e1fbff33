import { test } from '@japa/runner'
import { EventSource } from 'eventsource'
import type { ApiClient as HttpClient } from '@japa/api-client'
import { makeTenant, mintSession } from '#tests/helpers'
import { waitFor } from '#tests/realtime_helpers'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'

// The widgets' realtime client (run in Node against the test server): a page whose widgets all
// left keeps no stream, and one that re-creates them at once (React StrictMode, a router's
// remount) keeps the one it has.
const kit = (file: string) => import(`../../../../widgets/kit/${file}.ts`)

async function widgetClient(token: string, idleCloseMs: number) {
  const [{ ApiClient }, { RealtimeClient }] = await Promise.all([
    kit('api-client'),
    kit('realtime/realtime'),
  ])
  const api = new ApiClient({
    baseUrl: `http://127.0.0.1:${process.env.PORT}`,
    session: async () => token,
  })
  const sources: EventSource[] = []
  const realtime = new RealtimeClient({
    api,
    idleCloseMs,
    eventSourceFactory: (url: string) => {
      const source = new EventSource(url)
      sources.push(source)
      return source
    },
  })
  return { realtime, sources }
}

/** A new tenant's member, their widget client (idle close after 300 ms) and inbox channel. */
async function memberClient(client: HttpClient) {
  const tenant = await makeTenant()
  const session = await mintSession(client, tenant.secretKey)
  const channel = channelNames.inbox(session.tenantId, session.workspaceId)
  return { ...(await widgetClient(session.token, 300)), channel }
}

test.group('Realtime client, idle close', () => {
  test('keeps its stream through an unsubscribe and resubscribe, closes it once nothing is subscribed', async ({
    client,
    assert,
  }) => {
    const { realtime, sources, channel } = await memberClient(client)
    try {
      const received: unknown[] = []
      const off = await realtime.subscribe(channel, (event: unknown) => received.push(event))
      await off()
      const again = await realtime.subscribe(channel, (event: unknown) => received.push(event))
      await new Promise((resolve) => setTimeout(resolve, 500))
      assert.lengthOf(sources, 1)
      assert.notEqual(sources[0].readyState, EventSource.CLOSED)

      await again()
      await waitFor(() => sources[0].readyState === EventSource.CLOSED)
      assert.equal(realtime.status, 'idle')

      // A widget coming back opens a new stream, and its events arrive.
      await realtime.subscribe(channel, (event: unknown) => received.push(event))
      assert.lengthOf(sources, 2)
      const event = await publish(channel, 'conversation.created', { id: 'c1' })
      await waitFor(() => received.length === 1)
      assert.deepEqual(received[0], event)
    } finally {
      realtime.close()
    }
  }).timeout(60_000)

  test('closed while its ticket is on the way, it opens no stream and says so to the subscriber', async ({
    client,
    assert,
  }) => {
    const { realtime, sources, channel } = await memberClient(client)
    const subscribing = realtime.subscribe(channel, () => {})
    realtime.close()
    await assert.rejects(() => subscribing, /was closed/)
    try {
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.lengthOf(sources, 0)
    } finally {
      for (const source of sources) source.close()
    }
  }).timeout(60_000)
})
