import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { ApiError } from '#exceptions/api_error'
import Contact from '#models/contact'
import type Conversation from '#models/conversation'
import Message from '#models/message'
import Workspace, { type CampaignOptOutSettings } from '#models/workspace'
import { recordEvent } from '#services/outbox'
import { place, refOf, type InboxActor } from '#services/inbox/actor'
import { MessageTransformer } from '#transformers/inbox_transformers'
import {
  DEFAULT_OPT_OUT_WORDS,
  MAX_KEYWORD_MESSAGE,
  normalizeKeyword,
  optOutIntent,
  type OptOutWords,
} from '#services/campaigns/opt_out'

/**
 * Consent to campaigns: an inbound message that is only an opt-out word (STOP, BAJA…) opts its
 * contact out and answers once with a confirmation; an opt-in word (START…) opts back in and
 * answers once. Repeating the word changes nothing and answers nothing. It happens in the inbound
 * message's transaction; the confirmation is an ordinary outbound message of the conversation, so
 * it goes out as every reply does (message:created → the number's send queue, or the web chat).
 */

export type ConsentIntent = 'opt_out' | 'opt_in'

/** The confirmations, per language of the built-in words; `en` when the language is not known. */
export const DEFAULT_CONFIRMATIONS: Readonly<Record<string, Record<ConsentIntent, string>>> = {
  en: {
    opt_out:
      "You're unsubscribed and won't get more campaign messages. Reply START to subscribe again.",
    opt_in: "You're subscribed again.",
  },
  es: {
    opt_out:
      'Te has dado de baja y no recibirás más mensajes de campañas. Responde ALTA para volver a suscribirte.',
    opt_in: 'Te has vuelto a suscribir.',
  },
  pt: {
    opt_out:
      'Você cancelou a inscrição e não receberá mais mensagens de campanhas. Responda INICIAR para se inscrever de novo.',
    opt_in: 'Sua inscrição foi reativada.',
  },
}

/** A workspace's settings with every default filled in, as the API shows them. */
export function optOutSettings(stored: CampaignOptOutSettings | null | undefined) {
  return {
    enabled: stored?.enabled ?? true,
    optOutWords: stored?.optOutWords ?? [],
    optInWords: stored?.optInWords ?? [],
    replaceDefaults: stored?.replaceDefaults ?? false,
    optOutReply: stored?.optOutReply ?? null,
    optInReply: stored?.optInReply ?? null,
  }
}

/**
 * A PATCH's `campaignOptOut` applied to what is stored: only the named fields change. A word in both
 * of the workspace's lists is refused (it would always opt out, never in).
 */
export function campaignOptOutChange(
  stored: CampaignOptOutSettings | null | undefined,
  change: CampaignOptOutSettings
): CampaignOptOutSettings {
  const next: CampaignOptOutSettings = { ...stored }
  for (const [key, value] of Object.entries(change) as [keyof CampaignOptOutSettings, never][]) {
    if (value !== undefined) next[key] = value
  }
  const optIn = new Set(next.optInWords ?? [])
  const both = (next.optOutWords ?? []).filter((word) => optIn.has(word))
  if (both.length) {
    throw ApiError.validation([
      {
        field: 'campaignOptOut.optInWords',
        message: `A word cannot both opt out and opt in: ${both.join(', ')}`,
      },
    ])
  }
  return next
}

/** The words that count in a workspace: the built-in ones per locale, plus (or only) its own. */
export function wordsOf(
  settings: ReturnType<typeof optOutSettings>
): Readonly<Record<string, OptOutWords>> {
  const own = { optOut: settings.optOutWords, optIn: settings.optInWords }
  if (settings.replaceDefaults) return { workspace: own }
  if (!own.optOut.length && !own.optIn.length) return DEFAULT_OPT_OUT_WORDS
  return { ...DEFAULT_OPT_OUT_WORDS, workspace: own }
}

/** Locales whose built-in words include each word, in DEFAULT_OPT_OUT_WORDS order (es before pt). */
const localesOfWord = new Map<string, string[]>()
for (const [locale, words] of Object.entries(DEFAULT_OPT_OUT_WORDS)) {
  for (const word of [...words.optOut, ...words.optIn]) {
    const key = normalizeKeyword(word)
    localesOfWord.set(key, [...(localesOfWord.get(key) ?? []), locale])
  }
}

/** The contact's language as we know it (what a web visitor's browser said), e.g. `es`. */
function knownLanguage(contact: Contact) {
  const tag = contact.attributes?.language ?? contact.visitor?.language ?? ''
  return tag.slice(0, 2).toLowerCase()
}

/**
 * Which language to confirm in: the contact's, when known (a web visitor's browser) and one we have
 * texts for; else the word's own (BAJA: Spanish; PARAR is Spanish or Portuguese: Spanish); else
 * English.
 */
export function confirmationLanguage(text: string, contact: Contact) {
  const known = knownLanguage(contact)
  if (known in DEFAULT_CONFIRMATIONS) return known
  return localesOfWord.get(normalizeKeyword(text))?.[0] ?? 'en'
}

