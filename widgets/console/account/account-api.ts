import { consoleFetch } from '../api.js'

/**
 * The account pages' calls (API.md "Console"), typed: the signed-in user, their sessions and
 * two-step sign-in, and the tenant's console users.
 */

export type ConsoleRole = 'owner' | 'admin' | 'developer' | 'support'
export const ROLES: readonly ConsoleRole[] = ['owner', 'admin', 'developer', 'support']

export interface ConsoleUser {
  id: string
  email: string
  name: string | null
  role: ConsoleRole
  totpEnabled: boolean
  lastSignInAt: string | null
  createdAt: string
}

export interface AccountMe {
  user: ConsoleUser
  tenant?: { id: string; name: string }
}

export interface ConsoleSession {
  id: string
  createdAt: string | null
  lastSeenAt: string | null
  ip: string | null
  userAgent: string | null
  current: boolean
}

export interface PendingInvitation {
  id: string
  email: string
  role: ConsoleRole
  expiresAt: string
}

const id = (value: string) => encodeURIComponent(value)

export const accountApi = {
  me: () => consoleFetch<AccountMe>('/v1/console/me'),
  sessions: () => consoleFetch<{ data: ConsoleSession[] }>('/v1/console/sessions'),
  revokeSession: (sessionId: string) =>
    consoleFetch<void>(`/v1/console/sessions/${id(sessionId)}`, { method: 'DELETE' }),
  startTotp: () =>
    consoleFetch<{ otpauthUrl: string; secret: string }>('/v1/console/totp', { method: 'POST' }),
  verifyTotp: (code: string) =>
    consoleFetch<{ recoveryCodes: string[] }>('/v1/console/totp/verify', {
      method: 'POST',
      body: { code },
    }),
  disableTotp: (code: string) =>
    consoleFetch<void>('/v1/console/totp', { method: 'DELETE', body: { code } }),
  users: () =>
    consoleFetch<{ data: ConsoleUser[]; invitations?: PendingInvitation[] }>('/v1/console/users'),
  invite: (email: string, role: ConsoleRole) =>
    consoleFetch<{ invitation: PendingInvitation; link: string }>('/v1/console/users', {
      method: 'POST',
      body: { email, role },
    }),
  changeRole: (userId: string, role: ConsoleRole) =>
    consoleFetch<{ user: ConsoleUser }>(`/v1/console/users/${id(userId)}`, {
      method: 'PATCH',
      body: { role },
    }),
  removeUser: (userId: string) =>
    consoleFetch<void>(`/v1/console/users/${id(userId)}`, { method: 'DELETE' }),
  cancelInvitation: (invitationId: string) =>
    consoleFetch<void>(`/v1/console/invitations/${id(invitationId)}`, { method: 'DELETE' }),
}
