import type { HttpContext } from '@adonisjs/core/http'
import Message from '#models/message'
import { ApiError } from '#exceptions/api_error'
import { InboxPolicy } from '#policies/inbox_policy'
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
import { paginate } from '#services/pagination'
import { attachmentsOf } from '#services/attachments'
import type { SessionTenancy } from '#services/tenancy'
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
  async index({ params, request, tenancy }: HttpContext) {
    const session = tenancy as SessionTenancy
    InboxPolicy.read(session)
    const conversation = await findConversation(session, params.id)
    const page = await validateQuery(request, listMessagesValidator)
    const query = Message.query({ client: session.trx })
      .where('tenant_id', session.tenantId)
      .where('conversation_id', conversation.id)
    const { data, nextCursor } = await paginate(query, page)
    const attachments = await attachmentsOf(
      session.trx,
      session.tenantId,
      data.map((m) => m.id)
    )
    return {
      data: data.map((m) => MessageTransformer.transform(m, attachments.get(m.id))),
      nextCursor,
    }
  }

  async store({ params, request, response, tenancy }: HttpContext) {
    const session = tenancy as SessionTenancy
    InboxPolicy.write(session)
    const conversation = await findConversation(session, params.id)
    const payload = await validateBody(request, sendMessageValidator)
    const idempotencyKey = payload.idempotencyKey ?? request.header('idempotency-key') ?? undefined
    if (
      idempotencyKey !== undefined &&
      (idempotencyKey.length === 0 || idempotencyKey.length > 100)
    ) {
      throw ApiError.validation([{ field: 'idempotencyKey', message: 'Use 1 to 100 characters' }])
    }
    const { message, attachments, created } = await sendMessage(session, conversation, {
      ...payload,
      idempotencyKey,
    })
    return response
      .status(created ? 201 : 200)
      .json(MessageTransformer.transform(message, attachments))
  }

  async read({ params, request, response, tenancy }: HttpContext) {
    const session = tenancy as SessionTenancy
    InboxPolicy.read(session)
    const conversation = await findConversation(session, params.id)
    const { upTo } = await validateBody(request, readValidator)
    await markRead(session, conversation, upTo)
    return response.noContent()
  }

  async typing({ params, response, tenancy }: HttpContext) {
    const session = tenancy as SessionTenancy
    InboxPolicy.write(session)
    const conversation = await findConversation(session, params.id)
    await announceTyping(session, conversation)
    return response.noContent()
  }

  async update({ params, request, tenancy }: HttpContext) {
    const session = tenancy as SessionTenancy
    InboxPolicy.write(session)
    const conversation = await findConversation(session, params.id)
    const message = await findMessage(session, conversation, params.messageId)
    const { body } = await validateBody(request, editMessageValidator)
    return editMessage(session, conversation, message, body)
  }

  async destroy({ params, response, tenancy }: HttpContext) {
    const session = tenancy as SessionTenancy
    InboxPolicy.write(session)
    const conversation = await findConversation(session, params.id)
    const message = await findMessage(session, conversation, params.messageId)
    await deleteMessage(session, conversation, message)
    return response.noContent()
  }

  async revisions({ params, tenancy }: HttpContext) {
    const session = tenancy as SessionTenancy
    InboxPolicy.read(session)
    const conversation = await findConversation(session, params.id)
    const message = await findMessage(session, conversation, params.messageId)
    return { data: await messageRevisions(session, message) }
  }
}
