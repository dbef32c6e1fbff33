import vine from '@vinejs/vine'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { CHANNELS, PRIORITIES, STATUSES } from '#models/conversation'
import { MESSAGE_TYPES } from '#models/message'
import { cursor, displayName, instant, notBlank, pageLimit } from '#validators/rules'

/** A phone number in international format, stored as E.164 (+5511987654321). */
const e164 = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const parsed = parsePhoneNumberFromString(value)
  if (!parsed?.isValid()) {
    field.report(
      'The {{ field }} field must be a valid phone number in international format (+…)',
      'phone',
      field
    )
    return
  }
  field.mutate(parsed.number, field)
})

const phone = () => vine.string().trim().maxLength(32).use(e164())
const email = () => vine.string().trim().email().maxLength(254)
const uuid = () => vine.string().uuid()
const tag = () => vine.string().trim().minLength(1).maxLength(40)
const body = () => vine.string().trim().minLength(1).maxLength(10_000)

const avatarUrl = () =>
  vine
    .string()
    .url({ protocols: ['https'] })
    .maxLength(2048)

const contactFields = () => ({
  name: displayName().optional(),
  phone: phone().optional(),
  email: email().optional(),
  avatarUrl: avatarUrl().optional(),
  attributes: vine.record(vine.string().maxLength(500)).optional(),
  tags: vine.array(tag()).maxLength(20).distinct().optional(),
  blocked: vine.boolean({ strict: true }).optional(),
})

export const createContactValidator = vine.create(vine.object(contactFields()))

export const updateContactValidator = vine.create(
  vine.object({
    ...contactFields(),
    /**
     * null (or blank: the body parser trims strings and turns '' into null) clears them; a contact
     * may have none. Merely optional, the null was taken as left out and the old value kept.
     */
    name: displayName().nullable().optional(),
    phone: phone().nullable().optional(),
    email: email().nullable().optional(),
    avatarUrl: avatarUrl().nullable().optional(),
    /** Campaigns skip them (true keeps the first opt-out's time; false clears it). */
    optedOut: vine.boolean({ strict: true }).optional(),
  })
)

export const listContactsValidator = vine.create(
  vine.object({
    q: vine.string().trim().minLength(1).maxLength(200).optional(),
    limit: pageLimit(),
    cursor: cursor(),
  })
)

export const createConversationValidator = vine.create(
  vine.object({
    contact: vine
      .object({
        id: uuid().optional(),
        name: displayName().optional(),
        phone: phone().optional(),
        email: email().optional(),
      })
      .optional(),
    channel: vine.enum(CHANNELS),
    /** For `whatsapp`: the number to write from (default: the workspace's only open one). */
    whatsappNumberId: uuid().optional(),
    subject: vine.string().trim().maxLength(300).optional(),
    body: body(),
  })
)

export const updateConversationValidator = vine.create(
  vine.object({
    // A blank status or priority arrives as null (the body parser), which optional() would take
    // as left out: notBlank refuses it.
    status: vine.enum(STATUSES).use(notBlank()).optional(),
    priority: vine.enum(PRIORITIES).use(notBlank()).optional(),
    assigneeId: uuid().nullable().optional(),
    tags: vine.array(tag()).maxLength(20).distinct().optional(),
    // Checked against the clock in the service: vine's `after` compares whole days.
    snoozedUntil: instant().nullable().optional(),
  })
)

export const listConversationsValidator = vine.create(
  vine.object({
    status: vine.enum(STATUSES).optional(),
    assignee: vine.string().trim().maxLength(36).optional(),
    channel: vine.enum(CHANNELS).optional(),
    priority: vine.enum(PRIORITIES).optional(),
    tag: tag().optional(),
    /** One contact's conversations (a host page showing one customer's history). */
    contact: uuid().optional(),
    unread: vine.enum(['true', 'false']).optional(),
    q: vine.string().trim().minLength(1).maxLength(200).optional(),
    limit: pageLimit(),
    cursor: cursor(),
  })
)

export const sendMessageValidator = vine.create(
  vine.object({
    /** Optional when the message carries attachments. */
    body: vine.string().trim().maxLength(10_000).optional(),
    /** Uploads (POST /v1/attachments) to send with the message, in order. */
    attachmentIds: vine.array(uuid()).maxLength(10).distinct().optional(),
    type: vine.enum(MESSAGE_TYPES).optional(),
    idempotencyKey: vine.string().trim().minLength(1).maxLength(100).optional(),
    /** Members to notify (ids of the workspace's members), typically in a note. */
    mentions: vine.array(uuid()).maxLength(20).distinct().optional(),
  })
)

export const listMessagesValidator = vine.create(
  vine.object({ limit: pageLimit(), cursor: cursor() })
)

export const readValidator = vine.create(vine.object({ upTo: uuid() }))

export const editMessageValidator = vine.create(vine.object({ body: body() }))

/** POST /v1/conversations/bulk: one change to up to 500 conversations. */
export const bulkConversationsValidator = vine.create(
  vine.object({
    ids: vine.array(uuid()).minLength(1).maxLength(500).distinct(),
    status: vine
      .enum(STATUSES.filter((s) => s !== 'snoozed'))
      .use(notBlank())
      .optional(),
    assigneeId: uuid().nullable().optional(),
    addTags: vine.array(tag()).maxLength(20).distinct().optional(),
    removeTags: vine.array(tag()).maxLength(20).distinct().optional(),
  })
)
