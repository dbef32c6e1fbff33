import vine from '@vinejs/vine'
import { normalizeKeyword } from '#services/campaigns/opt_out'

/** A word as inbound messages are compared with it: it must keep a letter or digit once normalised. */
const keyword = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const normalized = normalizeKeyword(value)
  if (!/[\p{L}\p{N}]/u.test(normalized)) {
    field.report('The {{ field }} field must be a word (letters or digits)', 'keyword', field)
    return
  }
  field.mutate(normalized, field)
})

const words = () =>
  vine
    .array(vine.string().trim().minLength(1).maxLength(40).use(keyword()))
    .maxLength(20)
    .distinct()
    .optional()

const reply = () => vine.string().trim().minLength(1).maxLength(500).nullable().optional()

/**
 * `campaignOptOut` of PATCH /v1/workspaces/:id: whether opt-out and opt-in words are acted on,
 * the workspace's own words (added to the built-in ones, or replacing them), and its confirmation
 * texts (null: the built-in one in the contact's language).
 */
export const campaignOptOutSettings = () =>
  vine
    .object({
      enabled: vine.boolean({ strict: true }).optional(),
      optOutWords: words(),
      optInWords: words(),
      replaceDefaults: vine.boolean({ strict: true }).optional(),
      optOutReply: reply(),
      optInReply: reply(),
    })
    .optional()
