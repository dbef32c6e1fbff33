import { DateTime } from 'luxon'
import { v7 as uuidv7 } from 'uuid'
import { withTenant } from '#services/tenant_context'

export const DEMO_CAMPAIGN_NAME = 'Spring sale'
export const DEMO_DRIP_NAME = 'Welcome series'

const SUBSCRIBERS =
  `Lara Costa, Mateo Ruiz, Nadia Haddad, Olivia Brooks, Pedro Santos, Quentin Dubois,
  Rita Almeida, Samuel Novak, Tania Rossi, Ursula Weber, Vitor Ramos, Wanda Kowalski, Xavier Lopes,
  Yara Ferreira, Zeca Martins, Amir Zahra, Beatriz Gomes, Chen Wei, Elena Garcia, Fabio Ribeiro,
  Grace Tanaka, Hugo Vieira, Ines Barbosa, Julia Muller, Kenji Sato, Luis Pereira, Marta Soares,
  Nuno Carvalho, Omar Haddad, Paula Lima`
    .split(',')
    .map((name) => name.trim())

type Outcome = 'replied' | 'read' | 'delivered' | 'sent' | 'failed' | 'optedOut'
/** The funnel: most read, some replied, a few only delivered or sent, one failed, two opted out. */
const OUTCOMES: Outcome[] = [
  ...Array<Outcome>(7).fill('replied'),
  ...Array<Outcome>(10).fill('read'),
  ...Array<Outcome>(6).fill('delivered'),
  ...Array<Outcome>(4).fill('sent'),
  'failed',
  'optedOut',
  'optedOut',
]
const REPLIES = [
  'Does it include shoes?',
  'Great, just ordered two!',
  'Is shipping free too?',
  'Can I use it with my coupon?',
  'Thanks, how long does it last?',
  'Perfect timing :)',
  'Do you ship to Lisbon?',
]
const VARIANTS = [
  'Hi {{ contact.name | default: "there" }}! Our spring sale starts today: 20% off everything for subscribers.',
  'Spring is here, {{ contact.name | default: "friend" }}: 20% off the whole shop until Sunday. Questions? Just reply.',
]
const render = (variant: number, name: string) =>
  VARIANTS[variant].replace(/\{\{[^}]*\}\}/, name.split(' ')[0])

/**
 * The demo workspace's campaigns: a web broadcast that went out yesterday to 30 newsletter
 * subscribers (each with a web conversation holding the message, and replies), its recipients
 * spread over the funnel and over hours, so the campaign page has a funnel, a series and A/B
 * variants to show; and a draft welcome drip. Added once: nothing happens if the broadcast exists.
 */
