import type { HttpContext } from '@adonisjs/core/http'
import InboxPolicy from '#policies/inbox_policy'
import { UNREAD_SQL, unreadBindings } from '#services/inbox/read_marks'
import { STATUSES } from '#models/conversation'

/** GET /v1/inbox/summary: conversations by status, and how many the member has unread. */
export default class InboxSummariesController {
  async show({ member, bouncer }: HttpContext) {
    await bouncer.with(InboxPolicy).authorize('read')
    const { rows } = await member.trx.rawQuery(
      `select status, count(*)::int as count,
              count(*) filter (where ${UNREAD_SQL} > 0)::int as unread_conversations,
              count(*) filter (where assignee_id = ?)::int as mine
         from conversations where tenant_id = ? and workspace_id = ? group by status`,
      [...unreadBindings(member.memberId), member.memberId, member.tenantId, member.workspaceId]
    )
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<string, number>
    let unread = 0
    let mine = 0
    for (const row of rows) {
      byStatus[row.status] = row.count
      unread += row.unread_conversations
      if (row.status !== 'resolved' && row.status !== 'closed') mine += row.mine
    }
    return { byStatus, unreadConversations: unread, assignedToMe: mine }
  }
}
