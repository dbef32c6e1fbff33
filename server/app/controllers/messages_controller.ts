import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import InboxPolicy from '#policies/inbox_policy'
import MessagePolicy from '#policies/message_policy'
import { findConversation } from '#services/inbox/conversations'
import {
  announceTyping,
  deleteMessage,
  editMessage,
  findMessage,
  messageRevisions,
  sendMessage,
} from '#services/inbox/messages'
import { markRead } from '#services/inbox/read_marks'
import { conversationFirst, listMessages } from '#services/inbox/thread'
import { MessageTransformer } from '#transformers/inbox_transformers'
import { validateBody, validateQuery } from '#validators/strict'
import {
  editMessageValidator,
  listMessagesValidator,
  readValidator,
  sendMessageValidator,
} from '#validators/inbox'

/** A conversation's thread: read it (newest first), write to it, mark it read, say you are typing. */
export default class MessagesController {
  async index({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const page = await validateQuery(request, listMessagesValidator).catch((error) =>
      conversationFirst(member, params.id, error)
    )
    return listMessages(member, params.id, page)
  }

  async store({ params, request, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('write')
    const conversation = await findConversation(member, params.id)
    const payload = await validateBody(request, sendMessageValidator)
    const idempotencyKey = payload.idempotencyKey ?? request.header('idempotency-key') ?? undefined
    if (
      idempotencyKey !== undefined &&
      (idempotencyKey.length === 0 || idempotencyKey.length > 100)
    ) {
      throw ApiError.validation([{ field: 'idempotencyKey', message: 'Use 1 to 100 characters' }])
    }
    const { message, attachments, created } = await sendMessage(member, conversation, {
      ...payload,
      idempotencyKey,
    })
    return response
      .status(created ? 201 : 200)
      .json(MessageTransformer.transform(message, attachments))
  }

  async read({ params, request, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const conversation = await findConversation(member, params.id)
    const { upTo } = await validateBody(request, readValidator)
    await markRead(member, conversation, upTo)
    return response.noContent()
  }

  async typing({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('write')
    const conversation = await findConversation(member, params.id)
    await announceTyping(member, conversation)
    return response.noContent()
  }

  async update({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('write')
    const conversation = await findConversation(member, params.id)
    const message = await findMessage(member, conversation, params.messageId)
    await bouncer.with(MessagePolicy).authorize('change', message)
    const { body } = await validateBody(request, editMessageValidator)
    return editMessage(member, conversation, message, body)
  }

  async destroy({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('write')
    const conversation = await findConversation(member, params.id)
    const message = await findMessage(member, conversation, params.messageId)
    await bouncer.with(MessagePolicy).authorize('change', message)
    await deleteMessage(member, conversation, message)
    return response.noContent()
  }

  async revisions({ params, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const conversation = await findConversation(member, params.id)
    const message = await findMessage(member, conversation, params.messageId)
    await bouncer.with(MessagePolicy).authorize('history', message)
    return { data: await messageRevisions(member, message) }
  }
}
