import type Member from '#models/member'

/** API shape: ids as strings, ISO-8601 UTC times, nothing internal. */
export const MemberTransformer = {
  transform: (m: Member) => ({
    id: m.id,
    workspaceId: m.workspaceId,
    externalId: m.externalId,
    name: m.name,
    email: m.email,
    avatarUrl: m.avatarUrl,
    role: m.role,
    lastSeenAt: m.lastSeenAt?.toUTC().toISO() ?? null,
    createdAt: m.createdAt.toUTC().toISO(),
  }),
}
