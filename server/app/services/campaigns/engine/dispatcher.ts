import { DateTime } from 'luxon'
import redis from '@adonisjs/redis/services/main'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Attachment from '#models/attachment'
import Campaign from '#models/campaign'
import Contact from '#models/contact'
import WhatsAppNumber from '#models/whatsapp_number'
import Workspace from '#models/workspace'
import { withTenant } from '#services/tenant_context'
import { recordEvent } from '#services/outbox'
import { parseTemplate, type MessageTemplate } from '#services/campaigns/template'
import { nextSendAt, pacingOf, type SendHistory } from '#services/whatsapp/pacing'
import { paceKey } from '#services/whatsapp/session'
import { nextAllowed, zonesOf } from '#services/campaigns/engine/quiet_hours'
import {
  failureRateTripped,
  pauseCampaign,
  recentOutcomes,
} from '#services/campaigns/engine/breaker'
import {
  appendCampaignMessage,
  webConversationsOf,
  whatsappConversationFor,
} from '#services/campaigns/engine/delivery'
import { returnSlots, takeSlots } from '#services/campaigns/engine/rate'
import { countRecipient, pauseForQuota, recipientsAllowed } from '#services/campaigns/engine/quota'
import { uuidArray, type CampaignRef } from '#services/campaigns/engine/planner'

/**
 * The dispatchers. WhatsApp: one per campaign and connected number, each run sends at most one
 * message and only when the number has no campaign message in flight (so a pause stops sending at
 * once, and the number's own queue never holds a backlog that outlives the campaign), at the
 * number's next pace slot; the message goes through the inbox (message:created → the number's send
 * job, which types, paces, warms up and caps as for any reply). Web: one per campaign, batches of
 * messages into each contact's latest web conversation. Both re-check each recipient when its turn
 * comes (opted out, blocked, reachable, frequency cap, quiet hours in its local time) and claim rows
 * with FOR UPDATE SKIP LOCKED in the transaction that creates the message, so a crash leaves each
 * recipient either untouched or with its one message. Each run returns when to run again (null:
 * this dispatcher is done).
 */

/** How long a number may be `connecting`/`closed` (a reconnect) before the breaker pauses. */
export const engineSettings = { numberGraceMs: 60_000, idleRecheckMs: 60_000, webBatch: 100 }

interface Due {
  id: string
  contact_id: string
  step: number
  variant: number
  due_at: Date
}

const ago = (ms: number) => DateTime.now().minus({ milliseconds: ms })
const at = (ms: number) => DateTime.fromMillis(ms)

/** Claims up to `limit` due recipients for this dispatcher (rows others hold are skipped). */
async function claimDue(
  trx: TransactionClientContract,
  ref: CampaignRef,
  limit: number,
  numberId: string | null
): Promise<Due[]> {
  const { rows } = await trx.rawQuery(
    `SELECT id, contact_id, step, variant, due_at FROM campaign_recipients
      WHERE tenant_id = ? AND workspace_id = ? AND campaign_id = ? AND status = 'queued'
        AND message_id IS NULL AND variant IS NOT NULL AND due_at <= now()
        ${numberId ? 'AND (whatsapp_number_id IS NULL OR whatsapp_number_id = ?)' : ''}
      ORDER BY due_at, id
      LIMIT ?
      FOR UPDATE SKIP LOCKED`,
    [ref.tenantId, ref.workspaceId, ref.campaignId, ...(numberId ? [numberId] : []), limit]
  )
  return rows
}

/** Campaign messages each contact got in the cap's window (send times, oldest first). */
async function capWindows(
  trx: TransactionClientContract,
  ref: CampaignRef,
  campaign: Campaign,
  contactIds: string[]
) {
  const cap = campaign.limits.frequencyCap
  const result = new Map<string, Date[]>()
  if (!cap || !contactIds.length) return result
  const { rows } = await trx.rawQuery(
    `SELECT contact_id, array_agg(sent_at ORDER BY sent_at) AS sent
       FROM campaign_recipients
      WHERE tenant_id = ? AND contact_id = ANY(?::uuid[])
        AND sent_at > now() - make_interval(days => ?)
      GROUP BY contact_id`,
    [ref.tenantId, uuidArray(contactIds), cap.days]
  )
  for (const row of rows)
    result.set(
      row.contact_id,
      row.sent.map((d: string) => new Date(d))
    )
  return result
}

