import { appendEvent, appendEventOnce, type ParleyEvent } from '#services/realtime/event_log'
import { frameOf } from '#services/realtime/hub'
import { broadcast } from '#services/realtime/bus'

/**
 * Announces a passing signal (typing, presence, a number's state, a recording's progress): the
 * event is recorded first (so a client that is offline right now gets it on reconnect), then
 * broadcast to every instance. It needs Redis now; what a committed change must announce goes
 * through the outbox instead (domain events and their listeners), and reaches here by publishOnce.
 *
 *   await publish(channelNames.conversation(t, w, id), 'message.created', MessageTransformer.transform(m))
 */
export async function publish(channel: string, type: string, data: unknown): Promise<ParleyEvent> {
  const event = await appendEvent(channel, type, data)
  await broadcast({ kind: 'event', channel, frame: frameOf(channel, event) })
  return event
}

/**
 * Publishes what a domain event says (from an outbox listener) exactly once per channel: a second
 * relay of the same event finds the first append and re-sends that frame with the same id, which
 * clients already ignore if they had it (they skip ids they have passed).
 */
export async function publishOnce(eventId: string, channel: string, type: string, data: unknown) {
  const { fresh, ...event } = await appendEventOnce(eventId, channel, type, data)
  await broadcast({ kind: 'event', channel, frame: frameOf(channel, event) })
  return { ...event, fresh }
}
