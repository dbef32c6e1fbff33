import Contact from '#models/contact'
import type { SessionTenancy } from '#services/tenancy'
import { compileSegment } from '#services/campaigns/segment_sql'
import type { RuleGroup } from '#validators/segments'

export type SegmentChannel = 'whatsapp' | 'web'
type Scope = Pick<SessionTenancy, 'tenantId' | 'workspaceId' | 'trx'>

/** The scope's contacts that match the rules (a query to page, count or sample). */
export function matchingContacts(scope: Scope, rules: RuleGroup) {
  const { sql, bindings } = compileSegment(rules)
  return Contact.scoped(scope).whereRaw(sql, bindings)
}

/** Whether a contact can be reached on the channel: a phone for WhatsApp, a web conversation. */
const REACHABLE: Record<SegmentChannel, string> = {
  whatsapp: 'contacts.phone IS NOT NULL',
  web: `EXISTS (SELECT 1 FROM conversations reach_cv WHERE reach_cv.tenant_id = contacts.tenant_id
    AND reach_cv.workspace_id = contacts.workspace_id AND reach_cv.contact_id = contacts.id
    AND reach_cv.channel = 'web')`,
}

/**
 * Who a campaign on `channel` would reach: the count of matching contacts that can be sent to,
 * the others by the first reason that excludes them (opted out, then blocked, then no way to
 * reach them on the channel), and up to 10 of those reached, newest first.
 */
export async function previewSegment(scope: Scope, rules: RuleGroup, channel: SegmentChannel) {
  const reachable = REACHABLE[channel]
  const eligible = `contacts.opted_out_at IS NULL AND NOT contacts.blocked AND ${reachable}`
  const [counts] = await matchingContacts(scope, rules)
    .clearSelect()
    .select(
      scope.trx.raw(
        `count(*) FILTER (WHERE ${eligible})::int AS count,
         count(*) FILTER (WHERE contacts.opted_out_at IS NOT NULL)::int AS opted_out,
         count(*) FILTER (WHERE contacts.opted_out_at IS NULL AND contacts.blocked)::int AS blocked,
         count(*) FILTER (WHERE contacts.opted_out_at IS NULL AND NOT contacts.blocked
           AND NOT (${reachable}))::int AS no_channel`
      )
    )
    .pojo<{ count: number; opted_out: number; blocked: number; no_channel: number }>()
  const sample = await matchingContacts(scope, rules)
    .whereRaw(eligible)
    .orderBy('contacts.created_at', 'desc')
    .orderBy('contacts.id', 'desc')
    .limit(10)
  return {
    count: counts.count,
    excluded: {
      optedOut: counts.opted_out,
      blocked: counts.blocked,
      noChannel: counts.no_channel,
    },
    sample,
  }
}
