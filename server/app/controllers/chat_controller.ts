import type { HttpContext } from '@adonisjs/core/http'
import Conversation from '#models/conversation'
import Message from '#models/message'
import { attachmentsOf, maxAttachmentBytes, storeUpload } from '#services/attachments'
import { readMultipartFile } from '#services/uploads'
import { openConversation } from '#services/inbox/conversations'
import { announceTyping, sendMessage } from '#services/inbox/messages'
import { paginate } from '#services/pagination'
import {
  findChatConversation,
  markReadByVisitor,
  reopenForVisitor,
  startContactSession,
  startVisitor,
} from '#services/web_chat'
import {
  AttachmentTransformer,
  ChatConversationTransformer,
  MessageTransformer,
} from '#transformers/inbox_transformers'
import { readValidator } from '#validators/inbox'
import { validateBody, validateQuery } from '#validators/strict'
import {
  chatConversationValidator,
  chatMessageValidator,
  chatPageValidator,
  startContactSessionValidator,
  startVisitorValidator,
} from '#validators/web_chat'
import Contact from '#models/contact'
import { ApiError } from '#exceptions/api_error'

/**
 * Web chat, the visitor's side of the inbox: a person on the host's page talks to the workspace.
 * Visitors see their own web conversations and the workspace's replies, never notes, assignees
 * or tags.
 */
export default class ChatController {
  /** POST /v1/chat/visitors (publishable key): an anonymous visitor arrives or returns. */
  async visitor({ request, response, publicTenant }: HttpContext) {
    const payload = await validateBody(request, startVisitorValidator)
    return response.created(await startVisitor(publicTenant, payload))
  }

  /** POST /v1/chat/sessions (secret key): one of the host's signed-in users. */
  async session({ request, response, tenancy }: HttpContext) {
    const payload = await validateBody(request, startContactSessionValidator)
    return response.created(await startContactSession(tenancy, payload))
  }

  async conversations({ request, visitor }: HttpContext) {
    const page = await validateQuery(request, chatPageValidator)
    const query = Conversation.query({ client: visitor.trx })
      .where('tenant_id', visitor.tenantId)
      .where('workspace_id', visitor.workspaceId)
      .where('contact_id', visitor.contactId)
      .where('channel', 'web')
    const { data, nextCursor } = await paginate(query, page)
    return { data: data.map(ChatConversationTransformer.transform), nextCursor }
  }

  async start({ request, response, visitor }: HttpContext) {
    const payload = await validateBody(request, chatConversationValidator)
    if (!payload.body && !payload.attachmentIds?.length) {
      throw ApiError.validation([{ field: 'body', message: 'Write something or attach a file' }])
    }
    const contact = await Contact.query({ client: visitor.trx })
      .where('tenant_id', visitor.tenantId)
      .where('id', visitor.contactId)
      .firstOrFail()
    const { conversation, message, attachments } = await openConversation(visitor, {
      contact,
      channel: 'web',
      ...payload,
    })
    return response.created({
      ...ChatConversationTransformer.transform(conversation),
      message: MessageTransformer.transform(message, attachments),
    })
  }

  async messages({ params, request, visitor }: HttpContext) {
    const conversation = await findChatConversation(visitor, params.id)
    const page = await validateQuery(request, chatPageValidator)
    const query = Message.query({ client: visitor.trx })
      .where('tenant_id', visitor.tenantId)
      .where('conversation_id', conversation.id)
      .whereNot('type', 'note')
    const { data, nextCursor } = await paginate(query, page)
    const attachments = await attachmentsOf(
      visitor.trx,
      visitor.tenantId,
      data.map((m) => m.id)
    )
    return {
      data: data.map((m) => MessageTransformer.transform(m, attachments.get(m.id))),
      nextCursor,
    }
  }

  async send({ params, request, response, visitor }: HttpContext) {
    const conversation = await findChatConversation(visitor, params.id)
    const payload = await validateBody(request, chatMessageValidator)
    await reopenForVisitor(visitor, conversation)
    const { message, attachments, created } = await sendMessage(visitor, conversation, {
      ...payload,
      type: 'text',
    })
    return response
      .status(created ? 201 : 200)
      .json(MessageTransformer.transform(message, attachments))
  }

  async typing({ params, response, visitor }: HttpContext) {
    await announceTyping(visitor, await findChatConversation(visitor, params.id))
    return response.noContent()
  }

  async read({ params, request, response, visitor }: HttpContext) {
    const conversation = await findChatConversation(visitor, params.id)
    const { upTo } = await validateBody(request, readValidator)
    await markReadByVisitor(visitor, conversation, upTo)
    return response.noContent()
  }

  async upload(ctx: HttpContext) {
    const visitor = ctx.visitor
    const file = await readMultipartFile(ctx, { limit: maxAttachmentBytes(), what: 'Attachments' })
    const attachment = await storeUpload(visitor, file)
    return ctx.response.status(201).json(AttachmentTransformer.transform(attachment))
  }
}