/** What becomes of a recipient whose turn came, before any message is made. */
type Verdict =
  | { kind: 'send' }
  | { kind: 'leave'; status: 'skipped' | 'exited'; reason: string }
  | { kind: 'later'; until: DateTime }

function judge(
  campaign: Campaign,
  contact: Contact | undefined,
  reachable: boolean,
  sentInWindow: Date[] | undefined
): Verdict {
  // A drip's contact leaves the drip; a broadcast's is skipped.
  const leave = (reason: string): Verdict => ({
    kind: 'leave',
    status: campaign.kind === 'drip' ? 'exited' : 'skipped',
    reason,
  })
  if (!contact) return leave('noChannel')
  if (contact.optedOutAt) return leave('optedOut')
  if (contact.blocked) return leave('blocked')
  if (!reachable) return { kind: 'leave', status: 'skipped', reason: 'noChannel' }
  const cap = campaign.limits.frequencyCap
  if (cap && sentInWindow && sentInWindow.length >= cap.messages) {
    if (campaign.kind === 'broadcast')
      return { kind: 'leave', status: 'skipped', reason: 'frequencyCap' }
    // A drip waits until the oldest message in the window falls out of it.
    const frees = sentInWindow[sentInWindow.length - cap.messages]
    return { kind: 'later', until: DateTime.fromJSDate(frees).plus({ days: cap.days }) }
  }
  const quiet = campaign.limits.quietHours
  if (quiet) {
    const now = DateTime.utc()
    const allowed = nextAllowed(now, zonesOf(contact, campaign.schedule?.timezone), quiet)
    if (allowed > now) return { kind: 'later', until: allowed }
  }
  return { kind: 'send' }
}

async function applyVerdict(
  trx: TransactionClientContract,
  ref: CampaignRef,
  recipientId: string,
  verdict: Exclude<Verdict, { kind: 'send' }>
) {
  const where = [ref.tenantId, recipientId]
  if (verdict.kind === 'later') {
    await trx.rawQuery(
      `UPDATE campaign_recipients SET due_at = ?, updated_at = now() WHERE tenant_id = ? AND id = ?`,
      [verdict.until.toJSDate(), ...where]
    )
  } else {
    await trx.rawQuery(
      `UPDATE campaign_recipients SET status = ?, reason = ?, updated_at = now()
        WHERE tenant_id = ? AND id = ?`,
      [verdict.status, verdict.reason, ...where]
    )
  }
}

/** Renders a step's variant for a contact (templates parsed, uploads looked up once per run). */
class Renderer {
  #parsed = new Map<string, MessageTemplate | null>()
  #uploads = new Map<string, Attachment | null>()
  constructor(
    private trx: TransactionClientContract,
    private ref: CampaignRef,
    private campaign: Campaign,
    private workspaceName: string | null
  ) {}

  /**
   * The variant's upload: undefined when it has none, null when it is gone (the campaign holds
   * it from purging while it runs, so only a bug or a hand-made deletion gets there).
   */
  async attachment(step: number, variant: number): Promise<Attachment | null | undefined> {
    const id = this.campaign.steps[step]?.variants[variant]?.attachmentId
    if (!id) return undefined
    if (!this.#uploads.has(id)) {
      const upload = await Attachment.scoped({ trx: this.trx, ...this.ref })
        .where('id', id)
        .first()
      this.#uploads.set(id, upload)
    }
    return this.#uploads.get(id)
  }

  render(step: number, variant: number, contact: Contact): string | null {
    const key = `${step}:${variant}`
    if (!this.#parsed.has(key)) {
      const source = this.campaign.steps[step]?.variants[variant]?.body
      const parsed = source === undefined ? null : parseTemplate(source)
      this.#parsed.set(key, parsed?.ok ? parsed.template : null)
    }
    const template = this.#parsed.get(key)
    if (!template) return null
    return template.render({
      contact: {
        name: contact.name,
        phone: contact.phone,
        email: contact.email,
        attributes: contact.attributes,
      },
      workspace: { name: this.workspaceName },
    })
  }
}

async function loadRunning(trx: TransactionClientContract, ref: CampaignRef) {
  const campaign = await Campaign.scoped({ trx, ...ref })
    .where('id', ref.campaignId)
    .forUpdate()
    .first()
  return campaign?.status === 'running' ? campaign : null
}

