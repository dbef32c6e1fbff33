import logger from '@adonisjs/core/services/logger'
import type { Widget } from '#models/tenant'
import { channelAccess } from '#services/realtime/channels'
import type { StreamOwner } from '#services/realtime/state'
import { chunkOf, LAST_CHUNK } from '#services/realtime/raw_socket'

/**
 * The event streams open on this instance, indexed by channel so a broadcast costs the number of
 * subscribers, not the number of open streams. Each stream's unsent bytes are capped: a client
 * that stops reading is dropped (and catches up through GET /v1/events when it returns), so no
 * client can make server memory grow without bound.
 */
export interface LocalStream {
  id: string
  /** Distinguishes connections of one stream id: a reconnect replaces the previous one. */
  connection: string
  /**
   * Where frames go: the connection's socket, taken out of Node's HTTP server (raw_socket.ts),
   * or, when that was not possible, the raw HTTP response. Nothing of the request's context is
   * kept alive either way.
   */
  body: {
    write(chunk: string): boolean
    end(): void
    end(chunk: string): void
    destroy(): void
    once(event: 'close', listener: () => void): unknown
    writableLength: number
    readableLength?: number
  }
  socket?: { writableLength: number }
  /** `body` is the raw socket: frames go out as HTTP chunks (chunkOf), written once per event. */
  raw?: boolean
  channels: Set<string>
  /** The session rights it was opened with (narrowed or closed when they change). */
  owner?: StreamOwner
}

/** Whose rights changed: streams matching every field given are affected. */
export type AccessChange = {
  tenantId: string
  workspaceId?: string
  memberId?: string
  keyId?: string
  /** Narrow to these widgets instead of closing. */
  widgets?: Widget[]
}

export const MAX_BUFFERED_BYTES = 256 * 1024
const HEARTBEAT = ': ping\n\n'
const HEARTBEAT_CHUNK = chunkOf(HEARTBEAT)
/** The stream a body belongs to, for the one shared 'close' listener (no closure per stream). */
const STREAM = Symbol('parley.stream')

const streams = new Map<string, LocalStream>()
const byChannel = new Map<string, Set<LocalStream>>()
/** The id of the last event delivered here on each channel with subscribers (for catching up). */
const lastDelivered = new Map<string, string>()
/**
 * The ids of the last events delivered on each channel: an event arriving again (a catch-up
 * after the bus came back, a relay re-sending after a crash) is not written to streams twice.
 */
const recentIds = new Map<string, Set<string>>()
const RECENT_IDS = 512
let heartbeat: NodeJS.Timeout | undefined
export const hubStats = { dropped: 0, delivered: 0 }

function index(stream: LocalStream, channel: string) {
  let set = byChannel.get(channel)
  if (!set) byChannel.set(channel, (set = new Set()))
  set.add(stream)
}

function unindex(stream: LocalStream, channel: string) {
  const set = byChannel.get(channel)
  set?.delete(stream)
  if (set?.size === 0) {
    byChannel.delete(channel)
    lastDelivered.delete(channel)
    recentIds.delete(channel)
  }
}

/** Registers an open stream, replacing (and closing) an older connection of the same id. */
export function attachStream(stream: LocalStream) {
  const previous = streams.get(stream.id)
  if (previous) detachStream(previous, true)
  streams.set(stream.id, stream)
  for (const channel of stream.channels) index(stream, channel)
  ;(stream.body as { [STREAM]?: LocalStream })[STREAM] = stream
  stream.body.once('close', onBodyClose)
}

function onBodyClose(this: { [STREAM]?: LocalStream }) {
  const stream = this[STREAM]
  if (stream) detachStream(stream, false)
}

export function detachStream(stream: LocalStream, end: boolean) {
  if (streams.get(stream.id) !== stream) return
  streams.delete(stream.id)
  for (const channel of stream.channels) unindex(stream, channel)
  if (end) {
    if (stream.raw) stream.body.end(LAST_CHUNK)
    else stream.body.end()
  }
}

export function localStream(id: string) {
  return streams.get(id)
}

