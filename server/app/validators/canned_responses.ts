import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { cursor, notBlank, pageLimit } from '#validators/rules'

export const SHORTCUT = /^[a-z0-9][a-z0-9_-]{0,39}$/
const shortcut = () => vine.string().trim().toLowerCase().regex(SHORTCUT)
const body = () => vine.string().trim().minLength(1).maxLength(10_000)

/** Words a person can act on (the inbox shows them beside the field). */
const messages = new SimpleMessagesProvider({
  'required': 'The {{ field }} is required',
  'shortcut.regex':
    'Use 1 to 40 letters, digits, - or _, without spaces, starting with a letter or a digit',
  'body.required': 'Write the text of the response',
  'body.minLength': 'Write the text of the response',
  'body.maxLength': 'The text can be at most {{ max }} characters',
  'body.notBlank': 'Write the text of the response',
})

export const createCannedResponseValidator = vine.create(
  vine.object({ shortcut: shortcut(), body: body() })
)
createCannedResponseValidator.messagesProvider = messages

export const updateCannedResponseValidator = vine.create(
  vine.object({
    shortcut: shortcut().use(notBlank()).optional(),
    body: body().use(notBlank()).optional(),
  })
)
updateCannedResponseValidator.messagesProvider = messages

/**
 * `?prefix=` completes `/shortcut` in the composer; `?q=` finds words in the shortcut or the text
 * (the inbox's settings); `?limit=&cursor=` pages through them by shortcut.
 */
export const listCannedResponsesValidator = vine.create(
  vine.object({
    prefix: vine.string().trim().toLowerCase().maxLength(40).optional(),
    q: vine.string().trim().maxLength(200).optional(),
    limit: pageLimit(),
    cursor: cursor(),
  })
)
