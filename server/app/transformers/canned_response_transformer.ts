import type CannedResponse from '#models/canned_response'
import { iso } from '#transformers/time'

/** API shape of a canned response. */
export const CannedResponseTransformer = {
  transform: (c: CannedResponse) => ({
    id: c.id,
    shortcut: c.shortcut,
    body: c.body,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  }),
}
