import { DateTime } from 'luxon'
import { ApiError, type ErrorDetail } from '#exceptions/api_error'
import Attachment from '#models/attachment'
import Campaign, {
  type CampaignAudience,
  type CampaignChannel,
  type CampaignKind,
  type CampaignLimits,
  type CampaignSchedule,
  type CampaignStatus,
  type CampaignStep,
} from '#models/campaign'
import Contact from '#models/contact'
import Segment from '#models/segment'
import WhatsAppNumber from '#models/whatsapp_number'
import Workspace from '#models/workspace'
import type { DomainEvents } from '#events/domain_events'
import { recordEvent } from '#services/outbox'
import { scheduleInstant } from '#services/campaigns/schedule'
import { parseTemplate } from '#services/campaigns/template'
import type { SessionTenancy } from '#services/tenancy'
import { assertCampaignRecipients } from '#services/billing/entitlements'
import { UUID_PATTERN } from '#validators/rules'
import { kindProblems } from '#validators/campaigns'

/**
 * Campaigns as database state: create, edit, delete, and the transitions of their lifecycle
 *
 *   draft ──launch──▶ scheduled (send_at ahead) ──(engine, at send_at)──▶ running
 *     │                  │  ▲                                             │  ▲
 *     │                pause│resume                                     pause│resume
 *     │                  ▼  │                                             ▼  │
 *     └──launch──▶ running  paused ◀───────────────────────────────────────┘
 *   running ──(engine)──▶ completed | failed;  scheduled | running | paused ──cancel──▶ cancelled
 *
 * Each change records `campaign:changed` in its own transaction: the engine starts on `launched`
 * and `resumed`, and every change is published as `campaign.updated`. Rows are locked while they
 * change, so a transition and the engine's own (completed, failed, a breaker's pause) never cross.
 */

type Scope = Pick<SessionTenancy, 'tenantId' | 'workspaceId' | 'trx'> & { memberId?: string }
type Cause = DomainEvents['campaign:changed']['cause']

export interface CampaignInput {
  name: string
  kind: CampaignKind
  channel: CampaignChannel
  audience: { segmentId?: string; rules?: unknown; contactIds?: string[] }
  steps: CampaignStep[]
  schedule?: CampaignSchedule | null
  limits?: CampaignLimits
}

const EDITABLE: CampaignStatus[] = ['draft', 'scheduled', 'paused']
const DELETABLE: CampaignStatus[] = ['draft', 'paused', 'completed', 'cancelled', 'failed']

export const conflict = (message: string) => new ApiError('CONFLICT', message)

async function changed(scope: Scope, campaign: Campaign, cause: Cause) {
  await recordEvent(scope.trx, 'campaign:changed', {
    tenantId: scope.tenantId,
    workspaceId: scope.workspaceId,
    campaignId: campaign.id,
    status: campaign.status,
    cause,
  })
}

/** The scope's campaign, locked for the rest of the transaction, or 404. */
export async function lockCampaign(scope: Scope, id: string) {
  const found = UUID_PATTERN.test(id)
    ? await Campaign.scoped(scope).where('id', id).forUpdate().first()
    : null
  if (!found) throw ApiError.notFound('Campaign')
  return found
}

/** Only the given fields of an audience (`{ segmentId }`, `{ rules }` or `{ contactIds }`, deduplicated). */
function normalAudience(audience: CampaignInput['audience']): CampaignAudience {
  if (audience.segmentId) return { segmentId: audience.segmentId }
  if (audience.contactIds) return { contactIds: [...new Set(audience.contactIds)] }
  return { rules: audience.rules } as CampaignAudience
}

/** What only the database can say: the segment, the contacts and the attachments exist here. */
async function referenceProblems(
  scope: Scope,
  audience: CampaignAudience | undefined,
  steps: CampaignStep[] | undefined
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = []
  if (audience && 'segmentId' in audience) {
    const segment = await Segment.scoped(scope).where('id', audience.segmentId).first()
    if (!segment)
      problems.push({ field: 'audience.segmentId', message: 'No such segment in this workspace' })
  }
  if (audience && 'contactIds' in audience) {
    const ids = audience.contactIds
    const rows = await Contact.scoped(scope).whereIn('id', ids).select('id')
    const found = new Set(rows.map((c) => c.id))
    const missing = ids.filter((id) => !found.has(id))
    problems.push(
      ...missing.slice(0, 20).map((id) => ({
        field: `audience.contactIds.${ids.indexOf(id)}`,
        message: 'No such contact in this workspace',
      }))
    )
    if (missing.length > 20)
      problems.push({
        field: 'audience.contactIds',
        message: `${missing.length} of the contacts are not in this workspace`,
      })
  }
  const wanted = (steps ?? []).flatMap((step, i) =>
    step.variants.flatMap((v, j) =>
      v.attachmentId ? [{ id: v.attachmentId, field: `steps.${i}.variants.${j}.attachmentId` }] : []
    )
  )
  if (wanted.length) {
    const rows = await Attachment.scoped(scope)
      .whereIn(
        'id',
        wanted.map((w) => w.id)
      )
      .select('id')
    const found = new Set(rows.map((a) => a.id))
    for (const w of wanted)
      if (!found.has(w.id))
        problems.push({
          field: w.field,
          message: 'No such attachment in this workspace (upload it with POST /v1/attachments)',
        })
  }
  return problems
}

