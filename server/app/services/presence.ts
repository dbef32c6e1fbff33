import redis from '@adonisjs/redis/services/main'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'

/**
 * Member presence: each open inbox reports `online` or `away` every HEARTBEAT_SECONDS; a member
 * not heard from for STALE_AFTER_SECONDS is `offline`. Kept in one Redis hash per workspace (no
 * database writes on a heartbeat); a change is published as `presence` on the inbox channel.
 */
export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number]

export const HEARTBEAT_SECONDS = 30
const STALE_AFTER_SECONDS = HEARTBEAT_SECONDS * 3

interface Scope {
  tenantId: string
  workspaceId: string
}

const key = (s: Scope) => `parley:presence:${s.tenantId}:${s.workspaceId}`

function current(raw: string | undefined, now: number): { status: PresenceStatus; at: number } {
  if (!raw) return { status: 'offline', at: 0 }
  const entry = JSON.parse(raw) as { status: PresenceStatus; at: number }
  return now - entry.at > STALE_AFTER_SECONDS * 1000 ? { ...entry, status: 'offline' } : entry
}

/** Records a member's heartbeat; announces it when the status others see changes. */
export async function reportPresence(
  scope: Scope,
  memberId: string,
  status: PresenceStatus,
  now = Date.now()
) {
  const [previous] = await redis
    .multi()
    .hget(key(scope), memberId)
    .hset(key(scope), memberId, JSON.stringify({ status, at: now }))
    // The hash outlives its members' sessions by a day; stale fields read as offline.
    .expire(key(scope), 86_400)
    .exec()
    .then((results) => results!.map(([, value]) => value as string | undefined))
  if (current(previous, now).status !== status) {
    await publish(channelNames.inbox(scope.tenantId, scope.workspaceId), 'presence', {
      memberId,
      status,
      at: new Date(now).toISOString(),
    })
  }
}

/** Everyone of the workspace who has reported, with what others should show. */
export async function workspacePresence(scope: Scope, now = Date.now()) {
  const all = await redis.hgetall(key(scope))
  return Object.entries(all).map(([memberId, raw]) => {
    const { status, at } = current(raw, now)
    return { memberId, status, lastSeenAt: new Date(at).toISOString() }
  })
}