/** What an opt-out or opt-in changed: the contact's new state, and the confirmation (if sent). */
export interface ConsentChange {
  intent: ConsentIntent
  optedOutAt: DateTime | null
  confirmation: Message
}

/**
 * Sets or clears a contact's opt-out, only if that changes it (so two STOPs at once change it, and
 * answer, once: the row lock makes the second wait and then find nothing to change). Queued steps
 * of drips leave (`exited`, reason `optedOut`); broadcasts re-check at send time.
 */
export async function changeOptOut(
  trx: TransactionClientContract,
  contact: Pick<Contact, 'tenantId' | 'workspaceId' | 'id'>,
  optedOut: boolean
): Promise<DateTime | null | undefined> {
  const rows: { opted_out_at: Date | null }[] = await trx
    .from('contacts')
    .where('tenant_id', contact.tenantId)
    .where('workspace_id', contact.workspaceId)
    .where('id', contact.id)
    .if(optedOut, (q) => q.whereNull('opted_out_at'))
    .if(!optedOut, (q) => q.whereNotNull('opted_out_at'))
    .update({ opted_out_at: optedOut ? new Date() : null, updated_at: new Date() })
    .returning('opted_out_at')
  if (!rows.length) return undefined
  if (optedOut) {
    await trx
      .from('campaign_recipients')
      .where('tenant_id', contact.tenantId)
      .where('contact_id', contact.id)
      .where('status', 'queued')
      .whereIn(
        'campaign_id',
        trx
          .from('campaigns')
          .where('tenant_id', contact.tenantId)
          .where('workspace_id', contact.workspaceId)
          .where('kind', 'drip')
          .select('id')
      )
      .update({ status: 'exited', reason: 'optedOut', updated_at: new Date() })
  }
  const at = rows[0].opted_out_at
  return at ? DateTime.fromJSDate(at) : null
}

/**
 * Acts on an inbound message from a contact (web visitor or WhatsApp) that is only an opt-out or
 * opt-in word: changes the contact and answers in the conversation, once. Null when the message is
 * anything else, the workspace turned this off, or the contact was already so.
 */
export async function actOnConsentWords(
  actor: InboxActor,
  conversation: Conversation,
  message: Message
): Promise<ConsentChange | null> {
  if (message.direction !== 'inbound' || message.type !== 'text') return null
  if (conversation.channel !== 'whatsapp' && conversation.channel !== 'web') return null
  // Most messages are sentences: no need to read the workspace's words for those.
  if (!actor.contactId || !message.body || message.body.length > MAX_KEYWORD_MESSAGE) return null
  if (normalizeKeyword(message.body) === '') return null
  const { trx, tenantId, workspaceId } = actor
  const workspace = await Workspace.query({ client: trx })
    .where('tenant_id', tenantId)
    .where('id', workspaceId)
    .select('id', 'campaign_opt_out')
    .first()
  const settings = optOutSettings(workspace?.campaignOptOut)
  if (!settings.enabled) return null
  const intent = optOutIntent(message.body, wordsOf(settings))
  if (!intent) return null

  const contact = await Contact.query({ client: trx })
    .where('tenant_id', tenantId)
    .where('workspace_id', workspaceId)
    .where('id', actor.contactId!)
    .first()
  if (!contact) return null
  const optedOutAt = await changeOptOut(trx, contact, intent === 'opt_out')
  if (optedOutAt === undefined) return null // already so: no second confirmation

  const language = confirmationLanguage(message.body, contact)
  const body =
    (intent === 'opt_out' ? settings.optOutReply : settings.optInReply) ??
    DEFAULT_CONFIRMATIONS[language][intent]
  const confirmation = await appendConfirmation(actor, conversation, body, intent)
  return { intent, optedOutAt, confirmation }
}

/**
 * The confirmation: an outbound message from the workspace (no member wrote it), pending on
 * WhatsApp so the number's queue sends it, sent on the web (the visitor's feed shows it).
 */
async function appendConfirmation(
  actor: InboxActor,
  conversation: Conversation,
  body: string,
  intent: ConsentIntent
) {
  const { trx, tenantId, workspaceId } = actor
  const message = await Message.create(
    {
      tenantId,
      workspaceId,
      conversationId: conversation.id,
      direction: 'outbound',
      type: 'text',
      authorMemberId: null,
      authorContactId: null,
      body,
      status: conversation.channel === 'whatsapp' ? 'pending' : 'sent',
      failureReason: null,
      idempotencyKey: null,
      externalId: null,
      metadata: { consentConfirmation: intent },
    },
    { client: trx }
  )
  conversation.merge({
    lastMessageAt: message.createdAt,
    lastMessageId: message.id,
    updatedAt: DateTime.now(),
  })
  await conversation.useTransaction(trx).save()
  await recordEvent(trx, 'message:created', {
    ...place(actor),
    conversation: refOf(conversation),
    message: MessageTransformer.transform(message),
    mentions: [],
    byMemberId: null,
  })
  return message
}
