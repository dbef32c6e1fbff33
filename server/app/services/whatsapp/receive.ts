import { DateTime } from 'luxon'
import type { WAMessage } from '@whiskeysockets/baileys'
import Contact from '#models/contact'
import Conversation from '#models/conversation'
import Message from '#models/message'
import type WhatsAppNumber from '#models/whatsapp_number'
import { announceConversation } from '#services/inbox/conversations'
import { appendMessage } from '#services/inbox/messages'
import { storeBytes } from '#services/attachments'
import { withTenant } from '#services/tenant_context'
import type { NumberScope } from '#services/whatsapp/auth_state'
import { phoneOf, type Described } from '#services/whatsapp/inbound'

/**
 * Puts a received WhatsApp message into the inbox: the sender becomes a contact on first contact
 * (by phone), the message joins the contact's conversation through this number (reopened if it
 * was resolved, new if it was closed), media is stored as an attachment, and a message already
 * stored (WhatsApp delivers again after reconnects) is skipped by its WhatsApp id.
 */
export async function receive(
  scope: NumberScope,
  number: WhatsAppNumber,
  message: WAMessage,
  described: Described,
  download: () => Promise<Buffer>
) {
  const externalId = message.key.id
  if (!externalId) return null
  const { tenantId, workspaceId } = scope
  const place = { tenantId, workspaceId }
  const known = () =>
    withTenant(place, (trx) =>
      Message.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('workspace_id', workspaceId)
        .where('external_id', externalId)
        .first()
    )
  if (await known()) return null

  // Media is fetched outside the transaction (it can take seconds), once we know it is new.
  const bytes = described.media ? await download().catch(() => null) : null
  const at = DateTime.fromMillis(Number(message.messageTimestamp ?? Date.now() / 1000) * 1000)

  return withTenant(place, async (trx) => {
    const jid = message.key.remoteJid ?? ''
    const phone =
      phoneOf(jid) ?? phoneOf(message.key.remoteJidAlt) ?? phoneOf(message.key.participantAlt)
    const scoped = () =>
      Contact.query({ client: trx }).where('tenant_id', tenantId).where('workspace_id', workspaceId)
    let contact =
      (phone ? await scoped().where('phone', phone).first() : null) ??
      (await scoped().whereRaw(`attributes->>'whatsappJid' = ?`, [jid]).first())
    contact ??= await Contact.create(
      {
        tenantId,
        workspaceId,
        name: message.key.fromMe ? null : (message.pushName ?? null),
        phone,
        email: null,
        attributes: { source: 'whatsapp', whatsappJid: jid },
        tags: [],
        blocked: false,
        externalId: null,
        visitorTokenHash: null,
      },
      { client: trx }
    )
    if (contact.blocked) return null

    let conversation = await Conversation.query({ client: trx })
      .where('tenant_id', tenantId)
      .where('workspace_id', workspaceId)
      .where('contact_id', contact.id)
      .where('channel', 'whatsapp')
      .where('whatsapp_number_id', number.id)
      .whereNot('status', 'closed')
      .orderBy('last_message_at', 'desc')
      .first()
    const created = !conversation
    conversation ??= await Conversation.create(
      {
        tenantId,
        workspaceId,
        contactId: contact.id,
        channel: 'whatsapp',
        whatsappNumberId: number.id,
        status: 'open',
        priority: 'normal',
        assigneeId: null,
        tags: [],
        subject: null,
        lastMessageAt: at,
      },
      { client: trx }
    )
    if (!created && !message.key.fromMe && ['resolved', 'snoozed'].includes(conversation.status)) {
      conversation.merge({ status: 'open', snoozedUntil: null })
    }

    const actor = { trx, tenantId, workspaceId, contactId: contact.id }
    const attachment = bytes
      ? await storeBytes(
          actor,
          bytes,
          described.media?.fileName ?? `whatsapp-${described.media!.kind}`
        )
      : null
    const metadata = { ...described.metadata }
    // Replies and reactions point at messages we know by their WhatsApp id.
    for (const [field, target] of [
      ['quotedMessageId', described.metadata.quotedExternalId],
      ['targetMessageId', described.metadata.targetExternalId],
    ] as const) {
      if (typeof target !== 'string') continue
      const found = await Message.query({ client: trx })
        .where('tenant_id', tenantId)
        .where('workspace_id', workspaceId)
        .where('external_id', target)
        .select('id')
        .first()
      if (found) metadata[field] = found.id
    }
    if (described.media && !attachment) metadata.mediaUnavailable = true

    try {
      await trx.rawQuery('savepoint receive_message')
      const { message: stored, consent } = await appendMessage(actor, conversation, {
        body: described.body,
        type: described.type,
        attachmentIds: attachment ? [attachment.id] : [],
        external: { id: externalId, at, metadata, fromMe: Boolean(message.key.fromMe) },
      })
      if (consent) contact.optedOutAt = consent.optedOutAt
      await announceConversation(actor, conversation, contact, created)
      return stored
    } catch (error) {
      // The same message, received twice at once: the unique index let one in.
      if ((error as { code?: string }).code !== '23505') throw error
      await trx.rawQuery('rollback to savepoint receive_message')
      return null
    }
  })
}
