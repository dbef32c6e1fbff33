/*
|--------------------------------------------------------------------------
| Bench part: campaign planning and dispatch (BENCH_ONLY=campaigns)
|--------------------------------------------------------------------------
|
| Run by bin/bench/campaigns.ts inside the bench's environment, after it seeded the audience
| (BENCH_CAMPAIGN names tenant and workspace). Boots the app and measures, in one run:
|   BullMQ's addBulk of as many jobs as the audience, the baseline for
|   the planner materialising a broadcast to the whole audience (recipients per second), and
|   the web dispatcher's time per message (it has no pacing: all of it is overhead), with the
|   statistics as planning leaves them and once analyzed.
| Prints one JSON line.
|
*/

import 'reflect-metadata'
import { randomUUID } from 'node:crypto'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../../', import.meta.url)
const app = new Ignitor(APP_ROOT, {
  importer: (file) => import(file.startsWith('.') ? new URL(file, APP_ROOT).href : file),
})
  .tap((a) => a.booting(async () => void (await import('#start/env'))))
  .createApp('console')
await app.init()
await app.boot()
await app.start(() => {})

const { Queue } = await import('bullmq')
const { queueConnection } = await import('#services/queues')
const { withTenant } = await import('#services/tenant_context')
const { default: db } = await import('@adonisjs/lucid/services/db')

const log = (line: string) => process.stderr.write(`[bench] campaigns: ${line}\n`)
const scope = JSON.parse(process.env.BENCH_CAMPAIGN!) as { tenantId: string; workspaceId: string }
const audience = Number(process.env.BENCH_CAMPAIGN_CONTACTS ?? 100_000)
const dispatchCount = Number(process.env.BENCH_CAMPAIGN_DISPATCH ?? 200)
const result: Record<string, unknown> = {}

/** addBulk in the planner's batch size, to a queue of its own, removed afterwards. */
async function addBulkBaseline(total: number, batch: number) {
  const queue = new Queue(`bench-addbulk-${randomUUID()}`, { connection: queueConnection() })
  const started = performance.now()
  for (let done = 0; done < total; done += batch) {
    const size = Math.min(batch, total - done)
    await queue.addBulk(
      Array.from({ length: size }, (_, i) => ({
        name: 'recipient',
        data: { contactId: randomUUID(), step: 0, n: done + i },
        opts: { jobId: `r-${done + i}` },
      }))
    )
  }
  const seconds = (performance.now() - started) / 1000
  await queue.obliterate({ force: true })
  await queue.close()
  return { jobs: total, seconds, perSecond: total / seconds }
}

/** A running broadcast on `channel` to `audience`, made as the app role. */
async function runningCampaign(name: string, channel: 'web' | 'whatsapp', audienceJson: unknown) {
  const id = randomUUID()
  await withTenant(scope, (trx) =>
    trx.table('campaigns').insert({
      tenant_id: scope.tenantId,
      workspace_id: scope.workspaceId,
      id,
      name,
      kind: 'broadcast',
      channel,
      audience: JSON.stringify(audienceJson),
      steps: JSON.stringify([
        { delayMinutes: 0, variants: [{ body: 'Hi {{ contact.name | default: "there" }}' }] },
      ]),
      limits: JSON.stringify({}),
      status: 'running',
      send_at: new Date(),
      launched_at: new Date(),
    })
  )
  return { ...scope, campaignId: id }
}

try {
  log(`BullMQ addBulk of ${audience.toLocaleString('en')} jobs (batches of 5,000)`)
  result.addBulk = await addBulkBaseline(audience, 5000)

  let planner: typeof import('#services/campaigns/engine/planner') | null = null
  try {
    planner = await import('#services/campaigns/engine/planner')
  } catch (error) {
    result.plannerMissing = String(error)
  }
  if (planner) {
    // Everyone seeded (all were created within the year).
    const everyone = {
      rules: { match: 'all', rules: [{ field: 'createdAt', operator: 'withinDays', value: 3650 }] },
    }
    for (const channel of ['web', 'whatsapp'] as const) {
      const ref = await runningCampaign(`Bench plan ${channel}`, channel, everyone)
      log(`planning a ${channel} broadcast to ${audience.toLocaleString('en')} contacts`)
      const started = performance.now()
      const planned = await planner.planRecipients(ref)
      const seconds = (performance.now() - started) / 1000
      result[`plan_${channel}`] = {
        recipients: planned?.audienceCount ?? 0,
        seconds,
        perSecond: (planned?.audienceCount ?? 0) / seconds,
      }
    }

    const dispatcher = await import('#services/campaigns/engine/dispatcher').catch(() => null)
    if (dispatcher) {
      const rows = await withTenant(scope, (trx) =>
        trx
          .from('contacts')
          .whereRaw(`channels @> '{web}' AND NOT blocked AND opted_out_at IS NULL`)
          .orderBy('id')
          .limit(dispatchCount)
          .select('id')
      )
      const ids = rows.map((r) => r.id as string)
      const ref = await runningCampaign('Bench dispatch web', 'web', { contactIds: ids })
      await planner.planRecipients(ref)
      // Right after planning, the table's statistics still describe it before the rows came
      // (autovacuum analyzes within a minute or so; it is off on some developer clusters): half
      // the messages as the planner leaves it, half once analyzed.
      const dispatchSome = async (limit: number) => {
        let sent = 0
        const started = performance.now()
        while (sent < limit) {
          const outcome = await dispatcher.dispatchWeb(ref)
          sent += outcome.sent
          if (!outcome.next || outcome.sent === 0) break
        }
        const ms = performance.now() - started
        return { messages: sent, ms, msPerMessage: ms / Math.max(1, sent) }
      }
      log(`dispatching ${ids.length.toLocaleString('en')} web messages`)
      dispatcher.engineSettings.webBatch = Math.min(100, Math.ceil(ids.length / 2))
      result.dispatchWebStale = await dispatchSome(Math.ceil(ids.length / 2))
      await db.connection('operator').rawQuery('ANALYZE campaign_recipients')
      result.dispatchWeb = await dispatchSome(ids.length)
    }
  }
} finally {
  process.stdout.write(`${JSON.stringify(result)}\n`)
  await app.terminate()
}
