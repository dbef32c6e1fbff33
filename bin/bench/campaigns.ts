import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import pg from 'pg'
import { seedCampaignAudience } from './campaign_seed.js'
import type { BenchContext } from './context.js'

/**
 * Campaigns at 100,000 contacts (BENCH_ONLY=campaigns): the segment preview's latency for a tag
 * rule, an attribute rule and each channel; planning a broadcast to all of them beside BullMQ's
 * addBulk of as many jobs; the web dispatcher's time per message; the widget's chunk.
 */
export default async function campaignsPart(ctx: BenchContext) {
  const { root, env, base, tenant, noise, mint, say, results, adminUrl } = ctx
  const contacts = Number(process.env.BENCH_CAMPAIGN_CONTACTS ?? 100_000)
  const fmt = (n: number) => Math.round(n).toLocaleString('en')
  // Signed in first, which creates the workspaces (an idle keep-alive socket would not survive the seed).
  const agent = await mint(tenant.secretKey, 'campaign-co', 'bench_campaigns')
  const other = await mint(noise.secretKey, 'campaign-co', 'bench_campaigns')

  say(`campaigns: seeding ${fmt(contacts)} contacts (and a tenth in another tenant)`)
  const db = new pg.Client({ connectionString: adminUrl })
  await db.connect()
  const seedStarted = performance.now()
  await seedCampaignAudience(db, agent.tenantId, agent.workspaceId, contacts)
  const seedSeconds = (performance.now() - seedStarted) / 1000
  await seedCampaignAudience(db, other.tenantId, other.workspaceId, Math.ceil(contacts / 10))
  await db.end()
  results.push([
    `campaigns: seed ${fmt(contacts)} contacts + conversations (INSERT … SELECT)`,
    `${seedSeconds.toFixed(1)} s`,
  ])

  // One request at a time: the latency a person building a segment sees.
  const cases = [
    [
      'tag rule (tags contains vip), web',
      { field: 'tags', operator: 'contains', value: 'vip' },
      'web',
    ],
    [
      'attribute rule (plan is pro), web',
      { field: 'attributes.plan', operator: 'is', value: 'pro' },
      'web',
    ],
    ['everyone, channel web', { field: 'createdAt', operator: 'withinDays', value: 3650 }, 'web'],
    [
      'everyone, channel whatsapp',
      { field: 'createdAt', operator: 'withinDays', value: 3650 },
      'whatsapp',
    ],
    [
      'channel rule (channel is web), whatsapp',
      { field: 'channel', operator: 'is', value: 'web' },
      'whatsapp',
    ],
  ] as const
  const runs = Number(process.env.BENCH_CAMPAIGN_PREVIEWS ?? 25)
  for (const [label, rule, channel] of cases) {
    const body = JSON.stringify({ rules: { match: 'all', rules: [rule] }, channel })
    const preview = async () => {
      const started = performance.now()
      const response = await fetch(`${base}/v1/segments/preview`, {
        method: 'POST',
        headers: { 'authorization': `Bearer ${agent.token}`, 'content-type': 'application/json' },
        body,
      })
      const json = (await response.json()) as { count: number }
      if (!response.ok) throw new Error(`preview ${response.status}: ${JSON.stringify(json)}`)
      return { ms: performance.now() - started, count: json.count }
    }
    for (let i = 0; i < 3; i++) await preview()
    const times: number[] = []
    let count = 0
    for (let i = 0; i < runs; i++) {
      const { ms, count: n } = await preview()
      times.push(ms)
      count = n
    }
    times.sort((a, b) => a - b)
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]
    results.push([
      `campaigns: POST /v1/segments/preview, ${label} (goal p50 < 200 ms)`,
      `p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, ${runs} in turn, count ${fmt(count)}`,
    ])
  }

  say('campaigns: addBulk baseline, planning and dispatch (a process of its own)')
  const out = execFileSync(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'bin/bench/campaigns_run.ts'],
    {
      cwd: root,
      env: {
        ...env,
        BENCH_CAMPAIGN: JSON.stringify({
          tenantId: agent.tenantId,
          workspaceId: agent.workspaceId,
        }),
        BENCH_CAMPAIGN_CONTACTS: String(contacts),
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }
  )
  const run = JSON.parse(out.trim().split('\n').pop()!)
  const rate = (r: { perSecond: number; seconds: number }) =>
    `${fmt(r.perSecond)}/s (${r.seconds.toFixed(1)} s)`
  results.push([
    `campaigns: BullMQ addBulk ${fmt(run.addBulk.jobs)} jobs, baseline`,
    rate(run.addBulk),
  ])
  if (run.plannerMissing) results.push(['campaigns: planner', 'not built yet'])
  for (const channel of ['web', 'whatsapp']) {
    const plan = run[`plan_${channel}`]
    if (plan)
      results.push([
        `campaigns: plan a ${channel} broadcast to ${fmt(plan.recipients)} (goal ≥ 10,000/s)`,
        rate(plan),
      ])
  }
  for (const [key, when] of [
    ['dispatchWebStale', 'right after planning (stale statistics)'],
    ['dispatchWeb', 'once analyzed'],
  ]) {
    const d = run[key]
    if (d)
      results.push([
        `campaigns: web dispatch, ${fmt(d.messages)} messages ${when}, no pacing: all overhead`,
        `${d.msPerMessage.toFixed(2)} ms/message`,
      ])
  }

  // The campaigns widget's chunk beside the kit it loads, once the widget exists.
  if (existsSync(new URL('widgets/campaigns', root))) {
    execFileSync(process.execPath, ['--import=@poppinss/ts-exec', 'bin/build_widgets.ts'], {
      cwd: root,
    })
    const dir = new URL('dist/public/widgets/', root)
    const files = readdirSync(dir)
    const gz = (file: string) => gzipSync(readFileSync(new URL(file, dir)), { level: 9 }).length
    const kit = files.find((f) => f.startsWith('kit-'))
    const chunk = files.find((f) => f.startsWith('campaigns-'))
    if (kit && chunk)
      results.push([
        'campaigns: widget chunk + kit, gzip (goal ≤ 45 kB)',
        `${((gz(chunk) + gz(kit)) / 1024).toFixed(1)} kB (chunk alone ${(gz(chunk) / 1024).toFixed(1)} kB)`,
      ])
  }
}
