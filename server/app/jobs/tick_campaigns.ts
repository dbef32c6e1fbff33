import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import PlanCampaign, { startDispatchers } from '#jobs/plan_campaign'
import { Job } from '#jobs/job'

/** How often a running drip looks for contacts who entered its segment. */
export const REPLAN_EVERY_MS = 5 * 60_000

/**
 * The campaigns' clock, every 30 s on one worker: drips that run re-plan every five minutes
 * (newcomers to the segment enrol), and every running or due campaign gets its planner and
 * dispatchers queued again. Their job ids make that a no-op while they are queued; after Redis
 * lost its data (a restart without persistence) it is what brings the campaigns back, since
 * PostgreSQL holds every recipient's state. Reads every tenant as the operator.
 */
export default class TickCampaigns extends Job<Record<string, never>> {
  static queue = 'campaigns'
  static jobName = 'tick-campaigns'
  static every = 30_000

  async handle() {
    const rows = await db
      .connection('relay')
      .from('campaigns')
      .where((q) =>
        q
          .where('status', 'running')
          .orWhere((s) => s.where('status', 'scheduled').where('send_at', '<=', new Date()))
      )
      .select(
        'tenant_id',
        'workspace_id',
        'id',
        'status',
        'channel',
        'kind',
        'audience',
        'launched_at',
        'planned_at'
      )
    for (const row of rows) {
      const ref = { tenantId: row.tenant_id, workspaceId: row.workspace_id, campaignId: row.id }
      const launched = row.launched_at ? new Date(row.launched_at).getTime() : 0
      if (row.status === 'scheduled' || !row.planned_at) {
        await PlanCampaign.enqueue({ ...ref, task: 'plan' }, String(launched))
        continue
      }
      await startDispatchers(ref, row.channel)
      const enrolling = row.kind === 'drip' && !('contactIds' in (row.audience ?? {}))
      if (!enrolling) continue
      const period = Math.floor(Date.now() / REPLAN_EVERY_MS)
      const fresh = await redis.set(
        `parley:campaign:replan:${row.id}`,
        '1',
        'PX',
        REPLAN_EVERY_MS,
        'NX'
      )
      if (fresh === 'OK') await PlanCampaign.enqueue({ ...ref, task: 'replan' }, String(period))
    }
  }
}
