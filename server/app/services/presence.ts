import redis from '@adonisjs/redis/services/main'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'

/**
 * Member presence. Every open widget of a member is a client (its own id) that reports `online`
 * (visible and in use), `away` (hidden, or idle for AWAY_AFTER_SECONDS) or `offline` (closed)
 * every HEARTBEAT_SECONDS; a client not heard from for STALE_AFTER_SECONDS is gone. A member is
 * what their best client is: online in one tab and away in another is online. Kept in one Redis
 * hash per workspace (no database write on a heartbeat); what others see is announced as
 * `presence` on the inbox channel when it changes, including members whose last client went
 * silent (noticed on anyone's next heartbeat in the workspace).
 */
export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number]

export const HEARTBEAT_SECONDS = 30
export const STALE_AFTER_SECONDS = HEARTBEAT_SECONDS * 3
/** No input for this long and a visible widget reports `away` (the widget reads it from GET). */
export const AWAY_AFTER_SECONDS = 5 * 60

/** Clients that report without an id share this one (one client per member, as before). */
const DEFAULT_CLIENT = 'default'

interface Scope {
  tenantId: string
  workspaceId: string
}

const key = (s: Scope) => `parley:presence:${s.tenantId}:${s.workspaceId}`

/**
 * Fields: `<memberId>:<clientId>` → `<status>:<ms>` per client, `@<memberId>` → `<status>:<ms>`
 * as last announced (with when the member was last heard from), and `!<memberId>:<clientId>` →
 * `<ms>` for a client that said it closed: a heartbeat it sent just before (overtaken by its
 * `offline`, sent as the page went away) must not bring it back. In one script, so that two
 * tabs reporting at once, or two instances sweeping, announce a change once.
 */
const REPORT = `
local key = KEYS[1]
local member, client, status = ARGV[1], ARGV[2], ARGV[3]
local now, stale, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local field = member .. ':' .. client
local tomb = '!' .. field
local gone = tonumber(redis.call('HGET', key, tomb))
if status == 'offline' then
  redis.call('HDEL', key, field)
  redis.call('HSET', key, tomb, ARGV[4])
elseif gone == nil or now - gone > stale then
  redis.call('HSET', key, field, status .. ':' .. ARGV[4])
end
local rank = { away = 1, online = 2 }
local names = { 'away', 'online' }
local best, seen, announced, dead = {}, {}, {}, {}
local all = redis.call('HGETALL', key)
for i = 1, #all, 2 do
  local f, v = all[i], all[i + 1]
  local first = string.sub(f, 1, 1)
  if first == '@' then
    announced[string.sub(f, 2)] = v
  elseif first == '!' then
    if now - tonumber(v) > stale then table.insert(dead, f) end
  else
    local m = string.match(f, '^([^:]+):')
    local s, at = string.match(v, '^(%a+):(%d+)$')
    at = tonumber(at)
    if m and at and (seen[m] == nil or seen[m] < at) then seen[m] = at end
    if m and rank[s] and now - at <= stale then
      if (best[m] or 0) < rank[s] then best[m] = rank[s] end
    else
      table.insert(dead, f)
    end
  end
end
for _, f in ipairs(dead) do redis.call('HDEL', key, f) end
if status == 'offline' and seen[member] == nil then seen[member] = now end
local changes = {}
local function settle(m, s)
  local before = announced[m]
  local at = seen[m] or tonumber(before and string.match(before, ':(%d+)$')) or now
  redis.call('HSET', key, '@' .. m, s .. ':' .. string.format('%d', at))
  if before == nil or string.match(before, '^(%a+):') ~= s then
    table.insert(changes, m)
    table.insert(changes, s)
    table.insert(changes, string.format('%d', at))
  end
end
for m, r in pairs(best) do settle(m, names[r]) end
for m, v in pairs(announced) do
  if best[m] == nil and (string.match(v, '^(%a+):') ~= 'offline' or seen[m]) then
    settle(m, 'offline')
  end
end
if best[member] == nil and announced[member] == nil then settle(member, 'offline') end
redis.call('EXPIRE', key, ttl)
return changes
`

/**
 * Records one client's heartbeat (`offline`: that client closed) and announces every member
 * whose status, as others see it, changed. Returns the reporting member's status.
 */
export async function reportPresence(
  scope: Scope,
  memberId: string,
  status: PresenceStatus,
  clientId: string = DEFAULT_CLIENT,
  now = Date.now()
) {
  const changes = (await redis.eval(
    REPORT,
    1,
    key(scope),
    memberId,
    clientId,
    status,
    String(now),
    String(STALE_AFTER_SECONDS * 1000),
    // The hash outlives its members' sessions by a day.
    String(86_400)
  )) as string[]
  for (let i = 0; i < changes.length; i += 3) {
    await publish(channelNames.inbox(scope.tenantId, scope.workspaceId), 'presence', {
      memberId: changes[i],
      status: changes[i + 1],
      at: new Date(Number(changes[i + 2])).toISOString(),
    })
  }
  const everyone = await workspacePresence(scope, now)
  return everyone.find((p) => p.memberId === memberId)!
}

/** Everyone of the workspace who has reported, with what others should show. */
export async function workspacePresence(scope: Scope, now = Date.now()) {
  const all = await redis.hgetall(key(scope))
  const members = new Map<string, { status: PresenceStatus; at: number }>()
  const rank = { offline: 0, away: 1, online: 2 } as const
  for (const [field, value] of Object.entries(all)) {
    if (field.startsWith('!')) continue
    const [status, at] = [value.slice(0, value.indexOf(':')), Number(value.split(':').at(-1))]
    if (!PRESENCE_STATUSES.includes(status as PresenceStatus) || !Number.isFinite(at)) continue
    const memberId = field.startsWith('@') ? field.slice(1) : field.split(':')[0]
    // A member is their best live client; announced entries only say when they were last seen.
    const live = !field.startsWith('@') && now - at <= STALE_AFTER_SECONDS * 1000
    const entry = members.get(memberId) ?? { status: 'offline' as PresenceStatus, at: 0 }
    if (live && rank[status as PresenceStatus] > rank[entry.status])
      entry.status = status as PresenceStatus
    entry.at = Math.max(entry.at, at)
    members.set(memberId, entry)
  }
  return [...members].map(([memberId, { status, at }]) => ({
    memberId,
    status,
    lastSeenAt: new Date(at).toISOString(),
  }))
}
