import { Bus } from '@boringnode/bus'
import { RedisTransport } from '@boringnode/bus/transports/redis'
import redis from '@adonisjs/redis/services/main'
import logger from '@adonisjs/core/services/logger'
import { Redis } from 'ioredis'
import {
  applyAccessChange,
  closeLocal,
  deliverLocal,
  frameOf,
  listenedChannels,
  subscribeLocal,
  unsubscribeLocal,
  type AccessChange,
} from '#services/realtime/hub'
import { removeStreamChannel } from '#services/realtime/state'
import { compareEventIds, eventsAfter } from '#services/realtime/event_log'

/**
 * What instances tell each other, over Transmit's Redis transport (@boringnode/bus): events to
 * deliver, and subscription changes or closes for streams another instance holds. A bus ignores
 * its own messages; the sender applies them locally itself.
 */
type Message =
  | { kind: 'event'; channel: string; frame: string }
  | { kind: 'subscribe' | 'unsubscribe'; stream: string; channel: string }
  | { kind: 'close'; stream: string; keep?: string }
  | { kind: 'access'; change: AccessChange }

const CHANNEL = 'parley:realtime'
let bus: Bus | undefined

export async function startBus() {
  if (bus) return
  bus = new Bus(new RedisTransport(reportingErrors(redis.connection('main').ioConnection)))
  await bus.subscribe<Message>(CHANNEL, (message) => {
    switch (message.kind) {
      case 'event':
        return deliver(message.channel, message.frame)
      case 'subscribe':
        return subscribeLocal(message.stream, message.channel)
      case 'unsubscribe':
        return unsubscribeLocal(message.stream, message.channel)
      case 'close':
        return closeLocal(message.stream, message.keep)
      case 'access':
        return void narrowHere(message.change)
    }
  })
}

/**
 * The transport makes its publisher and subscriber by duplicating the connection it is given and
 * listens to neither's errors (ioredis then prints each failed reconnect). It gets a connection
 * whose duplicates report errors as warnings; they reconnect by themselves.
 */
function reportingErrors(connection: Redis): Redis {
  const source = new Redis({ ...connection.options, lazyConnect: true })
  source.duplicate = (override) => {
    const copy = Redis.prototype.duplicate.call(source, override)
    copy.on('error', (error) => logger.debug({ err: error }, 'realtime bus connection error'))
    copy.on('close', lost)
    copy.on('ready', () => lostAt !== undefined && scheduleCatchUp())
    return copy
  }
  return source
}

/**
 * While the bus was down, other instances' events went out on it unheard. Once it is back, each
 * channel listened to here is read from the event log after the last event delivered on it before
 * the loss (or from when the bus went down) and the missed events are delivered in order. Events
 * arriving meanwhile are held until that catch-up is done, then delivered unless it already did:
 * delivered first, a newer live event would move the channel's cursor past the missed ones (the
 * catch-up then skipped them) and clients, which skip ids they have passed, would drop them.
 */
let lostAt: number | undefined
let lostCursors: Map<string, string | undefined> | undefined
let catchUpTimer: NodeJS.Timeout | undefined
const held: { channel: string; frame: string }[] = []
/** Beyond this, held events are left to the catch-up, which reads them from the log anyway. */
const MAX_HELD = 10_000

function lost() {
  if (lostAt !== undefined) return
  lostAt = Date.now()
  lostCursors = new Map(listenedChannels().map(({ channel, after }) => [channel, after]))
}

function deliver(channel: string, frame: string) {
  if (lostAt === undefined) return void deliverLocal(channel, frame)
  if (held.length < MAX_HELD) held.push({ channel, frame })
}

function scheduleCatchUp(delayMs = 250) {
  clearTimeout(catchUpTimer)
  // After both connections are back and the subscriber has subscribed again. A catch-up that
  // fails (the log's connection still reconnecting) is tried again until one succeeds.
  catchUpTimer = setTimeout(() => void catchUp().catch(() => scheduleCatchUp(1000)), delayMs)
}

async function catchUp() {
  const since = lostAt
  if (since === undefined) return
  const caughtUp = new Map<string, string>()
  for (const { channel, after } of listenedChannels()) {
    const before = lostCursors?.has(channel) ? lostCursors.get(channel) : after
    let cursor: string | undefined = before ?? `${since - 1000}-0`
    while (cursor) {
      const { events, more } = await eventsAfter(channel, cursor, 500)
      for (const event of events) {
        deliverLocal(channel, frameOf(channel, event))
        caughtUp.set(channel, event.id)
      }
      cursor = more ? events.at(-1)!.id : undefined
    }
  }
  if (lostAt !== since) return
  lostAt = undefined
  lostCursors = undefined
  for (const { channel, frame } of held.splice(0)) {
    const last = caughtUp.get(channel)
    // Frames start with `id: <event id>\n` (frameOf).
    if (last && compareEventIds(frame.slice(4, frame.indexOf('\n')), last) <= 0) continue
    deliverLocal(channel, frame)
  }
}

export async function stopBus() {
  clearTimeout(catchUpTimer)
  await bus?.disconnect()
  bus = undefined
}

/** Applies a message here and sends it to every other instance. */
export async function broadcast(message: Message) {
  switch (message.kind) {
    case 'event':
      deliver(message.channel, message.frame)
      break
    case 'subscribe':
      subscribeLocal(message.stream, message.channel)
      break
    case 'unsubscribe':
      unsubscribeLocal(message.stream, message.channel)
      break
    case 'close':
      closeLocal(message.stream, message.keep)
      break
    case 'access':
      await narrowHere(message.change)
  }
  if (!bus) await startBus()
  await bus!.publish(CHANNEL, message)
}

/** Applies a change of rights to this instance's streams, and to the channel sets they resume with. */
async function narrowHere(change: AccessChange) {
  for (const { stream, channels } of applyAccessChange(change)) {
    for (const channel of channels) await removeStreamChannel(stream, channel)
  }
}
