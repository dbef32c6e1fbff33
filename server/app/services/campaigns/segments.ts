import Contact from '#models/contact'
import type { SessionTenancy } from '#services/tenancy'
import { compileSegment, hasConversation, type SqlCondition } from '#services/campaigns/segment_sql'
import type { RuleGroup } from '#validators/segments'

export type SegmentChannel = 'whatsapp' | 'web'
type Scope = Pick<SessionTenancy, 'tenantId' | 'workspaceId' | 'trx'>

/** The scope's contacts that match the rules (a query to page, count or sample). */
export function matchingContacts(scope: Scope, rules: RuleGroup) {
  const { sql, bindings } = compileSegment(rules)
  return Contact.scoped(scope).whereRaw(sql, bindings)
}

/** Whether a contact can be reached on the channel: a phone for WhatsApp, a web conversation. */
const REACHABLE: Record<SegmentChannel, SqlCondition> = {
  whatsapp: { sql: 'contacts.phone IS NOT NULL', bindings: [] },
  web: hasConversation('web'),
}

/**
 * Who a campaign on `channel` would reach: the count of matching contacts that can be sent to,
 * the others by the first reason that excludes them (opted out, then blocked, then no way to
 * reach them on the channel), and up to 10 of those reached, newest first. One pass over the
 * matching contacts for the counts; the sample walks the newest-first index.
 */
export async function previewSegment(scope: Scope, rules: RuleGroup, channel: SegmentChannel) {
  const reach = REACHABLE[channel]
  const open = 'contacts.opted_out_at IS NULL AND NOT contacts.blocked'
  const [counts] = await matchingContacts(scope, rules)
    .clearSelect()
    .select(
      scope.trx.raw(
        `count(*) FILTER (WHERE ${open} AND ${reach.sql})::int AS count,
         count(*) FILTER (WHERE contacts.opted_out_at IS NOT NULL)::int AS opted_out,
         count(*) FILTER (WHERE contacts.opted_out_at IS NULL AND contacts.blocked)::int AS blocked,
         count(*) FILTER (WHERE ${open})::int AS open`,
        reach.bindings
      )
    )
    .pojo<{ count: number; opted_out: number; blocked: number; open: number }>()
  const sample = await matchingContacts(scope, rules)
    .whereRaw(`${open} AND ${reach.sql}`, reach.bindings)
    .orderBy('contacts.created_at', 'desc')
    .orderBy('contacts.id', 'desc')
    .limit(10)
  return {
    count: counts.count,
    excluded: {
      optedOut: counts.opted_out,
      blocked: counts.blocked,
      noChannel: counts.open - counts.count,
    },
    sample,
  }
}
