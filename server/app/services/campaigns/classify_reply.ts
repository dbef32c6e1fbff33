import type { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { ReplyClassification } from '#models/campaign_recipient'
import Workspace from '#models/workspace'
import { withTenant } from '#services/tenant_context'
import { openAIClient, openAIConfigFor, type OpenAIConfig } from '#services/recordings/provider'
import { optOutIntent } from '#services/campaigns/opt_out'
import { optOutSettings, wordsOf } from '#services/campaigns/consent'

/**
 * AI classification of replies to campaign messages: interested, not interested, a question, an
 * opt-out, or other, by the tenant's OpenAI provider (its own key, else the platform's). Without
 * one, replies stay unclassified; nothing here ever holds up sending (it runs in its own queue,
 * after the reply is stored).
 */

export const CLASSIFICATIONS = [
  'interested',
  'not_interested',
  'question',
  'opt_out',
  'other',
] as const satisfies readonly ReplyClassification[]

/** A reply counts for a campaign message sent at most this long before it (as `replied`). */
export const REPLY_WINDOW_HOURS = 72

/** Small, cheap and good at this; the provider must offer it (OpenAI and most gateways do). */
export const CLASSIFICATION_MODEL = 'gpt-4o-mini'

/** Longer replies are cut: the start says what the reply is about. */
const MAX_REPLY_CHARS = 2000

export type ClassificationStatus =
  { available: true } | { available: false; reason: 'PROVIDER_NOT_CONFIGURED' }

/**
 * Whether replies of this tenant's campaigns get classified, for the stats and the widget to say
 * why they do not: `{ available: false, reason: "PROVIDER_NOT_CONFIGURED" }` without a provider.
 */
export async function classificationStatus(scope: {
  trx: TransactionClientContract
  tenantId: string
}): Promise<ClassificationStatus> {
  const config = await openAIConfigFor(scope.trx, scope.tenantId)
  return config ? { available: true } : { available: false, reason: 'PROVIDER_NOT_CONFIGURED' }
}

/**
 * The campaign recipient an inbound message answers: the latest campaign message sent into that
 * conversation within the reply window before it, if not yet classified (its first reply says
 * it). Null for most messages.
 */
export async function recipientAnswered(
  trx: TransactionClientContract,
  reply: { tenantId: string; conversationId: string; contactId: string; at: DateTime }
): Promise<{ id: string } | null> {
  const row = await trx
    .from('campaign_recipients')
    .where('tenant_id', reply.tenantId)
    .where('contact_id', reply.contactId)
    .where('conversation_id', reply.conversationId)
    .whereNotNull('sent_at')
    // A minute's slack: a WhatsApp reply carries the phone's clock (as the `replied` trigger has it).
    .where('sent_at', '<=', reply.at.plus({ minutes: 1 }).toJSDate())
    .where('sent_at', '>', reply.at.minus({ hours: REPLY_WINDOW_HOURS }).toJSDate())
    .orderBy('sent_at', 'desc')
    .select('id', 'classification')
    .first()
  return row && !row.classification ? { id: row.id } : null
}

/** Asks the provider; a strict JSON schema keeps the answer to one of the five. */
export async function classifyText(
  config: OpenAIConfig & { tenantBaseUrl?: boolean },
  reply: string,
  campaignMessage: string | null
): Promise<ReplyClassification> {
  const completion = await openAIClient(config).chat.completions.create(
    {
      model: CLASSIFICATION_MODEL,
      temperature: 0,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'reply_classification',
          strict: true,
          schema: {
            type: 'object',
            properties: { classification: { type: 'string', enum: [...CLASSIFICATIONS] } },
            required: ['classification'],
            additionalProperties: false,
          },
        },
      },
      messages: [
        {
          role: 'system',
          content:
            'You classify a customer\'s reply to a marketing message a business sent them. Answer "interested" ' +
            'when they want what was offered or to go ahead, "not_interested" when they decline, "question" ' +
            'when they ask something that needs an answer, "opt_out" when they ask to get no more messages, ' +
            'and "other" for anything else. The reply may be in any language.',
        },
        ...(campaignMessage
          ? [{ role: 'assistant' as const, content: campaignMessage.slice(0, MAX_REPLY_CHARS) }]
          : []),
        { role: 'user', content: reply.slice(0, MAX_REPLY_CHARS) },
      ],
    },
    { timeout: 30_000 }
  )
  const content = completion.choices[0]?.message?.content ?? '{}'
  const parsed = JSON.parse(content) as { classification?: unknown }
  const found = CLASSIFICATIONS.find((c) => c === parsed.classification)
  return found ?? 'other'
}

export interface ClassifyTarget {
  tenantId: string
  workspaceId: string
  recipientId: string
  /** The reply (an inbound message of the recipient's conversation). */
  messageId: string
}

/**
 * Classifies one recipient's reply, once: a recipient already classified is left as it is (a job
 * retried after it stored its answer asks nobody again), and the answer is stored only if none
 * was meanwhile. An opt-out word needs no provider. Returns what was stored, or why nothing was.
 */
export async function classifyRecipientReply(
  target: ClassifyTarget
): Promise<ReplyClassification | 'already' | 'unavailable' | 'gone'> {
  const scope = { tenantId: target.tenantId, workspaceId: target.workspaceId }
  const found = await withTenant(scope, async (trx) => {
    const recipient = await trx
      .from('campaign_recipients')
      .where('tenant_id', target.tenantId)
      .where('id', target.recipientId)
      .select('classification', 'message_id')
      .first()
    if (!recipient) return 'gone' as const
    if (recipient.classification) return 'already' as const
    const messages = await trx
      .from('messages')
      .where('tenant_id', target.tenantId)
      .whereIn('id', [target.messageId, recipient.message_id].filter(Boolean))
      .whereNull('deleted_at')
      .select('id', 'body')
    const reply = messages.find((m) => m.id === target.messageId)?.body as string | undefined
    if (!reply?.trim()) return 'gone' as const
    const sent = messages.find((m) => m.id === recipient.message_id)?.body ?? null
    const workspace = await Workspace.query({ client: trx })
      .where('tenant_id', target.tenantId)
      .where('id', target.workspaceId)
      .select('id', 'campaign_opt_out')
      .first()
    const words = wordsOf(optOutSettings(workspace?.campaignOptOut))
    if (optOutIntent(reply, words) === 'opt_out') return { reply, sent, known: 'opt_out' as const }
    const config = await openAIConfigFor(trx, target.tenantId)
    return { reply, sent, config, known: null }
  })
  if (typeof found === 'string') return found
  let classification: ReplyClassification
  if (found.known) classification = found.known
  else if (!found.config) return 'unavailable'
  // The provider is called outside any transaction: it can take seconds.
  else classification = await classifyText(found.config, found.reply, found.sent)

  const stored = await withTenant(scope, (trx) =>
    trx
      .from('campaign_recipients')
      .where('tenant_id', target.tenantId)
      .where('id', target.recipientId)
      .whereNull('classification')
      .update({ classification, updated_at: new Date() })
  )
  return Number(stored) > 0 ? classification : 'already'
}