export async function createCampaign(scope: Scope, input: CampaignInput) {
  const audience = normalAudience(input.audience)
  const problems = await referenceProblems(scope, audience, input.steps)
  if (problems.length) throw ApiError.validation(problems)
  const campaign = await Campaign.create(
    {
      tenantId: scope.tenantId,
      workspaceId: scope.workspaceId,
      name: input.name,
      kind: input.kind,
      channel: input.channel,
      audience,
      steps: input.steps,
      schedule: input.schedule ?? null,
      limits: input.limits ?? {},
      status: 'draft',
      sendAt: input.schedule ? scheduleInstant(input.schedule) : null,
      winners: {},
      createdByMemberId: scope.memberId ?? null,
    },
    { client: scope.trx }
  )
  await campaign.refresh()
  await changed(scope, campaign, 'created')
  return campaign
}

/** Once launched, recipients point at steps and variants by index: those must keep meaning the same. */
function launchedEditProblems(campaign: Campaign, input: Partial<CampaignInput>) {
  if (input.kind !== undefined && input.kind !== campaign.kind)
    return 'The kind of a launched campaign cannot change'
  if (input.channel !== undefined && input.channel !== campaign.channel)
    return 'The channel of a launched campaign cannot change'
  if (input.steps) {
    const removed = input.steps.length < campaign.steps.length
    const regrouped = campaign.steps.some(
      (step, i) => input.steps![i] && input.steps![i].variants.length !== step.variants.length
    )
    if (removed || regrouped)
      return 'Once launched, steps can be edited and added, but no step or variant can be removed or added to an existing step'
  }
  if (input.audience && campaign.plannedAt)
    return 'The audience was already planned; it cannot change now'
  if (input.schedule !== undefined && campaign.status === 'scheduled')
    return 'Pause the campaign to change its schedule'
  return null
}

/** PATCH: while draft, scheduled or paused; fields not given are kept. */
export async function updateCampaign(scope: Scope, id: string, input: Partial<CampaignInput>) {
  const campaign = await lockCampaign(scope, id)
  if (!EDITABLE.includes(campaign.status))
    throw conflict(
      `The campaign is ${campaign.status}; it can be changed while draft, scheduled or paused`
    )
  if (campaign.status !== 'draft') {
    const problem = launchedEditProblems(campaign, input)
    if (problem) throw conflict(problem)
  }
  const audience = input.audience ? normalAudience(input.audience) : undefined
  const problems = [
    // The kind and the steps may come from different requests.
    ...kindProblems(input.kind ?? campaign.kind, input.steps ?? campaign.steps),
    ...(await referenceProblems(scope, audience, input.steps)),
  ]
  if (problems.length) throw ApiError.validation(problems)

  if (input.name !== undefined) campaign.name = input.name
  if (input.kind !== undefined) campaign.kind = input.kind
  if (input.channel !== undefined) campaign.channel = input.channel
  if (audience) campaign.audience = audience
  if (input.steps) campaign.steps = input.steps
  if (input.limits) campaign.limits = input.limits
  if (input.schedule !== undefined) {
    campaign.schedule = input.schedule
    const at = input.schedule ? scheduleInstant(input.schedule) : null
    // A paused campaign was launched: without a schedule it goes on when resumed.
    if (campaign.status === 'draft') campaign.sendAt = at
    else if (at) campaign.sendAt = at
  }
  await campaign.save()
  await changed(scope, campaign, 'edited')
  return campaign
}

/** Drafts, paused and finished campaigns; a running or scheduled one must be paused or cancelled. */
export async function deleteCampaign(scope: Scope, id: string) {
  const campaign = await lockCampaign(scope, id)
  if (!DELETABLE.includes(campaign.status))
    throw conflict(`The campaign is ${campaign.status}; pause or cancel it first`)
  await campaign.delete()
}

