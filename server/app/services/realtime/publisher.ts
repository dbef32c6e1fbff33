import { appendEvent, type ParleyEvent } from '#services/realtime/event_log'
import { frameOf } from '#services/realtime/hub'
import { broadcast } from '#services/realtime/bus'

/**
 * The one way features announce what happened: the event is recorded first (so a client that is
 * offline right now gets it on reconnect), then broadcast to every instance.
 *
 *   await publish(channelNames.conversation(t, w, id), 'message.created', MessageTransformer.transform(m))
 */
export async function publish(channel: string, type: string, data: unknown): Promise<ParleyEvent> {
  const event = await appendEvent(channel, type, data)
  await broadcast({ kind: 'event', channel, frame: frameOf(channel, event) })
  return event
}
