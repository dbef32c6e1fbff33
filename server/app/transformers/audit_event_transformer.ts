import type AuditEvent from '#models/audit_event'

/** API shape: ids as strings, ISO-8601 UTC times, nothing internal. */
export const AuditEventTransformer = {
  transform: (e: AuditEvent) => ({
    id: e.id,
    action: e.action,
    workspaceId: e.workspaceId,
    actor: { type: e.actorType, id: e.actorId },
    target: e.targetType ? { type: e.targetType, id: e.targetId } : null,
    data: e.data,
    requestId: e.requestId,
    createdAt: e.createdAt.toUTC().toISO(),
  }),
}
