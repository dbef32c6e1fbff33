import type Member from '#models/member'
import type { MessageTransformer } from '#transformers/inbox_transformers'

/** How a member appears to web chat visitors: a name and a picture, nothing else. */
export const ChatAuthorTransformer = {
  transform: (member: Pick<Member, 'name' | 'avatarUrl'>) => ({
    name: member.name ?? '',
    avatarUrl: member.avatarUrl,
  }),
}

export type ChatAuthor = ReturnType<typeof ChatAuthorTransformer.transform>

/**
 * A message as its visitor sees it: a member's reply carries its author's name and picture and
 * nothing else of the member (no member ids); notes never get here (the routes and the feed
 * leave them out).
 */
export const ChatMessageTransformer = {
  transform: (
    message: ReturnType<typeof MessageTransformer.transform>,
    authors: Map<string, ChatAuthor>
  ) => {
    const author = message.authorMemberId ? (authors.get(message.authorMemberId) ?? null) : null
    return {
      id: message.id,
      conversationId: message.conversationId,
      direction: message.direction,
      type: message.type,
      body: message.body,
      attachments: message.attachments,
      status: message.status,
      author,
      editedAt: message.editedAt,
      deletedAt: message.deletedAt,
      createdAt: message.createdAt,
    }
  },
}
