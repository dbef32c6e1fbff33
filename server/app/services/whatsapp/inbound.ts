import type { WAMessage, proto } from '@whiskeysockets/baileys'

/** What a WhatsApp message says, in the inbox's terms. */
export interface Described {
  type: 'text' | 'location' | 'contact' | 'reaction'
  body: string
  media?: { kind: 'image' | 'audio' | 'video' | 'file'; mimeType?: string; fileName?: string }
  metadata: Record<string, unknown>
}

/** Wrappers WhatsApp puts around the content (disappearing, view-once, captioned documents). */
function unwrap(message: proto.IMessage | null | undefined): proto.IMessage | null {
  let current = message ?? null
  for (let i = 0; i < 5 && current; i++) {
    const inner =
      current.ephemeralMessage?.message ??
      current.viewOnceMessage?.message ??
      current.viewOnceMessageV2?.message ??
      current.documentWithCaptionMessage?.message ??
      current.editedMessage?.message
    if (!inner) break
    current = inner
  }
  return current
}

/** The id of the message this one quotes (a reply), if any. */
function quotedId(content: proto.IMessage) {
  const context =
    content.extendedTextMessage?.contextInfo ??
    content.imageMessage?.contextInfo ??
    content.videoMessage?.contextInfo ??
    content.audioMessage?.contextInfo ??
    content.documentMessage?.contextInfo
  return context?.stanzaId ?? undefined
}

/**
 * Reads a received message: text, captioned media (image, voice note or audio, video, document,
 * sticker), location, contact cards, reactions, and the message a reply quotes. `null` for what
 * the inbox does not show (protocol messages, key distribution, polls' internals…).
 */
export function describe(message: WAMessage): Described | null {
  const content = unwrap(message.message)
  if (!content) return null
  const quoted = quotedId(content)
  const metadata: Record<string, unknown> = quoted ? { quotedExternalId: quoted } : {}

  const text = content.conversation ?? content.extendedTextMessage?.text
  if (text) return { type: 'text', body: text, metadata }

  if (content.imageMessage) {
    const m = content.imageMessage
    return {
      type: 'text',
      body: m.caption ?? '',
      media: { kind: 'image', mimeType: m.mimetype ?? undefined },
      metadata,
    }
  }
  if (content.stickerMessage) {
    return {
      type: 'text',
      body: '',
      media: { kind: 'image', mimeType: content.stickerMessage.mimetype ?? undefined },
      metadata: { ...metadata, sticker: true },
    }
  }
  if (content.audioMessage) {
    const m = content.audioMessage
    return {
      type: 'text',
      body: '',
      media: { kind: 'audio', mimeType: m.mimetype ?? undefined },
      metadata: { ...metadata, voiceNote: Boolean(m.ptt), seconds: m.seconds ?? undefined },
    }
  }
  if (content.videoMessage) {
    const m = content.videoMessage
    return {
      type: 'text',
      body: m.caption ?? '',
      media: { kind: 'video', mimeType: m.mimetype ?? undefined },
      metadata,
    }
  }
  if (content.documentMessage) {
    const m = content.documentMessage
    return {
      type: 'text',
      body: m.caption ?? '',
      media: {
        kind: 'file',
        mimeType: m.mimetype ?? undefined,
        fileName: m.fileName ?? m.title ?? undefined,
      },
      metadata,
    }
  }
  if (content.locationMessage || content.liveLocationMessage) {
    const m = (content.locationMessage ?? content.liveLocationMessage)!
    const named = 'name' in m ? [m.name, m.address].filter(Boolean).join(', ') : ''
    const latitude = m.degreesLatitude ?? 0
    const longitude = m.degreesLongitude ?? 0
    return {
      type: 'location',
      body: named || `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`,
      metadata: { ...metadata, latitude, longitude, live: Boolean(content.liveLocationMessage) },
    }
  }
  if (content.contactMessage || content.contactsArrayMessage) {
    const cards = content.contactMessage
      ? [content.contactMessage]
      : (content.contactsArrayMessage!.contacts ?? [])
    return {
      type: 'contact',
      body: cards
        .map((c) => c.displayName ?? '')
        .filter(Boolean)
        .join(', '),
      metadata: { ...metadata, vcards: cards.map((c) => c.vcard ?? '') },
    }
  }
  if (content.reactionMessage) {
    return {
      type: 'reaction',
      body: content.reactionMessage.text ?? '',
      metadata: { targetExternalId: content.reactionMessage.key?.id ?? null },
    }
  }
  return null
}

/** +5511987654321 from `5511987654321@s.whatsapp.net` (or its `:device` form); null for other jids. */
export function phoneOf(jid: string | null | undefined) {
  const match = /^(\d{6,15})(?::\d+)?@s\.whatsapp\.net$/.exec(jid ?? '')
  return match ? `+${match[1]}` : null
}

/** The jid to write to for an E.164 phone. */
export const jidOf = (phone: string) => `${phone.replace(/^\+/, '')}@s.whatsapp.net`
