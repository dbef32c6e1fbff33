import { randomBytes } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import type { Role } from '#models/member'
import type { Widget } from '#models/tenant'
import { channelAccess } from '#services/realtime/channels'

/**
 * What lives in Redis so that any instance can serve any request: tickets (single use, 60 s),
 * stream owners (the session that may use a stream id) and each stream's subscriptions.
 */
export interface StreamOwner {
  tenantId: string
  workspaceId: string
  memberId: string
  widgets: Widget[]
  /** The session's role (a role change ends its streams: start_session's access:changed). */
  role?: Role
  keyId: string
  /** Web chat visitors: their contact (memberId is then `contact:<id>`). */
  contactId?: string
}

export const TICKET_TTL_SECONDS = 60
const STREAM_TTL_SECONDS = 24 * 3600

const ticketKey = (ticket: string) => `parley:rt:ticket:${ticket}`
const ownerKey = (stream: string) => `parley:rt:stream:${stream}`
const channelsKey = (stream: string) => `parley:rt:stream:${stream}:channels`

export const newId = () => randomBytes(18).toString('base64url')

export function sameOwner(a: StreamOwner, b: StreamOwner) {
  return a.tenantId === b.tenantId && a.workspaceId === b.workspaceId && a.memberId === b.memberId
}

/**
 * The stream id this session may use: `requested` if it is its own, else a new one. A resumed
 * stream takes this session's rights: its owner record is rewritten, and channels this session
 * may not read (its widgets were narrowed since) are dropped, so they are not carried over.
 */
export async function claimStream(owner: StreamOwner, requested?: string): Promise<string> {
  if (requested) {
    const existing = await streamOwner(requested)
    if (existing && sameOwner(existing, owner)) {
      const channels = await streamChannels(requested)
      const lost = channels.filter((c) => channelAccess(c, owner) !== 'allowed')
      const multi = redis
        .multi()
        .set(ownerKey(requested), JSON.stringify(owner), 'EX', STREAM_TTL_SECONDS)
      if (lost.length) multi.srem(channelsKey(requested), ...lost)
      await multi.exec()
      return requested
    }
  }
  const id = newId()
  await redis.set(ownerKey(id), JSON.stringify(owner), 'EX', STREAM_TTL_SECONDS)
  return id
}

export async function streamOwner(stream: string): Promise<StreamOwner | null> {
  if (typeof stream !== 'string' || stream.length > 64) return null
  const raw = await redis.get(ownerKey(stream))
  return raw ? JSON.parse(raw) : null
}

export async function issueTicket(stream: string, owner: StreamOwner) {
  const ticket = newId()
  await redis.set(ticketKey(ticket), JSON.stringify({ stream, owner }), 'EX', TICKET_TTL_SECONDS)
  return { ticket, expiresAt: new Date(Date.now() + TICKET_TTL_SECONDS * 1000).toISOString() }
}

/** Takes a ticket: it works once (GETDEL is atomic, so two racing requests cannot both win). */
export async function redeemTicket(
  ticket: unknown
): Promise<{ stream: string; owner: StreamOwner } | null> {
  if (typeof ticket !== 'string' || !/^[A-Za-z0-9_-]{24}$/.test(ticket)) return null
  const raw = await redis.getdel(ticketKey(ticket))
  return raw ? JSON.parse(raw) : null
}

export async function streamChannels(stream: string): Promise<string[]> {
  return redis.smembers(channelsKey(stream))
}

export async function addStreamChannel(stream: string, channel: string) {
  await redis
    .multi()
    .sadd(channelsKey(stream), channel)
    .expire(channelsKey(stream), STREAM_TTL_SECONDS)
    .exec()
}

export async function removeStreamChannel(stream: string, channel: string) {
  await redis.srem(channelsKey(stream), channel)
}
