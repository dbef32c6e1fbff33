/*
| The bench's bare inbox server: node:http + pg, no framework, running the SQL the app runs for the
| conversation list, its filters, a thread page (services/inbox/page_sql.ts, imported, not copied)
| and a message POST (inbox_bare_writes.ts), as the app role with row-level security on, in one
| transaction per request that starts as the app's does (the tenant and workspace set with
| set_config, then the session check), with prepared statements. It is the baseline the app's
| figures are divided by in bin/bench/inbox_scale.ts.
|
| Who calls is told by headers (x-bench-tenant, -workspace, -member, -key, -role) instead of a
| signed token. Runs as many processes as the app (WEB_CONCURRENCY) with the app's pool size.
|
|   BARE_DATABASE_URL=postgres://<app role>… PORT=… node --import=@poppinss/ts-exec bin/bench/inbox_bare_server.ts
*/

import cluster from 'node:cluster'
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import pg from 'pg'
import { webConcurrency } from '../../server/lib/cluster.js'
import {
  conversationPage,
  filteredIds,
  threadPage,
  type ConversationFilters,
} from '../../server/app/services/inbox/page_sql.js'
import { numbered } from '../../server/app/services/prepared_statements.js'
import { bareMessagePost, type Prepared } from './inbox_bare_writes.js'

const NO_ID = '00000000-0000-0000-0000-000000000000'
/** The app's first statement of every request (services/tenant_context.ts setScope). */
const SCOPE = `select set_config('parley.tenant_id', $1, true), set_config('parley.workspace_id', $2, true),
            set_config('max_parallel_workers_per_gather', '0', true)`
/** The app's session check (session_token_middleware.ts), with the tenant's columns. */
const check = (tenantColumns: string) => `select ${tenantColumns},
    (select revoked_at from api_keys k where k.tenant_id = tenants.id and k.id = $2) as key_revoked_at,
    ($3 = '' or exists (select 1 from tenant_origins o
                         where o.tenant_id = tenants.id and o.origin = $3)) as origin_allowed,
    (select not c.blocked from contacts c where c.tenant_id = tenants.id and c.id = $4) as contact_ok,
    (select m.role from members m where m.tenant_id = tenants.id and m.id = $5) as member_role,
    (select w.status from workspaces w where w.tenant_id = tenants.id and w.id = $6) as workspace_status
  from tenants where tenants.id = $1`

if (cluster.isPrimary && webConcurrency() > 1) {
  for (let i = 0; i < webConcurrency(); i++) cluster.fork()
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    process.exit(0)
  })
} else {
  await serve()
}

async function serve() {
  const pool = new pg.Pool({
    connectionString: process.env.BARE_DATABASE_URL,
    max: Number(process.env.DB_POOL_MAX ?? 10),
  })
  const columns = await pool.query(
    `select string_agg('tenants.' || quote_ident(column_name), ', ' order by ordinal_position) as list
       from information_schema.columns where table_schema = 'public' and table_name = 'tenants'`
  )
  const CHECK = check(columns.rows[0].list)
  const names = new Map<string, string>()
  const prepared: Prepared = async (client, text, values) => {
    let name = names.get(text)
    if (!name) {
      name = `b_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
      names.set(text, name)
    }
    const result = await client.query({ name, text, values })
    return result.rows
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      process.stderr.write(`inbox bare server: ${error?.stack ?? error}\n`)
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://bare')
    const header = (name: string) => String(req.headers[`x-bench-${name}`] ?? '')
    const who = {
      tenantId: header('tenant'),
      workspaceId: header('workspace'),
      memberId: header('member'),
    }
    const body = req.method === 'POST' ? await readJson(req) : null
    const client = await pool.connect()
    let status = 200
    let answer: unknown
    try {
      await client.query('begin')
      await prepared(client, SCOPE, [who.tenantId, who.workspaceId])
      const [tenant] = await prepared(client, CHECK, [
        who.tenantId,
        header('key'),
        '',
        NO_ID,
        who.memberId,
        who.workspaceId,
      ])
      if (!tenant || tenant.member_role !== header('role')) {
        status = 401
      } else {
        ;[status, answer] = await route(client, url, req.method ?? 'GET', who, body)
      }
      await client.query(status < 400 ? 'commit' : 'rollback')
    } catch (error) {
      await client.query('rollback').catch(() => {})
      throw error
    } finally {
      client.release()
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(answer === undefined ? '' : JSON.stringify(answer))
  }

  async function route(
    client: pg.PoolClient,
    url: URL,
    method: string,
    who: { tenantId: string; workspaceId: string; memberId: string },
    body: { body?: string } | null
  ): Promise<[number, unknown?]> {
    const limit = Number(url.searchParams.get('limit') ?? 50)
    const thread = url.pathname.match(/^\/v1\/conversations\/([0-9a-f-]{36})\/messages$/)
    if (thread && method === 'POST') {
      const message = await bareMessagePost(client, prepared, who, thread[1], body?.body ?? '')
      return message ? [201, message] : [404]
    }
    if (thread) {
      const sql = threadPage(who, thread[1], null, limit + 1)
      const rows = await prepared(client, numbered(sql.text), sql.values)
      if (!rows.length) return [404]
      const messages = rows.filter((row) => row.id !== null)
      return [200, { data: messages.slice(0, limit), more: messages.length > limit }]
    }
    if (url.pathname === '/v1/conversations') {
      const filters: ConversationFilters = {}
      for (const key of ['status', 'channel', 'priority', 'tag', 'assignee'] as const) {
        const value = url.searchParams.get(key)
        if (value) filters[key] = value
      }
      const ids = filteredIds(who, filters, null, limit + 1)
      const page = conversationPage(who, ids, limit + 1)
      const rows = await prepared(client, numbered(page.text), page.values)
      return [200, { data: rows.slice(0, limit), more: rows.length > limit }]
    }
    return [404]
  }

  server.listen(Number(process.env.PORT), '127.0.0.1')
  process.on('SIGTERM', () => {
    server.close()
    void pool.end()
    process.exit(0)
  })
}

async function readJson(req: IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')
}
