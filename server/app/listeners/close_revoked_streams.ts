import type { EventsList } from '@adonisjs/core/types'
import { broadcast } from '#services/realtime/bus'

/**
 * Rights taken away reach open event streams on every instance within a moment: a revoked key's
 * or a suspended tenant's streams close, a member whose role changed reconnects with a session of
 * the new role, and one whose widgets were narrowed loses the other widgets' channels. Requests
 * already refuse those sessions (session_token_middleware); this ends what they had open.
 */
export default class CloseRevokedStreams {
  async handle(event: EventsList['access:changed']) {
    const { tenantId, workspaceId, memberId, keyId, widgets } = event
    await broadcast({ kind: 'access', change: { tenantId, workspaceId, memberId, keyId, widgets } })
  }
}
