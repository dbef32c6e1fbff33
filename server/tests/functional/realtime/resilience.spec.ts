import { test } from '@japa/runner'
import { EventSource } from 'eventsource'
import { makeTenant, mintSession } from '#tests/helpers'
import { waitFor } from '#tests/realtime_helpers'
import { kill, startServerProcess } from '#tests/server_process'
import { freePort } from '#lib/local_services'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'

// The widgets' own realtime client and API client, run in Node against real servers.
const kit = (file: string) => import(`../../../../widgets/kit/${file}.ts`)

async function widgetClient(baseUrl: string, token: string) {
  const [{ ApiClient }, { RealtimeClient }] = await Promise.all([
    kit('api-client'),
    kit('realtime/realtime'),
  ])
  const api = new ApiClient({ baseUrl, session: async () => token })
  return new RealtimeClient({
    api,
    eventSourceFactory: (url: string) => new EventSource(url),
    baseDelayMs: 50,
    maxDelayMs: 400,
  })
}

test.group('Realtime across instances and restarts', () => {
  test('an event published on one instance reaches a subscriber on another', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const port = await freePort()
    const other = await startServerProcess(port)
    let realtime: any
    try {
      realtime = await widgetClient(`http://127.0.0.1:${port}`, session.token)
      const received: any[] = []
      const channel = channelNames.inbox(session.tenantId, session.workspaceId)
      await realtime.subscribe(channel, (event: any) => received.push(event))
      // This test process is an instance too: publish here, receive there.
      const event = await publish(channel, 'conversation.created', { id: 'c1' })
      await waitFor(() => received.length === 1)
      assert.deepEqual(received[0], event)
    } finally {
      realtime?.close()
      await kill(other)
    }
  }).timeout(30_000)

  test('killing the server mid-stream and restarting it loses nothing: every event once, in order', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const port = await freePort()
    let server = await startServerProcess(port)
    const realtime = await widgetClient(`http://127.0.0.1:${port}`, session.token)
    const statuses: string[] = []
    realtime.onStatus((s: string) => statuses.push(s))
    const received: string[] = []
    const channel = channelNames.conversation(
      session.tenantId,
      session.workspaceId,
      '0192f000-0000-7000-8000-0000000000c1'
    )
    await realtime.subscribe(channel, (event: any) => received.push(event.data.n))

    const published: number[] = []
    let publishing = true
    const publisher = (async () => {
      for (let n = 0; publishing; n++) {
        await publish(channel, 'message.created', { n })
        published.push(n)
        await new Promise((r) => setTimeout(r, 8))
      }
    })()
    try {
      await waitFor(() => received.length >= 40)
      await kill(server)
      await new Promise((r) => setTimeout(r, 400))
      server = await startServerProcess(port)
      await waitFor(() => statuses.at(-1) === 'open', 20_000)
      const mark = published.length
      await waitFor(() => received.length >= mark + 40, 20_000)
      publishing = false
      await publisher
      await waitFor(() => received.length >= published.length, 10_000)
    } finally {
      publishing = false
      await publisher
      realtime.close()
      await kill(server)
    }

    assert.includeMembers(statuses, ['reconnecting', 'open'])
    assert.deepEqual(received, published, 'not every event arrived exactly once, in order')
    assert.isAbove(published.length, 80)
  }).timeout(60_000)
})
