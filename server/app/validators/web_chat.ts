import vine from '@vinejs/vine'
import { CHAT_PRE_CHAT, CHAT_REPLY_TIMES } from '#models/workspace'
import { cursor, displayName, externalId, notBlank, pageLimit } from '#validators/rules'
import { campaignOptOutSettings } from '#validators/campaign_opt_out'

const body = () => vine.string().trim().maxLength(10_000).optional()
const attachmentIds = () => vine.array(vine.string().uuid()).maxLength(10).distinct().optional()
const email = () => vine.string().trim().email().maxLength(254)

/** An IANA time zone the runtime knows (`Europe/Lisbon`; its aliases too). */
const ianaTimeZone = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  try {
    // Offsets (`+01:00`) are valid time zones to Intl, but say nothing of a place.
    if (!/^[A-Za-z]/.test(value)) throw new RangeError(value)
    field.mutate(
      new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone,
      field
    )
  } catch {
    field.report(
      'The {{ field }} field must be an IANA time zone (e.g. Europe/Lisbon)',
      'timeZone',
      field
    )
  }
})

/** A BCP 47 language tag (`pt-BR`), canonicalised. */
const languageTag = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  try {
    field.mutate(Intl.getCanonicalLocales(value)[0], field)
  } catch {
    field.report('The {{ field }} field must be a language tag (e.g. pt-BR)', 'language', field)
  }
})

/**
 * What the chat reports of the visitor's browser: the parts the User-Agent does not say. The
 * place is derived from the time zone; the page keeps no query string or fragment.
 */
const visitorContext = () =>
  vine
    .object({
      timeZone: vine.string().trim().maxLength(64).use(ianaTimeZone()).optional(),
      language: vine.string().trim().maxLength(35).use(languageTag()).optional(),
      page: vine
        .string()
        .trim()
        .maxLength(2048)
        .url({ protocols: ['http', 'https'], require_tld: false })
        .optional(),
    })
    .optional()

/** POST /v1/chat/visitors (publishable key) */
export const startVisitorValidator = vine.create(
  vine.object({
    workspace: externalId(),
    /** The token a returning visitor's widget kept; a new visitor is made without it. */
    visitorToken: vine.string().trim().maxLength(200).optional(),
    name: displayName().optional(),
    email: email().optional(),
    visitor: visitorContext(),
  })
)

/** POST /v1/chat/sessions (secret key): one of the host's signed-in users. */
export const startContactSessionValidator = vine.create(
  vine.object({
    workspace: vine.object({ id: externalId() }),
    contact: vine.object({
      id: externalId(),
      name: displayName().optional(),
      email: vine.string().trim().email().maxLength(254).optional(),
    }),
    ttlSeconds: vine.number({ strict: true }).withoutDecimals().range([60, 86_400]).optional(),
  })
)

export const chatConversationValidator = vine.create(
  vine.object({
    subject: vine.string().trim().maxLength(300).optional(),
    body: body(),
    attachmentIds: attachmentIds(),
    /** The browser and page of the conversation's start (signed-in users have no arrival). */
    visitor: visitorContext(),
  })
)

/**
 * PATCH /v1/chat/contact: what the visitor tells about themself (pre-chat form, email prompt).
 * Nothing told is taken back, so a blank name or email (null once the body parser has it) is
 * refused rather than answered 200 with the old one.
 */
export const chatContactValidator = vine.create(
  vine.object({
    name: displayName().use(notBlank()).optional(),
    email: email().use(notBlank()).optional(),
  })
)

export const chatMessageValidator = vine.create(
  vine.object({
    body: body(),
    attachmentIds: attachmentIds(),
    idempotencyKey: vine.string().trim().minLength(1).maxLength(100).optional(),
  })
)

export const chatPageValidator = vine.create(vine.object({ limit: pageLimit(), cursor: cursor() }))

/**
 * PATCH /v1/workspaces/:id (secret key). A blank name, reply time, pre-chat question or status
 * arrives as null (the body parser), which optional() would take as left out: notBlank refuses it.
 */
export const updateWorkspaceValidator = vine.create(
  vine.object({
    name: displayName().use(notBlank()).optional(),
    webChat: vine
      .object({
        /** Anonymous visitors may chat. */
        enabled: vine.boolean({ strict: true }).optional(),
        /** The name visitors see; null: the workspace's name. */
        teamName: vine.string().trim().minLength(1).maxLength(80).nullable().optional(),
        replyTime: vine.enum(CHAT_REPLY_TIMES).use(notBlank()).optional(),
        preChat: vine
          .object({
            ask: vine.enum(CHAT_PRE_CHAT).use(notBlank()).optional(),
            required: vine.boolean({ strict: true }).optional(),
          })
          .optional(),
        /** Seconds without a reply before the chat asks for an email; null: never. */
        emailCaptureSeconds: vine
          .number({ strict: true })
          .withoutDecimals()
          .range([30, 86_400])
          .nullable()
          .optional(),
      })
      .optional(),
    /** Opt-out and opt-in words of campaigns, and the confirmations (validators/campaign_opt_out.ts). */
    campaignOptOut: campaignOptOutSettings(),
    /** `suspended` refuses the workspace's sessions, visitors and streams until `active` again. */
    status: vine
      .enum(['active', 'suspended'] as const)
      .use(notBlank())
      .optional(),
    /** The console's alias of `status`: true is `suspended`, false `active`. */
    suspended: vine.boolean({ strict: true }).optional(),
    /** Minutes of transcription a month; null returns to the tenant's default. */
    transcriptionMinutesQuota: vine
      .number({ strict: true })
      .withoutDecimals()
      .range([0, 1_000_000])
      .nullable()
      .optional(),
  })
)
