import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { UUID_PATTERN } from '#validators/rules'
import type { SeedTarget } from '#services/inbox_seed'

/**
 * node ace inbox:seed <tenantId> --workspace <externalId> --conversations 100000 --messages 1000000
 * [--noise-workspaces 3] [--noise-conversations 10000] [--append] [--skip-vacuum]: a large, realistic inbox for
 * benchmarks. Rows are made in SQL (INSERT … SELECT over generate_series) in batches, never one
 * statement per row; each workspace is seeded in one transaction, so a failure leaves it as it was.
 */
export default class InboxSeed extends BaseCommand {
  static commandName = 'inbox:seed'
  static description =
    'Fill a workspace with conversations and messages (and other workspaces with noise) for benchmarks'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Tenant id' })
  declare tenantId: string

  @flags.string({ description: 'External id of the workspace to fill (created if missing)' })
  declare workspace: string

  @flags.number({ description: 'Conversations to add', default: 100_000 })
  declare conversations: number

  @flags.number({
    description: 'Messages to add (at least one per conversation)',
    default: 1_000_000,
  })
  declare messages: number

  @flags.number({ description: 'Other workspaces of the tenant to fill as noise', default: 3 })
  declare noiseWorkspaces: number

  @flags.number({ description: 'Conversations in each noise workspace', default: 10_000 })
  declare noiseConversations: number

  @flags.boolean({ description: 'Add to a workspace that already has conversations' })
  declare append: boolean

  @flags.boolean({
    description:
      'Leave VACUUM (ANALYZE) to the caller (several seeds at once each scanning every workspace)',
  })
  declare skipVacuum: boolean

  async run() {
    const { withTenant } = await import('#services/tenant_context')
    const { seedWorkspace, SEEDED_TABLES } = await import('#services/inbox_seed')
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { conversations, messages, noiseWorkspaces, noiseConversations } = this
    const counts = [conversations, messages, noiseWorkspaces, noiseConversations]
    if (!counts.every((n) => Number.isInteger(n) && n >= 0) || conversations < 1) {
      this.logger.error('Counts must be whole numbers, with at least one conversation')
      this.exitCode = 1
      return
    }
    if (messages < conversations) {
      this.logger.error('--messages must be at least --conversations (every thread has a message)')
      this.exitCode = 1
      return
    }
    if (!this.workspace) {
      this.logger.error('Name the workspace with --workspace <externalId>')
      this.exitCode = 1
      return
    }

    // Refuse before writing anything: a second run would double the workspace, not reset it.
    const tenantId = this.tenantId
    const found = UUID_PATTERN.test(tenantId)
      ? await withTenant(
          { tenantId },
          async (trx) => {
            if (!(await trx.from('tenants').where('id', tenantId).first())) return null
            const result = await trx.rawQuery(
              `select count(*)::int as n from conversations c
                 join workspaces w on w.tenant_id = c.tenant_id and w.id = c.workspace_id
                where w.tenant_id = ? and w.external_id = ?`,
              [tenantId, this.workspace]
            )
            return { existing: result.rows[0].n as number }
          },
          'operator'
        )
      : null
    if (!found) {
      this.logger.error(`No tenant ${tenantId}`)
      this.exitCode = 1
      return
    }
    if (found.existing && !this.append) {
      this.logger.error(
        `Workspace ${this.workspace} already has ${found.existing} conversations: pass --append to add more`
      )
      this.exitCode = 1
      return
    }

    const started = performance.now()
    // Noise workspaces keep the main workspace's messages-per-conversation ratio.
    const ratio = messages / conversations
    const targets: SeedTarget[] = [
      { externalId: this.workspace, conversations, messages },
      ...Array.from({ length: noiseConversations ? noiseWorkspaces : 0 }, (_, i) => ({
        externalId: `${this.workspace}-noise-${i + 1}`,
        conversations: noiseConversations,
        messages: Math.round(noiseConversations * ratio),
      })),
    ]
    for (const target of targets) {
      const progress = (line: string) =>
        this.logger.info(`${target.externalId}: ${line} (${since(started)} s)`)
      await withTenant(
        { tenantId },
        (trx) => seedWorkspace(trx, tenantId, target, progress),
        'operator'
      )
    }
    // Fresh statistics, or the planner plans for the empty tables it last sampled. VACUUM too: it
    // sets hint bits and the visibility map as autovacuum would have by now in a live database;
    // otherwise the first reads write them, in the middle of a benchmark.
    if (!this.skipVacuum) {
      this.logger.info('vacuum (analyze)')
      await db.connection('operator').rawQuery(`vacuum (analyze) ${SEEDED_TABLES}`)
    }
    const total = targets.reduce((sum, t) => sum + t.messages, 0)
    this.logger.success(
      `Seeded ${fmt(conversations)} conversations and ${fmt(messages)} messages into ${this.workspace}` +
        ` (${fmt(total)} messages in all, ${targets.length - 1} noise workspaces) in ${since(started)} s`
    )
  }
}

const fmt = (n: number) => n.toLocaleString('en')
const since = (started: number) => ((performance.now() - started) / 1000).toFixed(1)
