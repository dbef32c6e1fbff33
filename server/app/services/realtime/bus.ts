import { Bus } from '@boringnode/bus'
import { RedisTransport } from '@boringnode/bus/transports/redis'
import redis from '@adonisjs/redis/services/main'
import { closeLocal, deliverLocal, subscribeLocal, unsubscribeLocal } from '#services/realtime/hub'

/**
 * What instances tell each other, over Transmit's Redis transport (@boringnode/bus): events to
 * deliver, and subscription changes or closes for streams another instance holds. A bus ignores
 * its own messages; the sender applies them locally itself.
 */
type Message =
  | { kind: 'event'; channel: string; frame: string }
  | { kind: 'subscribe' | 'unsubscribe'; stream: string; channel: string }
  | { kind: 'close'; stream: string; keep?: string }

const CHANNEL = 'parley:realtime'
let bus: Bus | undefined

export async function startBus() {
  if (bus) return
  bus = new Bus(new RedisTransport(redis.connection('main').ioConnection))
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
    }
  })
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
  }
  if (!bus) await startBus()
  await bus!.publish(CHANNEL, message)
}
