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
import { eventsAfter } from '#services/realtime/event_log'

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
        return void deliverLocal(message.channel, message.frame)
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
    copy.on('close', () => (lostAt ??= Date.now()))
    copy.on('ready', () => lostAt !== undefined && scheduleCatchUp())
    return copy
  }
  return source
}

/**
 * While the bus was down, other instances' events went out on it unheard. Once it is back, each
 * channel listened to here is read from the event log after the last event delivered on it (or
 * from when the bus went down) and the missed events are delivered; clients skip ids they have.
 */
let lostAt: number | undefined
let catchUpTimer: NodeJS.Timeout | undefined
function scheduleCatchUp() {
  clearTimeout(catchUpTimer)
  // After both connections are back and the subscriber has subscribed again.
  catchUpTimer = setTimeout(() => void catchUp().catch(() => (lostAt ??= Date.now())), 250)
}

async function catchUp() {
  const since = lostAt
  if (since === undefined) return
  lostAt = undefined
  for (const { channel, after } of listenedChannels()) {
    let cursor: string | undefined = after ?? `${since - 1000}-0`
    while (cursor) {
      const { events, more } = await eventsAfter(channel, cursor, 500)
      for (const event of events) deliverLocal(channel, frameOf(channel, event))
      cursor = more ? events.at(-1)!.id : undefined
    }
  }
}

export async function stopBus() {
  await bus?.disconnect()
  bus = undefined
}

/** Applies a message here and sends it to every other instance. */
export async function broadcast(message: Message) {
  switch (message.kind) {
    case 'event':
      deliverLocal(message.channel, message.frame)
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
