import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * Running totals of the usage ledger per billing period, so recording a use and checking a quota
 * read one row instead of summing the period. A row holds the sum of the workspace's records of a
 * feature that occurred at or after `period_start` (what entitlements used to sum); recordUsage
 * adds to it in the statement that writes the ledger row, and only when that row is new. Only the
 * current period's row is kept (recordUsage drops the others when it writes), and a missing row is
 * seeded from the ledger on first use, so a period returned to (a plan cancelled in the month it
 * began) is summed afresh, never read stale.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('usage_totals', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.string('feature', 40).notNullable()
      table.timestamp('period_start', { useTz: true }).notNullable()
      table.decimal('used', 20, 3).notNullable().defaultTo(0)
      table.primary(['tenant_id', 'workspace_id', 'feature', 'period_start'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
    })
    this.schema.raw(isolate('usage_totals', 'workspace', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']))
    // Today's totals from the ledger, for the period each workspace is in now (as planState
    // reckons it then: the subscription's period while entitled, else the calendar month). A
    // subscription whose renewal has not arrived yet is left out: its row is seeded on first use.
    this.schema.raw(`
      INSERT INTO usage_totals (tenant_id, workspace_id, feature, period_start, used)
      SELECT r.tenant_id, r.workspace_id, r.feature, s.period_start, sum(r.quantity)
        FROM usage_records r
        JOIN (
          SELECT w.tenant_id, w.id AS workspace_id,
                 CASE
                   WHEN b.plan_id IS NOT NULL AND p.limits IS NOT NULL
                        AND b.status IN ('active', 'trialing', 'past_due')
                        AND b.current_period_start IS NOT NULL AND b.current_period_end IS NOT NULL
                     THEN CASE WHEN b.current_period_end > now() THEN b.current_period_start END
                   ELSE date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                 END AS period_start
            FROM workspaces w
            LEFT JOIN workspace_billing b ON b.tenant_id = w.tenant_id AND b.workspace_id = w.id
            LEFT JOIN plans p ON p.tenant_id = b.tenant_id AND p.id = b.plan_id
        ) s ON s.tenant_id = r.tenant_id AND s.workspace_id = r.workspace_id
       WHERE s.period_start IS NOT NULL AND r.occurred_at >= s.period_start
       GROUP BY r.tenant_id, r.workspace_id, r.feature, s.period_start
    `)
  }

  async down() {
    this.schema.dropTable('usage_totals')
  }
}