/** Why the campaign cannot start sending now, or nothing. */
async function sendingConflict(scope: Scope, campaign: Campaign) {
  if (campaign.channel === 'whatsapp') {
    const open = await WhatsAppNumber.scoped(scope).where('status', 'open').first()
    if (!open) return 'No connected WhatsApp number'
  }
  const audience = campaign.audience
  if ('segmentId' in audience) {
    const segment = await Segment.scoped(scope).where('id', audience.segmentId).first()
    if (!segment) return 'The audience’s segment was deleted; choose another audience'
  }
  return null
}

export async function launchCampaign(scope: Scope, id: string) {
  const campaign = await lockCampaign(scope, id)
  if (campaign.status !== 'draft')
    throw conflict(`The campaign is ${campaign.status}; only a draft can be launched`)
  const problem = await sendingConflict(scope, campaign)
  if (problem) throw conflict(problem)
  // The plan's campaign recipients already used up: 402 naming the limit and its reset.
  await assertCampaignRecipients(scope, 1)
  const now = DateTime.utc()
  let sendAt: DateTime = now
  if (campaign.schedule) {
    sendAt = scheduleInstant(campaign.schedule)
    if (sendAt <= now) {
      const { sendAt: local, timezone } = campaign.schedule
      throw conflict(
        `The scheduled time, ${local} in ${timezone} (${sendAt.toISO()}), has passed; set a later one, or null to send now`
      )
    }
  }
  campaign.merge({
    status: sendAt > now ? 'scheduled' : 'running',
    sendAt,
    launchedAt: now,
    pausedReason: null,
    error: null,
  })
  await campaign.save()
  await changed(scope, campaign, 'launched')
  return campaign
}

export async function pauseCampaign(scope: Scope, id: string) {
  const campaign = await lockCampaign(scope, id)
  if (campaign.status !== 'running' && campaign.status !== 'scheduled')
    throw conflict(
      `The campaign is ${campaign.status}; only a running or scheduled campaign can be paused`
    )
  campaign.merge({ status: 'paused', pausedReason: 'manual' })
  await campaign.save()
  await changed(scope, campaign, 'paused')
  return campaign
}

/** Paused → running, or scheduled while its time is still ahead. */
export async function resumeCampaign(scope: Scope, id: string) {
  const campaign = await lockCampaign(scope, id)
  if (campaign.status !== 'paused')
    throw conflict(`The campaign is ${campaign.status}; only a paused campaign can be resumed`)
  const problem = await sendingConflict(scope, campaign)
  if (problem) throw conflict(problem)
  const now = DateTime.utc()
  const ahead = campaign.sendAt !== null && campaign.sendAt > now
  campaign.merge({ status: ahead ? 'scheduled' : 'running', pausedReason: null, error: null })
  await campaign.save()
  await changed(scope, campaign, 'resumed')
  return campaign
}

/** Stops it for good: recipients still queued leave with the reason `cancelled`. */
export async function cancelCampaign(scope: Scope, id: string) {
  const campaign = await lockCampaign(scope, id)
  if (campaign.status === 'draft')
    throw conflict('A draft has not been launched; delete it instead')
  if (!['scheduled', 'running', 'paused'].includes(campaign.status))
    throw conflict(`The campaign is already ${campaign.status}`)
  campaign.merge({ status: 'cancelled', completedAt: DateTime.utc() })
  await campaign.save()
  await scope.trx
    .from('campaign_recipients')
    .where('tenant_id', scope.tenantId)
    .where('workspace_id', scope.workspaceId)
    .where('campaign_id', campaign.id)
    .where('status', 'queued')
    .update({ status: 'exited', reason: 'cancelled', updated_at: new Date() })
  await changed(scope, campaign, 'cancelled')
  return campaign
}

/**
 * Every step's message for one contact, each variant rendered. `body` is the first variant's;
 * which variant a contact gets is the engine's weighted choice when it plans the campaign.
 */
export async function previewCampaign(scope: Scope, campaign: Campaign, contactId: string) {
  const contact = await Contact.findScoped(scope, contactId, 'Contact')
  const workspace = await Workspace.scoped(scope).where('id', scope.workspaceId).first()
  const context = {
    contact: {
      name: contact.name,
      phone: contact.phone,
      email: contact.email,
      attributes: contact.attributes,
    },
    workspace: { name: workspace?.name ?? null },
  }
  const render = (body: string) => {
    const parsed = parseTemplate(body)
    // Stored bodies were checked when saved; a body that no longer parses is shown as it is.
    return parsed.ok ? parsed.template.render(context) : body
  }
  return {
    contactId: contact.id,
    steps: campaign.steps.map((step, index) => {
      const variants = step.variants.map((v, i) => ({
        index: i,
        body: render(v.body),
        attachmentId: v.attachmentId ?? null,
        weight: v.weight ?? 1,
      }))
      return { step: index, delayMinutes: step.delayMinutes, body: variants[0].body, variants }
    }),
  }
}
