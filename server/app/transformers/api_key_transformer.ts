import type ApiKey from '#models/api_key'

/** API shape: ids as strings, ISO-8601 UTC times, nothing internal. */
export const ApiKeyTransformer = {
  transform: (k: ApiKey) => ({
    id: k.id,
    type: k.type,
    label: k.label,
    lastFour: k.lastFour,
    lastUsedAt: k.lastUsedAt?.toUTC().toISO() ?? null,
    revokedAt: k.revokedAt?.toUTC().toISO() ?? null,
    createdAt: k.createdAt.toUTC().toISO(),
  }),
}
