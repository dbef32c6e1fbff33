import { ApiError } from '#exceptions/api_error'
import Contact from '#models/contact'
import CampaignRecipient from '#models/campaign_recipient'
import { conflict, lockCampaign } from '#services/campaigns/campaigns'
import { enrolInDrip } from '#services/campaigns/engine/planner'
import type { SessionTenancy } from '#services/tenancy'

type Scope = Pick<SessionTenancy, 'tenantId' | 'workspaceId' | 'trx'>

/**
 * `POST /v1/campaigns/:id/enrolments`: contacts join a drip that has started, from the reseller's
 * own code (a sign-up, a purchase) rather than a segment. Each contact is enrolled once per drip;
 * one who is opted out, blocked or not reachable on the channel gets a skipped row, as in a plan.
 * The drip's dispatcher picks new rows up within a minute (its idle re-check).
 */
export async function enrolContacts(scope: Scope, id: string, contactIds: string[]) {
  const campaign = await lockCampaign(scope, id)
  if (campaign.kind !== 'drip')
    throw conflict('Only a drip takes enrolments; a broadcast’s audience is fixed when it launches')
  if (!['running', 'paused'].includes(campaign.status) || !campaign.plannedAt)
    throw conflict(
      `The drip is ${campaign.status === 'scheduled' || campaign.status === 'running' ? 'not started yet' : campaign.status}; contacts are enrolled once it has started and until it ends`
    )
  const ids = [...new Set(contactIds)]
  const found = await Contact.scoped(scope).whereIn('id', ids).select('id')
  const known = new Set(found.map((c) => c.id))
  const missing = ids.filter((contactId) => !known.has(contactId))
  if (missing.length)
    throw ApiError.validation(
      missing.slice(0, 20).map((contactId) => ({
        field: `contactIds.${contactIds.indexOf(contactId)}`,
        message: 'No such contact in this workspace',
      }))
    )
  const added = await enrolInDrip(scope.trx, campaign, ids)
  await scope.trx.rawQuery(
    `UPDATE campaigns SET audience_count = (SELECT count(*) FROM campaign_recipients r
        WHERE r.tenant_id = campaigns.tenant_id AND r.campaign_id = campaigns.id AND r.step = 0),
        updated_at = now()
      WHERE tenant_id = ? AND id = ?`,
    [scope.tenantId, campaign.id]
  )
  const rows = await CampaignRecipient.scoped(scope)
    .where('campaign_id', campaign.id)
    .where('step', 0)
    .whereIn('contact_id', ids)
    .select('contact_id', 'status', 'reason')
  return {
    added,
    recipients: rows.map((row) => ({
      contactId: row.contactId,
      status: row.status,
      reason: row.reason,
    })),
  }
}
