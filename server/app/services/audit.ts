import { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditEvent, { type ActorType } from '#models/audit_event'

export interface AuditEntry {
  tenantId: string
  workspaceId?: string | null
  action: string
  actor: { type: ActorType; id?: string | null }
  target?: { type: string; id: string }
  data?: Record<string, unknown>
}

/** Records a change in the same transaction as the change itself, so neither exists alone. */
export async function audit(trx: TransactionClientContract, entry: AuditEntry) {
  return AuditEvent.create(
    {
      tenantId: entry.tenantId,
      workspaceId: entry.workspaceId ?? null,
      action: entry.action,
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      data: entry.data ?? {},
      requestId: HttpContext.get()?.request.id() ?? null,
    },
    { client: trx }
  )
}