async function rendererFor(trx: TransactionClientContract, ref: CampaignRef, campaign: Campaign) {
  const workspace = await Workspace.scoped({ trx, tenantId: ref.tenantId })
    .where('id', ref.workspaceId)
    .first()
  return new Renderer(trx, ref, campaign, workspace?.name ?? null)
}

async function contactsOf(trx: TransactionClientContract, ref: CampaignRef, due: Due[]) {
  const contacts = due.length
    ? await Contact.scoped({ trx, ...ref }).whereIn(
        'id',
        due.map((d) => d.contact_id)
      )
    : []
  return new Map(contacts.map((c) => [c.id, c]))
}

/**
 * When this dispatcher looks again once nothing is due now: at the next due recipient (at most a
 * minute away, so a re-plan's newcomers and a decided A/B winner are not kept waiting), or never
 * when nothing is queued any more, after completing the campaign if it is done.
 */
async function idleUntil(
  trx: TransactionClientContract,
  ref: CampaignRef,
  campaign: Campaign
): Promise<DateTime | null> {
  const { rows } = await trx.rawQuery(
    `SELECT min(due_at) FILTER (WHERE message_id IS NULL AND variant IS NOT NULL) AS next,
            count(*)::int AS queued
       FROM campaign_recipients
      WHERE tenant_id = ? AND campaign_id = ? AND status = 'queued'`,
    [ref.tenantId, ref.campaignId]
  )
  const { next, queued } = rows[0] as { next: Date | null; queued: number }
  const recheck = DateTime.now().plus({ milliseconds: engineSettings.idleRecheckMs })
  if (queued > 0) {
    if (!next)
      return DateTime.now().plus({ milliseconds: Math.min(2000, engineSettings.idleRecheckMs) })
    const due = DateTime.fromJSDate(next)
    return due < recheck ? due : recheck
  }
  // Drips enrol newcomers to their segment for as long as they run; a list of contacts ends.
  const enrolling = campaign.kind === 'drip' && !('contactIds' in campaign.audience)
  if (enrolling) return recheck
  if (campaign.plannedAt) await completeCampaign(trx, ref)
  return null
}

/** Running → completed, once, when nothing is queued; records `campaign:changed`. */
export async function completeCampaign(trx: TransactionClientContract, ref: CampaignRef) {
  const { rowCount } = await trx.rawQuery(
    `UPDATE campaigns SET status = 'completed', completed_at = now(), updated_at = now()
      WHERE tenant_id = ? AND workspace_id = ? AND id = ? AND status = 'running'
        AND planned_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM campaign_recipients r WHERE r.tenant_id = campaigns.tenant_id
                          AND r.campaign_id = campaigns.id AND r.status = 'queued')`,
    [ref.tenantId, ref.workspaceId, ref.campaignId]
  )
  if (!rowCount) return false
  await recordEvent(trx, 'campaign:changed', {
    ...ref,
    status: 'completed',
    cause: 'completed',
  })
  return true
}

export interface DispatchOutcome {
  /** When to run again; null: this dispatcher is done. */
  next: DateTime | null
  /** Messages made in this run. */
  sent: number
}

