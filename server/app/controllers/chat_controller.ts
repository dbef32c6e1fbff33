import type { HttpContext } from '@adonisjs/core/http'
import Conversation from '#models/conversation'
import Message from '#models/message'
import { attachmentsOf, maxAttachmentBytes, storeUpload } from '#services/attachments'
import { readMultipartFile } from '#services/uploads'
import { openConversation } from '#services/inbox/conversations'
import { announceTyping, sendMessage } from '#services/inbox/messages'
import { paginate } from '#services/pagination'
import {
  chatAuthors,
  chatContactOf,
  findChatConversation,
  findVisitorContact,
  markReadByVisitor,
  noteVisitor,
  publicChatProfile,
  reopenForVisitor,
  startContactSession,
  startVisitor,
  updateVisitorContact,
  visitorChatProfile,
} from '#services/web_chat'
import {
  AttachmentTransformer,
  ChatConversationTransformer,
  MessageTransformer,
} from '#transformers/inbox_transformers'
import { ChatMessageTransformer } from '#transformers/chat_transformers'
import { readValidator } from '#validators/inbox'
import { validateBody, validateQuery } from '#validators/strict'
import {
  chatContactValidator,
  chatConversationValidator,
  chatMessageValidator,
  chatPageValidator,
  startContactSessionValidator,
  startVisitorValidator,
} from '#validators/web_chat'
import { ApiError } from '#exceptions/api_error'
import { externalId } from '#validators/rules'
import vine from '@vinejs/vine'

const noAuthors = new Map()
const workspaceIdValidator = vine.create(vine.object({ id: externalId() }))

/**
 * Web chat, the visitor's side of the inbox: a person on the host's page talks to the workspace.
 * Visitors see their own web conversations and the workspace's replies, never notes, assignees
 * or tags.
 */
export default class ChatController {
  /** POST /v1/chat/visitors (publishable key): an anonymous visitor arrives or returns. */
  async visitor({ request, response, publicTenant }: HttpContext) {
    const payload = await validateBody(request, startVisitorValidator)
    return response.created(await startVisitor(publicTenant, payload, request.header('user-agent')))
  }

  /**
   * GET /v1/chat/workspaces/:id (publishable key): what the chat shows before anyone writes
   * (the team's name, people and reply time; the pre-chat form), for a workspace that takes
   * anonymous visitors.
   */
  async profile({ params, response, publicTenant }: HttpContext) {
    const { id } = await workspaceIdValidator.validate({ id: params.id }).catch(() => {
      throw ApiError.notFound('Workspace')
    })
    response.header('Cache-Control', 'private, max-age=30')
    return publicChatProfile(publicTenant, id)
  }

  /** GET /v1/chat/workspace (visitor token): the same, for the visitor's own workspace. */
  async workspace({ visitor }: HttpContext) {
    return visitorChatProfile(visitor)
  }

  /** GET /v1/chat/contact: what the visitor told about themself (is their email known?). */
  async contact({ visitor }: HttpContext) {
    return chatContactOf(await findVisitorContact(visitor))
  }

  /** PATCH /v1/chat/contact { name?, email? }: the pre-chat form, the email prompt. */
  async updateContact({ request, visitor }: HttpContext) {
    const payload = await validateBody(request, chatContactValidator)
    return updateVisitorContact(visitor, payload)
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
    const { visitor: context, ...payload } = await validateBody(request, chatConversationValidator)
    if (!payload.body && !payload.attachmentIds?.length) {
      throw ApiError.validation([{ field: 'body', message: 'Write something or attach a file' }])
    }
    const contact = await findVisitorContact(visitor)
    if (context) {
      noteVisitor(contact, request.header('user-agent'), context)
      await contact.useTransaction(visitor.trx).save()
    }
    const { conversation, message, attachments } = await openConversation(visitor, {
      contact,
      channel: 'web',
      ...payload,
    })
    return response.created({
      ...ChatConversationTransformer.transform(conversation),
      message: ChatMessageTransformer.transform(
        MessageTransformer.transform(message, attachments),
        noAuthors
      ),
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
    const authors = await chatAuthors(
      visitor.trx,
      visitor.tenantId,
      data.map((m) => m.authorMemberId)
    )
    return {
      data: data.map((m) =>
        ChatMessageTransformer.transform(
          MessageTransformer.transform(m, attachments.get(m.id)),
          authors
        )
      ),
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
      .json(
        ChatMessageTransformer.transform(
          MessageTransformer.transform(message, attachments),
          noAuthors
        )
      )
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
