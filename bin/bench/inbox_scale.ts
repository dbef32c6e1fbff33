import { execFileSync } from 'node:child_process'
import pg from 'pg'
import {
  SEED_COMMON_WORD,
  SEED_RARE_WORD,
  seedMember,
} from '../../server/app/services/inbox_seed.js'
import type { BenchContext } from './context.js'

/** Inbox at scale: list, thread page and search in a workspace of 100,000 conversations and
1,000,000 messages, beside other workspaces of the tenant and another tenant's (a tenth each). */
export default async function inboxScalePart(ctx: BenchContext) {
  const { root, env, base, tenant, noise, mint, cannon, say, seconds, results, adminUrl, appUrl } =
    ctx
  const conversations = Number(process.env.BENCH_INBOX_CONVERSATIONS ?? 100_000)
  const messages = Number(process.env.BENCH_INBOX_MESSAGES ?? 1_000_000)
  const tenth = (n: number) => String(Math.max(1, Math.ceil(n / 10)))
  const fmt = (n: number) => n.toLocaleString('en')
  const seed = (tenantId: string, ...args: string[]) =>
    execFileSync(process.execPath, ['ace.js', 'inbox:seed', tenantId, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
  // Signed in first (which creates the workspace, empty): a keep-alive socket left idle through
  // the seed would be closed by the server under the next fetch.
  const agent = await mint(tenant.secretKey, 'scale-co', seedMember(1))
  say(`inbox-scale: seeding ${fmt(conversations)} conversations, ${fmt(messages)} messages`)
  const seedStarted = performance.now()
  seed(
    tenant.tenantId,
    '--workspace',
    'scale-co',
    '--conversations',
    String(conversations),
    '--messages',
    String(messages),
    '--noise-conversations',
    tenth(conversations)
  )
  const seedSeconds = (performance.now() - seedStarted) / 1000
  seed(
    noise.tenantId,
    '--workspace',
    'scale-co',
    '--conversations',
    tenth(conversations),
    '--messages',
    tenth(messages),
    '--noise-workspaces',
    '0'
  )
  results.push([
    `inbox-scale: inbox:seed ${fmt(conversations)} conversations / ${fmt(messages)} messages, + noise`,
    `${seedSeconds.toFixed(1)} s`,
  ])

  const headers = { authorization: `Bearer ${agent.token}` }
  // Threads from all over the year, so most pages are not the few hot ones.
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const { rows } = await admin.query(
    'select id from conversations where tenant_id = $1 and workspace_id = $2 order by random() limit 2000',
    [agent.tenantId, agent.workspaceId]
  )
  const member = await admin.query(
    'select id from members where tenant_id = $1 and workspace_id = $2 and external_id = $3',
    [agent.tenantId, agent.workspaceId, seedMember(1)]
  )
  await admin.end()
  const threadIds = rows.map((r) => r.id as string)
  const memberId = member.rows[0].id as string

  /** What ConversationsController.index and MessagesController.index run, for EXPLAIN. */
  const unread = `(select count(*) from messages m
       where m.tenant_id = conversations.tenant_id and m.conversation_id = conversations.id
         and m.deleted_at is null and (m.author_member_id is null or m.author_member_id <> $3)
         and m.id > coalesce((select r.last_read_message_id from conversation_reads r
                               where r.tenant_id = conversations.tenant_id and r.conversation_id = conversations.id
                                 and r.member_id = $3), '00000000-0000-0000-0000-000000000000'::uuid))::int as unread`
  const list = (where = '') =>
    `select conversations.*, ${unread} from conversations
        where tenant_id = $1 and workspace_id = $2 ${where}
        order by last_message_at desc, id desc limit 51`
  // Two newest-first walks, one per half, as the controller does (an OR scans every tenant's rows).
  const walk = (table: 'messages' | 'contacts', on: string) =>
    `(select id from conversations where tenant_id = $1 and workspace_id = $2
          and exists (select 1 from ${table} where ${table}.tenant_id = conversations.tenant_id
                        and ${on} and ${table}.search @@ plainto_tsquery('simple', $4))
          order by last_message_at desc, id desc limit 51)`
  const search = list(
    `and id in (select id from (${walk(
      'messages',
      'messages.conversation_id = conversations.id'
    )} union ${walk('contacts', 'contacts.id = conversations.contact_id')}) matched)`
  )
  const scope = [agent.tenantId, agent.workspaceId]
  const cases: { label: string; path: () => string; sql: string; params: string[] }[] = [
    {
      label: 'GET /v1/conversations?limit=50',
      path: () => '/v1/conversations?limit=50',
      sql: list(),
      params: [...scope, memberId],
    },
    {
      label: `GET …/:id/messages?limit=50 (${fmt(threadIds.length)} threads in turn)`,
      path: (() => {
        let n = 0
        return () => `/v1/conversations/${threadIds[n++ % threadIds.length]}/messages?limit=50`
      })(),
      sql: `select * from messages where tenant_id = $1 and conversation_id = $2 order by id desc limit 51`,
      params: [agent.tenantId, threadIds[0]],
    },
    {
      label: `GET /v1/conversations?q=${SEED_COMMON_WORD} (common word)`,
      path: () => `/v1/conversations?limit=50&q=${SEED_COMMON_WORD}`,
      sql: search,
      params: [...scope, memberId, SEED_COMMON_WORD],
    },
    {
      label: `GET /v1/conversations?q=${SEED_RARE_WORD} (rare word)`,
      path: () => `/v1/conversations?limit=50&q=${SEED_RARE_WORD}`,
      sql: search,
      params: [...scope, memberId, SEED_RARE_WORD],
    },
    {
      label: 'GET /v1/conversations?status=open&assignee=me',
      path: () => '/v1/conversations?limit=50&status=open&assignee=me',
      sql: list(`and status = 'open' and assignee_id = $3`),
      params: [...scope, memberId],
    },
  ]
  /** The plan as a request's transaction gets it: the app role, RLS on, tenant and workspace set. */
  const explain = async (sql: string, params: string[]) => {
    const client = new pg.Client({ connectionString: appUrl })
    await client.connect()
    await client.query('begin')
    await client.query(
      `select set_config('parley.tenant_id', $1, true), set_config('parley.workspace_id', $2, true),
                set_config('max_parallel_workers_per_gather', '0', true)`,
      scope
    )
    const plan = await client.query(`explain (analyze, buffers) ${sql}`, params)
    await client.query('rollback')
    await client.end()
    return plan.rows.map((r) => r['QUERY PLAN'] as string)
  }

  for (const { label, path, sql, params } of cases) {
    say(`inbox-scale: ${label}, 50 connections, ${seconds} s`)
    const result = await cannon({
      url: base,
      headers,
      // A slow query is measured, not cut short at autocannon's 10 s default.
      timeout: 60,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) }],
    })
    // Requests still queued in the server when the run ended would slow the next run: one more
    // request, on a fresh connection, comes back once they are done.
    await cannon({
      url: `${base}/v1/conversations?limit=1`,
      headers,
      connections: 1,
      amount: 1,
      timeout: 300,
    })
    // Completed over the run: a slow query completes too few a second for autocannon's average.
    const rate = result.requests.total / result.duration
    results.push([
      `inbox-scale: ${label}`,
      `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${rate < 10 ? rate.toFixed(1) : Math.round(rate)} req/s, errors ${result.non2xx + result.errors}`,
    ])
    if (result.latency.p50 > 100) {
      say(`inbox-scale: p50 over 100 ms; EXPLAIN (ANALYZE, BUFFERS) as the app role:`)
      for (const line of await explain(sql, params)) say(`  ${line}`)
    }
  }
}