/** One run of a WhatsApp dispatcher for (campaign, number). */
export async function dispatchWhatsApp(
  ref: CampaignRef,
  numberId: string
): Promise<DispatchOutcome> {
  // The number's pace as its sender keeps it (read outside the transaction).
  const history: SendHistory = await redis
    .get(paceKey(numberId))
    .then((raw) => (raw ? JSON.parse(raw) : { lastSentAt: 0, day: '', sentToday: 0 }))
  return withTenant(ref, async (trx) => {
    const done = { next: null, sent: 0 }
    const campaign = await loadRunning(trx, ref)
    if (!campaign) return done
    const number = await WhatsAppNumber.scoped({ trx, ...ref })
      .where('id', numberId)
      .first()
    if (!number) return done
    if (number.status !== 'open') {
      // A reconnect takes seconds; a number logged out, or away for long, stops the campaign.
      const reconnecting =
        ['connecting', 'closed'].includes(number.status) &&
        number.updatedAt > ago(engineSettings.numberGraceMs)
      if (reconnecting) return { next: DateTime.now().plus({ seconds: 5 }), sent: 0 }
      const name = number.phone ? `${number.label} (${number.phone})` : number.label
      await pauseCampaign(
        trx,
        ref,
        'number_disconnected',
        `The WhatsApp number ${name} is ${number.status === 'logged_out' ? 'logged out' : 'not connected'}${number.lastError ? `: ${number.lastError}` : ''}`
      )
      return done
    }
    const outcomes = await recentOutcomes(trx, ref)
    if (failureRateTripped(outcomes)) {
      await pauseCampaign(
        trx,
        ref,
        'failure_rate',
        `${outcomes.failed} of the last ${outcomes.total} messages failed (more than 25%)`
      )
      return done
    }
    // One campaign message in flight per number, whichever campaign sent it.
    const inFlight = await trx
      .from('campaign_recipients')
      .where('tenant_id', ref.tenantId)
      .where('whatsapp_number_id', numberId)
      .where('status', 'queued')
      .whereNotNull('message_id')
      .select('id')
      .first()
    if (inFlight) return { next: DateTime.now().plus({ milliseconds: 500 }), sent: 0 }
    // The number's next pace slot (its earliest: the sender adds its own jitter on top).
    const now = Date.now()
    const slot = nextSendAt(
      pacingOf(number.pacing),
      history,
      number.warmupStartedAt?.toMillis() ?? null,
      now,
      0
    )
    if (slot > now) return { next: at(slot), sent: 0 }
    const perMinute = campaign.limits.perMinute
    if (perMinute) {
      const { granted, at: free } = await takeSlots(ref.campaignId, perMinute, 1)
      if (!granted) return { next: at(free), sent: 0 }
    }

    const due = await claimDue(trx, ref, 20, numberId)
    const contacts = await contactsOf(trx, ref, due)
    const windows = await capWindows(trx, ref, campaign, [...contacts.keys()])
    const renderer = await rendererFor(trx, ref, campaign)
    for (const row of due) {
      const contact = contacts.get(row.contact_id)
      const verdict = judge(campaign, contact, Boolean(contact?.phone), windows.get(row.contact_id))
      if (verdict.kind !== 'send') {
        await applyVerdict(trx, ref, row.id, verdict)
        continue
      }
      const body = renderer.render(row.step, row.variant, contact!)
      const attachment = await renderer.attachment(row.step, row.variant)
      if (body === null || attachment === null) {
        await applyVerdict(trx, ref, row.id, {
          kind: 'leave',
          status: 'skipped',
          reason: body === null ? 'template' : 'attachment',
        })
        continue
      }
      // The plan's campaign recipients: none left pauses the campaign (this row stays queued).
      const { allowed, refusal } = await recipientsAllowed(trx, ref, 1)
      if (!allowed) {
        await pauseForQuota(trx, ref, refusal!)
        if (perMinute) await returnSlots(ref.campaignId, perMinute, 1)
        return done
      }
      const { conversation, created } = await whatsappConversationFor(
        { trx, ...ref },
        contact!,
        numberId
      )
      const message = await appendCampaignMessage(
        { trx, ...ref },
        {
          conversation,
          contact: contact!,
          created,
          body,
          campaignId: ref.campaignId,
          attachment,
        }
      )
      await trx.rawQuery(
        `UPDATE campaign_recipients SET message_id = ?, conversation_id = ?, whatsapp_number_id = ?,
                updated_at = now()
          WHERE tenant_id = ? AND id = ?`,
        [message.id, conversation.id, numberId, ref.tenantId, row.id]
      )
      await countRecipient(trx, ref, row.id)
      // Look again once the sender has had its turn (the message is in flight until then).
      return { next: DateTime.now().plus({ milliseconds: 500 }), sent: 1 }
    }
    if (perMinute) await returnSlots(ref.campaignId, perMinute, 1)
    if (due.length) return { next: DateTime.now(), sent: 0 }
    return { next: await idleUntil(trx, ref, campaign), sent: 0 }
  })
}