export function subscribeLocal(streamId: string, channel: string) {
  const stream = streams.get(streamId)
  if (!stream || stream.channels.has(channel)) return
  stream.channels.add(channel)
  index(stream, channel)
}

export function unsubscribeLocal(streamId: string, channel: string) {
  const stream = streams.get(streamId)
  if (!stream?.channels.delete(channel)) return
  unindex(stream, channel)
}

/** Closes a stream's connection here unless it is `keep` (a newer connection of the same id). */
export function closeLocal(streamId: string, keep?: string) {
  const stream = streams.get(streamId)
  if (stream && stream.connection !== keep) detachStream(stream, true)
}

/**
 * Applies a change of rights to the streams open here: closes the matching ones, or, when the
 * change narrows widgets, drops the channels those widgets do not cover. Returns the streams
 * that were narrowed (their channel sets in Redis need the same change).
 */
export function applyAccessChange(change: AccessChange) {
  const narrowed: { stream: string; channels: string[] }[] = []
  for (const stream of [...streams.values()]) {
    const owner = stream.owner
    if (!owner || owner.tenantId !== change.tenantId) continue
    if (change.workspaceId && owner.workspaceId !== change.workspaceId) continue
    if (change.memberId && owner.memberId !== change.memberId) continue
    if (change.keyId && owner.keyId !== change.keyId) continue
    if (!change.widgets) {
      detachStream(stream, true)
      continue
    }
    owner.widgets = change.widgets
    const lost = [...stream.channels].filter((c) => channelAccess(c, owner) !== 'allowed')
    for (const channel of lost) unsubscribeLocal(stream.id, channel)
    if (lost.length) narrowed.push({ stream: stream.id, channels: lost })
  }
  return narrowed
}

/**
 * Writes a frame (as `chunk`, the same frame as an HTTP chunk, to a raw socket), or drops the
 * stream when its client has stopped reading.
 */
function write(stream: LocalStream, frame: string, chunk: string) {
  const buffered =
    stream.body.writableLength +
    (stream.body.readableLength ?? 0) +
    (stream.socket?.writableLength ?? 0)
  if (buffered > MAX_BUFFERED_BYTES) {
    hubStats.dropped++
    logger.warn({ stream: stream.id, buffered }, 'dropping a realtime stream that stopped reading')
    detachStream(stream, false)
    stream.body.destroy()
    return
  }
  stream.body.write(stream.raw ? chunk : frame)
}

/** Sends a prepared frame to this instance's subscribers of `channel`. */
export function deliverLocal(channel: string, frame: string) {
  const subscribers = byChannel.get(channel)
  if (!subscribers) return 0
  // Frames start with `id: <event id>\n` (frameOf).
  const id = frame.slice(4, frame.indexOf('\n'))
  let recent = recentIds.get(channel)
  if (!recent) recentIds.set(channel, (recent = new Set()))
  if (recent.has(id)) return 0
  recent.add(id)
  if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value!)
  lastDelivered.set(channel, id)
  const chunk = chunkOf(frame)
  for (const stream of subscribers) write(stream, frame, chunk)
  hubStats.delivered += subscribers.size
  return subscribers.size
}

/** Channels someone here listens to, with the last event delivered on each (if any). */
export function listenedChannels() {
  return [...byChannel.keys()].map((channel) => ({ channel, after: lastDelivered.get(channel) }))
}

/** The SSE frame of an event, built once per event whatever the number of subscribers. */
export function frameOf(channel: string, event: { id: string; type: string; data: unknown }) {
  return `id: ${event.id}\ndata: ${JSON.stringify({ channel, payload: event })}\n\n`
}

/** Keeps proxies from cutting idle streams, and finds dead clients (their writes fail). */
export function startHeartbeat(everyMs: number) {
  heartbeat ??= setInterval(() => {
    for (const stream of streams.values()) write(stream, HEARTBEAT, HEARTBEAT_CHUNK)
  }, everyMs).unref()
}

export function stopHub() {
  clearInterval(heartbeat)
  heartbeat = undefined
  for (const stream of [...streams.values()]) detachStream(stream, true)
}

export function openStreamCount() {
  return streams.size
}