export async function seedDemoCampaigns(tenantId: string) {
  return withTenant(
    { tenantId },
    async (trx) => {
      const workspace = await trx
        .from('workspaces')
        .where('tenant_id', tenantId)
        .where('external_id', 'demo-co')
        .first()
      if (!workspace) return false
      const workspaceId: string = workspace.id
      await trx.rawQuery(`select set_config('parley.workspace_id', ?, true)`, [workspaceId])
      const seeded = await trx
        .from('campaigns')
        .where('tenant_id', tenantId)
        .where('workspace_id', workspaceId)
        .where('name', DEMO_CAMPAIGN_NAME)
        .first()
      if (seeded) return false

      const place = { tenant_id: tenantId, workspace_id: workspaceId }
      const launchedAt = DateTime.now().minus({ hours: 26 }).startOf('minute')
      const campaignId = uuidv7({ msecs: launchedAt.toMillis() })
      const recipients: Record<string, unknown>[] = []
      let lastAt = launchedAt
      await trx.table('campaigns').insert({
        ...place,
        id: campaignId,
        name: DEMO_CAMPAIGN_NAME,
        kind: 'broadcast',
        channel: 'web',
        audience: JSON.stringify({
          rules: {
            match: 'all',
            rules: [{ field: 'tags', operator: 'contains', value: 'newsletter' }],
          },
        }),
        steps: JSON.stringify([
          { delayMinutes: 0, variants: VARIANTS.map((body) => ({ body, weight: 1 })) },
        ]),
        limits: JSON.stringify({ quietHours: { start: '21:00', end: '08:00' } }),
        status: 'completed',
        send_at: launchedAt.toJSDate(),
        launched_at: launchedAt.toJSDate(),
        planned_at: launchedAt.toJSDate(),
        audience_count: SUBSCRIBERS.length,
        created_at: launchedAt.minus({ days: 1 }).toJSDate(),
      })

      for (const [i, name] of SUBSCRIBERS.entries()) {
        const outcome = OUTCOMES[i % OUTCOMES.length]
        const variant = i % 2
        const contactId = uuidv7()
        const first = name.split(' ')[0].toLowerCase()
        await trx.table('contacts').insert({
          ...place,
          id: contactId,
          name,
          email: `${first}.${i}@subscribers.test`,
          tags: ['newsletter'],
          attributes: JSON.stringify({ plan: i % 3 ? 'free' : 'pro' }),
          opted_out_at: outcome === 'optedOut' ? launchedAt.minus({ days: 3 }).toJSDate() : null,
          created_at: launchedAt.minus({ days: 30 - i }).toJSDate(),
        })
        const row = {
          ...place,
          id: uuidv7(),
          campaign_id: campaignId,
          contact_id: contactId,
          step: 0,
          variant,
        }
        if (outcome === 'optedOut') {
          recipients.push({
            ...row,
            status: 'skipped',
            reason: 'optedOut',
            due_at: launchedAt.toJSDate(),
          })
          continue
        }
        // Sent over two hours (the pace), then delivered, read and answered over the day.
        const sentAt = launchedAt.plus({ minutes: i * 4 })
        const deliveredAt = ['sent', 'failed'].includes(outcome)
          ? null
          : sentAt.plus({ minutes: 1 + (i % 5) })
        const readAt =
          outcome === 'read' || outcome === 'replied'
            ? deliveredAt!.plus({ minutes: 20 + ((i * 53) % 600) })
            : null
        const repliedAt =
          outcome === 'replied' ? readAt!.plus({ minutes: 3 + ((i * 17) % 90) }) : null
        const conversationId = uuidv7({ msecs: sentAt.toMillis() })
        const messageId = uuidv7({ msecs: sentAt.toMillis() })
        const replyId = repliedAt ? uuidv7({ msecs: repliedAt.toMillis() }) : null
        const last = repliedAt ?? sentAt
        lastAt = DateTime.max(lastAt, readAt ?? sentAt, last)
        await trx.table('conversations').insert({
          ...place,
          id: conversationId,
          contact_id: contactId,
          channel: 'web',
          status: repliedAt ? 'open' : 'resolved',
          last_message_at: last.toJSDate(),
          last_message_id: replyId ?? messageId,
          created_at: sentAt.toJSDate(),
          updated_at: last.toJSDate(),
        })
        await trx.table('messages').insert({
          ...place,
          id: messageId,
          conversation_id: conversationId,
          direction: 'outbound',
          type: 'text',
          body: render(variant, name),
          status: outcome === 'replied' ? 'read' : outcome,
          campaign_id: campaignId,
          created_at: sentAt.toJSDate(),
        })
        if (replyId)
          await trx.table('messages').insert({
            ...place,
            id: replyId,
            conversation_id: conversationId,
            direction: 'inbound',
            type: 'text',
            author_contact_id: contactId,
            body: REPLIES[i % REPLIES.length],
            status: 'delivered',
            created_at: repliedAt!.toJSDate(),
          })
        recipients.push({
          ...row,
          status: outcome,
          detail: outcome === 'failed' ? 'The visitor’s conversation was closed' : null,
          conversation_id: conversationId,
          message_id: messageId,
          due_at: sentAt.toJSDate(),
          sent_at: outcome === 'failed' ? null : sentAt.toJSDate(),
          delivered_at: deliveredAt?.toJSDate() ?? null,
          read_at: readAt?.toJSDate() ?? null,
          replied_at: repliedAt?.toJSDate() ?? null,
          created_at: launchedAt.toJSDate(),
          updated_at: last.toJSDate(),
        })
      }
      await trx.table('campaign_recipients').insert(recipients)
      await trx
        .from('campaigns')
        .where('tenant_id', tenantId)
        .where('id', campaignId)
        .update({ completed_at: lastAt.toJSDate(), updated_at: lastAt.toJSDate() })

      await trx.table('campaigns').insert({
        ...place,
        id: uuidv7(),
        name: DEMO_DRIP_NAME,
        kind: 'drip',
        channel: 'web',
        audience: JSON.stringify({
          rules: {
            match: 'all',
            rules: [{ field: 'tags', operator: 'contains', value: 'newsletter' }],
          },
        }),
        steps: JSON.stringify([
          {
            delayMinutes: 0,
            variants: [
              {
                body: 'Welcome, {{ contact.name | default: "friend" }}! Glad to have you with us.',
              },
            ],
          },
          {
            delayMinutes: 60 * 24,
            variants: [{ body: 'A tip: reply here any time, a real person answers.' }],
          },
          {
            delayMinutes: 60 * 24 * 7,
            variants: [
              {
                body: 'One week in: here is 10% off your next order, {{ contact.name | default: "friend" }}.',
              },
            ],
          },
        ]),
        limits: JSON.stringify({
          stopOnReply: true,
          quietHours: { start: '21:00', end: '08:00' },
          frequencyCap: { messages: 3, days: 7 },
        }),
        status: 'draft',
      })
      return true
    },
    'operator'
  )
}