/** One run of a web campaign's dispatcher: a batch of messages into web conversations. */
export async function dispatchWeb(ref: CampaignRef): Promise<DispatchOutcome> {
  return withTenant(ref, async (trx) => {
    const campaign = await loadRunning(trx, ref)
    if (!campaign) return { next: null, sent: 0 }
    let want = engineSettings.webBatch
    const perMinute = campaign.limits.perMinute
    if (perMinute) {
      // A second's worth at a time, so the minute's messages spread over it.
      want = Math.min(want, Math.max(1, Math.floor(perMinute / 60)))
      const { granted, at: free } = await takeSlots(ref.campaignId, perMinute, want)
      if (!granted) return { next: at(free), sent: 0 }
      want = granted
    }
    const due = await claimDue(trx, ref, want, null)
    if (perMinute) await returnSlots(ref.campaignId, perMinute, want - due.length)
    if (!due.length) return { next: await idleUntil(trx, ref, campaign), sent: 0 }
    const contacts = await contactsOf(trx, ref, due)
    const conversations = await webConversationsOf({ trx, ...ref }, [...contacts.keys()])
    const windows = await capWindows(trx, ref, campaign, [...contacts.keys()])
    const renderer = await rendererFor(trx, ref, campaign)
    const ready: { row: Due; contact: Contact; body: string; attachment?: Attachment }[] = []
    for (const row of due) {
      const contact = contacts.get(row.contact_id)
      const conversation = conversations.get(row.contact_id)
      const verdict = judge(campaign, contact, Boolean(conversation), windows.get(row.contact_id))
      if (verdict.kind !== 'send') {
        await applyVerdict(trx, ref, row.id, verdict)
        continue
      }
      const body = renderer.render(row.step, row.variant, contact!)
      const attachment = await renderer.attachment(row.step, row.variant)
      if (body === null || attachment === null) {
        await applyVerdict(trx, ref, row.id, {
          kind: 'leave',
          status: 'skipped',
          reason: body === null ? 'template' : 'attachment',
        })
        continue
      }
      ready.push({ row, contact: contact!, body, attachment })
    }
    // The plan's campaign recipients: what is left of the limit goes, then the campaign pauses
    // (the rest stay queued for a resume).
    const { allowed, refusal } = await recipientsAllowed(trx, ref, ready.length)
    const sent: { id: string; message: string; conversation: string }[] = []
    for (const { row, contact, body, attachment } of ready.slice(0, allowed)) {
      const conversation = conversations.get(row.contact_id)
      const message = await appendCampaignMessage(
        { trx, ...ref },
        {
          conversation: conversation!,
          contact,
          created: false,
          body,
          campaignId: ref.campaignId,
          attachment,
        }
      )
      await countRecipient(trx, ref, row.id)
      sent.push({ id: row.id, message: message.id, conversation: conversation!.id })
    }
    if (sent.length) {
      const ids = uuidArray(sent.map((s) => s.id))
      // One statement: the next drip steps are made from it by the trigger (migration 0025).
      await trx.rawQuery(
        `UPDATE campaign_recipients r SET status = 'sent', sent_at = now(), message_id = v.message,
                conversation_id = v.conversation, updated_at = now()
           FROM (SELECT unnest(?::uuid[]) AS id, unnest(?::uuid[]) AS message,
                        unnest(?::uuid[]) AS conversation) v
          WHERE r.tenant_id = ? AND r.id = ANY(?::uuid[]) AND r.id = v.id`,
        [
          ids,
          uuidArray(sent.map((s) => s.message)),
          uuidArray(sent.map((s) => s.conversation)),
          ref.tenantId,
          // Names the rows for the primary key: right after planning the table's statistics are
          // stale and the join alone was planned as a scan of every recipient per row (12 s for 94).
          ids,
        ]
      )
    }
    if (refusal && allowed < ready.length) {
      await pauseForQuota(trx, ref, refusal)
      return { next: null, sent: sent.length }
    }
    return { next: DateTime.now(), sent: sent.length }
  })
}

/**
 * The workspace's numbers a campaign spreads over: those connected, and those reconnecting right
 * now (a worker restart), whose dispatcher waits for them or trips the breaker after the grace.
 */
export async function sendingNumbers(
  trx: TransactionClientContract,
  ref: Omit<CampaignRef, 'campaignId'>
) {
  const numbers = await WhatsAppNumber.scoped({ trx, ...ref })
    .where((q) =>
      q
        .where('status', 'open')
        .orWhere((r) =>
          r
            .whereIn('status', ['connecting', 'closed'])
            .where('updated_at', '>', ago(engineSettings.numberGraceMs).toJSDate())
        )
    )
    .select('id')
  return numbers.map((n) => n.id)
}
