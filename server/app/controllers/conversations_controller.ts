import type { HttpContext } from '@adonisjs/core/http'
import InboxPolicy from '#policies/inbox_policy'
import {
  bulkUpdateConversations,
  findConversation,
  startConversation,
  updateConversation,
} from '#services/inbox/conversations'
import { listConversations, showConversation } from '#services/inbox/queries'
import { ConversationTransformer, MessageTransformer } from '#transformers/inbox_transformers'
import { validateBody, validateQuery } from '#validators/strict'
import {
  bulkConversationsValidator,
  createConversationValidator,
  listConversationsValidator,
  updateConversationValidator,
} from '#validators/inbox'

/** The inbox's conversations: list with filters and search, start one, read one, change one. */
export default class ConversationsController {
  async index({ request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const filters = await validateQuery(request, listConversationsValidator)
    return listConversations(member, filters)
  }

  async store({ request, response, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('write')
    const payload = await validateBody(request, createConversationValidator)
    const { conversation, contact, message } = await startConversation(member, payload)
    return response.created({
      ...ConversationTransformer.transform(conversation, { unread: 0, contact }),
      lastMessage: MessageTransformer.transform(message),
    })
  }

  async show({ params, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    return showConversation(member, await findConversation(member, params.id))
  }

  async update({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('write')
    const conversation = await findConversation(member, params.id)
    const payload = await validateBody(request, updateConversationValidator)
    // As GET answers it (contact, last message, unread), so the list can show it as it is.
    return showConversation(member, await updateConversation(member, conversation, payload))
  }

  /** POST /v1/conversations/bulk */
  async bulk({ request, member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('write')
    const payload = await validateBody(request, bulkConversationsValidator)
    return bulkUpdateConversations(member, payload)
  }
}
