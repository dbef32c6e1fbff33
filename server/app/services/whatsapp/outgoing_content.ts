import drive from '@adonisjs/drive/services/main'
import type { AnyMessageContent } from '@whiskeysockets/baileys'
import Contact from '#models/contact'
import Conversation from '#models/conversation'
import Message from '#models/message'
import { attachmentsOfMessage } from '#services/attachments'
import { withTenant } from '#services/tenant_context'
import type { NumberScope } from '#services/whatsapp/auth_state'

/**
 * What to send to WhatsApp for a member's message: the text, or each attachment as WhatsApp media
 * (the text as the first one's caption). Null when there is nothing to send any more (deleted,
 * already sent) or nobody to send it to.
 */
export async function contentFor(scope: NumberScope, messageId: string) {
  return withTenant({ tenantId: scope.tenantId, workspaceId: scope.workspaceId }, async (trx) => {
    const message = await Message.query({ client: trx })
      .where('tenant_id', scope.tenantId)
      .where('id', messageId)
      .first()
    if (!message || message.deletedAt || message.externalId || message.status !== 'pending')
      return null
    const conversation = await Conversation.query({ client: trx })
      .where('tenant_id', scope.tenantId)
      .where('id', message.conversationId)
      .firstOrFail()
    const contact = conversation.contactId
      ? await Contact.query({ client: trx })
          .where('tenant_id', scope.tenantId)
          .where('id', conversation.contactId)
          .first()
      : null
    if (!contact?.phone) return null
    const attachments = await attachmentsOfMessage(trx, scope.tenantId, message.id)
    const contents: AnyMessageContent[] = []
    for (const [index, a] of attachments.entries()) {
      const bytes = Buffer.from(await drive.use().getBytes(a.storageKey))
      const caption = index === 0 && message.body ? message.body : undefined
      if (a.kind === 'image') contents.push({ image: bytes, caption, mimetype: a.mimeType })
      else if (a.kind === 'video') contents.push({ video: bytes, caption, mimetype: a.mimeType })
      else if (a.kind === 'audio') contents.push({ audio: bytes, mimetype: a.mimeType })
      else contents.push({ document: bytes, mimetype: a.mimeType, fileName: a.name, caption })
    }
    // Audio has no caption: its words go as a message of their own.
    const captioned = attachments.length > 0 && attachments[0].kind !== 'audio'
    if (message.body && !captioned) contents.unshift({ text: message.body })
    return { phone: contact.phone, contents, typingChars: message.body.length }
  })
}
