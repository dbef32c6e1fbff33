import { test } from '@japa/runner'
import redis from '@adonisjs/redis/services/main'
import { makeTenant, mintSession, ORIGIN, visit } from '#tests/helpers'
import { openStream, ticket, waitFor } from '#tests/realtime_helpers'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import {
  deliverLocal,
  frameOf,
  hubStats,
  localStream,
  openStreamCount,
} from '#services/realtime/hub'
import { revokeKey } from '#services/tenants'

const inbox = (s: { tenantId: string; workspaceId: string }) =>
  channelNames.inbox(s.tenantId, s.workspaceId)

test.group('Realtime tickets and streams', () => {
  test('POST /v1/realtime/ticket returns a stream URL with a single-use ticket', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const t = await ticket(client, session.token)
    assert.match(t.url, /\/__transmit\/events\?ticket=[A-Za-z0-9_-]{24}$/)
    assert.isAbove(new Date(t.expiresAt).getTime(), Date.now())
    const stream = openStream(t.url)
    await stream.opened
    stream.close()
    // The same URL a second time: refused.
    const again = await fetch(t.url)
    assert.equal(again.status, 401)
    assert.equal(((await again.json()) as any).error.code, 'AUTHENTICATION_ERROR')
  })

  test('refuses forged and expired tickets, and tickets without a session', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const base = `http://${process.env.HOST}:${process.env.PORT}`
    for (const forged of ['', 'x', 'A'.repeat(24), 'not a ticket at all, really']) {
      assert.equal((await fetch(`${base}/__transmit/events?ticket=${forged}`)).status, 401, forged)
    }
    const t = await ticket(client, session.token)
    await redis.pexpire(`parley:rt:ticket:${new URL(t.url).searchParams.get('ticket')}`, 1)
    await new Promise((r) => setTimeout(r, 20))
    assert.equal((await fetch(t.url)).status, 401)
    ;(await visit(client, 'realtime.ticket').json({})).assertStatus(401)
    ;(
      await visit(client, 'realtime.ticket')
        .bearerToken(session.token)
        .json({ stream: 'x'.repeat(65) })
    ).assertStatus(422)
    ;(
      await visit(client, 'realtime.ticket').bearerToken(session.token).json({ extra: 1 })
    ).assertStatus(422)
  })

  test('refuses a stream from an origin the tenant does not allow, and after the key is revoked', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const foreign = await fetch((await ticket(client, session.token)).url, {
      headers: { origin: 'https://evil.test' },
    })
    assert.equal(foreign.status, 403)
    const allowed = openStream((await ticket(client, session.token)).url, ORIGIN)
    await allowed.opened
    allowed.close()
    const pending = await ticket(client, session.token)
    await revokeKey(tenant.keyIds.secret)
    assert.equal((await fetch(pending.url)).status, 401)
  })

  test('delivers published events to subscribers with ids that increase', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const t = await ticket(client, session.token)
    const stream = openStream(t.url)
    await stream.opened
    ;(
      await visit(client, 'realtime.subscribe')
        .bearerToken(session.token)
        .json({ uid: t.stream, channel: inbox(session) })
    ).assertStatus(204)
    const first = await publish(inbox(session), 'conversation.created', {
      id: 'c1',
      body: '<b>hi</b>',
    })
    const second = await publish(inbox(session), 'conversation.updated', { id: 'c1' })
    await waitFor(() => stream.messages.length === 2)
    assert.deepEqual(
      stream.messages.map((m) => m.payload.type),
      ['conversation.created', 'conversation.updated']
    )
    assert.deepEqual(stream.messages[0], { channel: inbox(session), payload: first })
    assert.isBelow(first.id.localeCompare(second.id, undefined, { numeric: true }), 0)
    stream.close()
  })

  test('GET /v1/events returns what a client missed, in order, and pages', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const channel = inbox(session)
    const events = []
    for (let i = 0; i < 5; i++)
      events.push(await publish(channel, 'conversation.updated', { n: i }))
    const missed = await visit(client, 'events.index')
      .qs({ stream: channel, after: events[1].id })
      .bearerToken(session.token)
    missed.assertStatus(200)
    assert.deepEqual(
      missed.body().data.map((e: any) => e.data.n),
      [2, 3, 4]
    )
    assert.isNull(missed.body().nextCursor)
    assert.isFalse(missed.body().gap)
    const page = await visit(client, 'events.index')
      .qs({ stream: channel, after: events[0].id, limit: 2 })
      .bearerToken(session.token)
    assert.deepEqual(
      page.body().data.map((e: any) => e.data.n),
      [1, 2]
    )
    assert.equal(page.body().nextCursor, events[2].id)
    for (const qs of [
      { stream: channel, after: 'yesterday' },
      { stream: channel, limit: 0 },
      { after: events[0].id },
    ]) {
      ;(await visit(client, 'events.index').qs(qs).bearerToken(session.token)).assertStatus(422)
    }
  })

  test('a second connection of the same stream replaces the first; another session cannot take it over', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const me = await mintSession(client, tenant.secretKey, { user: 'me' })
    const other = await mintSession(client, tenant.secretKey, { user: 'other' })
    const t1 = await ticket(client, me.token)
    const first = openStream(t1.url)
    await first.opened
    const t2 = await ticket(client, me.token, t1.stream)
    assert.equal(t2.stream, t1.stream)
    const second = openStream(t2.url)
    await second.opened
    await waitFor(() => first.source.readyState !== 1 || first.errors.length > 0)
    first.close()

    const stolen = await ticket(client, other.token, t1.stream)
    assert.notEqual(stolen.stream, t1.stream)
    ;(
      await visit(client, 'realtime.subscribe')
        .bearerToken(other.token)
        .json({ uid: t1.stream, channel: inbox(other) })
    ).assertStatus(404)
    second.close()
  })

  test('drops a client that stops reading, so its unsent events cannot pile up', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const session = await mintSession(client, tenant.secretKey)
    const t = await ticket(client, session.token)
    // A raw request whose body is never read: the socket buffers fill, then ours does.
    const controller = new AbortController()
    const response = await fetch(t.url, { signal: controller.signal })
    assert.equal(response.status, 200)
    await waitFor(() => localStream(t.stream) !== undefined)
    ;(
      await visit(client, 'realtime.subscribe')
        .bearerToken(session.token)
        .json({ uid: t.stream, channel: inbox(session) })
    ).assertStatus(204)
    const before = hubStats.dropped
    // Straight to the hub, a 64 kB frame at a time, so the test does not fill Redis as well.
    // Each frame is another event (the hub writes an event id once).
    const data = 'x'.repeat(64 * 1024)
    const frame = (i: number) =>
      frameOf(inbox(session), { id: `${i + 1}-0`, type: 'conversation.updated', data })
    for (let i = 0; i < 4000 && localStream(t.stream); i++) {
      deliverLocal(inbox(session), frame(i))
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1))
    }
    assert.isUndefined(localStream(t.stream), 'the stalled stream was not dropped')
    assert.equal(hubStats.dropped, before + 1)
    controller.abort()
    assert.isAtLeast(openStreamCount(), 0)
  })
})
