import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { v7 as uuidv7 } from 'uuid'

/** A word in about 10% of the seeded messages, and one in about 0.1%: what a benchmark searches for. */
export const SEED_COMMON_WORD = 'order'
export const SEED_RARE_WORD = 'quokka'
/** The seeded members (all agents) are seed_agent_1 … seed_agent_8 in every seeded workspace. */
export const SEED_MEMBERS = 8
export const seedMember = (n: number) => `seed_agent_${n}`

/** What a seed writes, for VACUUM (ANALYZE) once it is done (inbox:seed, or the bench's). */
export const SEEDED_TABLES =
  'workspaces, members, contacts, conversations, messages, conversation_reads'

const fmt = (n: number) => n.toLocaleString('en')

/** Messages per INSERT … SELECT: fast, and still a progress line every few seconds. */
const BATCH = 100_000

/**
 * Support-desk words, most common first: a message draws each word with a bias to the front
 * (index ∝ random()²), so the first words are in most messages and the last in about 2%, which
 * gives full-text search a realistic spread of selectivity.
 */
const VOCABULARY =
  `the to i you a and is my it for order we can please this on have with not your be of in
  me that thanks hi will do what when help account payment delivery get know just need was there are about
  at but if so any still how our hello today sure update time team card refund back check one new again
  invoice plan now number issue problem email app would could like see send received tracking shipping
  price tomorrow week day yes no ok great sorry soon here link password login address package product
  service support message reply call phone store cart checkout discount coupon code return exchange size
  color stock available subscription cancel renew billing charge charged twice wrong missing damaged broken
  late early fast slow website page error screen button upload download file photo receipt confirm
  confirmation status arrived shipped courier warehouse pickup schedule appointment booking reservation
  table room ticket event seat upgrade downgrade trial free premium monthly annual yearly contract terms
  policy privacy data delete export report dashboard settings profile notification alerts sms whatsapp
  chat agent manager supervisor colleague customer client partner vendor supplier quote estimate budget
  cost fee tax vat currency dollars euros reais transfer bank pix boleto paypal wallet balance credit debit
  installment approved declined pending processing verified identity document signature form application
  request feature integration api webhook token key access permission role user users workspace install
  setup configure migration backup restore sync import mobile desktop browser android iphone windows mac
  version release bug crash freeze loading timeout offline online network wifi battery charger cable
  keyboard headphones speaker camera warranty repair replacement technician visit monday tuesday wednesday
  thursday friday saturday sunday morning afternoon evening night weekend holiday urgent asap waiting
  understand appreciate patience apologize inconvenience resolved fixed working tried restart reinstall
  cleared cache cookies screenshot video attached below above details information reference case feedback
  review rating recommend happy disappointed frustrated excellent perfect awesome lovely brazil lisbon
  london berlin madrid paris office home work school gift birthday wedding christmas sale promo newsletter
  unsubscribe spam`.split(/\s+/)

const FIRST_NAMES =
  `Ana Bruno Carla Diego Elena Fabio Gabriela Hugo Ines Joao Karen Lucas Marta Nuno Olivia
  Pedro Quentin Rita Samuel Tania Ursula Vitor Wanda Xavier Yara Zeca Amir Beatriz Chen Dora Ethan Fatima
  Grace Hassan Ivan Julia Kenji Lara Mateo Nadia`.split(/\s+/)
const LAST_NAMES =
  `Silva Santos Oliveira Souza Lima Pereira Costa Alves Rodrigues Ferreira Gomes Martins
  Ribeiro Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Smith Brooks Zahra Tanaka Novak Muller
  Rossi Dubois Garcia Kowalski`.split(/\s+/)
const TAGS = ['billing', 'shipping', 'refund', 'vip', 'bug', 'sales', 'onboarding', 'feedback']
const SUBJECTS = [
  'Order status',
  'Refund request',
  'Billing question',
  'Delivery delay',
  'Login problem',
  'Change of plan',
  'Damaged item',
  'Invoice copy',
]

/**
 * A version 7 UUID for the instant `at` (an SQL expression), laid out as the `uuid` package's:
 * 48 bits of Unix milliseconds, then a v4's random bits with the version nibble turned to 7
 * (bits 52 and 53). PostgreSQL 18 has uuidv7(); this works on the versions before it.
 */
const uuid7 = (at: string) =>
  `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from ${at}) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`

export interface SeedTarget {
  externalId: string
  conversations: number
  messages: number
}

/**
 * Fills one workspace (created if missing) with `target`'s conversations and messages, in the
 * transaction given (of the operator role, scoped to the tenant); `progress` hears a line a batch.
 */
export async function seedWorkspace(
  trx: TransactionClientContract,
  tenantId: string,
  target: SeedTarget,
  progress: (line: string) => void
) {
  const sql = (query: string, bindings: Record<string, any> = {}) =>
    trx.rawQuery(query, { tenantId, ...bindings })
  // Each message batch sorts about 100,000 rows: in memory. And no JIT: compiling every batch
  // costs more (0.6 s) than it saves on statements this simple.
  await sql(`set local work_mem = '256MB'`)
  await sql(`set local jit = off`)

  await sql(
    `insert into workspaces (tenant_id, id, external_id, name) values (:tenantId, :id, :externalId, :externalId)
     on conflict (tenant_id, external_id) do nothing`,
    { id: uuidv7(), externalId: target.externalId }
  )
  const workspace = await trx
    .from('workspaces')
    .where({ tenant_id: tenantId, external_id: target.externalId })
    .firstOrFail()
  const workspaceId: string = workspace.id
  await sql(
    `insert into members (tenant_id, workspace_id, id, external_id, name, email, role)
     select :tenantId, :workspaceId, ${uuid7('now()')}, 'seed_agent_' || n,
            (:firstNames::text[])[n] || ' (seed)', 'seed_agent_' || n || '@example.test', 'agent'
       from generate_series(1, :members) as n
     on conflict (tenant_id, workspace_id, external_id) do nothing`,
    { workspaceId, firstNames: FIRST_NAMES, members: SEED_MEMBERS }
  )
  await sql(
    `create temp table seed_members on commit drop as
     select n, m.id from generate_series(1, :members) as n
       join members m on m.tenant_id = :tenantId and m.workspace_id = :workspaceId
                     and m.external_id = 'seed_agent_' || n`,
    { workspaceId, members: SEED_MEMBERS }
  )

  // Every conversation's shape, decided up front so that its messages, the contact it is with
  // and its last_message_at/last_message_id agree without reading anything back. `i` numbers
  // conversations in the order they started; their starts are spread over the past year.
  await sql(
    `create temp table seed_conversations on commit drop as
     with base as (
       select row_number() over (order by created_at)::int as i, *
         from (select now() - interval '1 hour' - random() * interval '364 days' as created_at,
                      -- exponential weights: most threads are short, a few run long
                      1 + floor(-ln(1 - random()) * 1000)::bigint as weight,
                      random() as r_channel, random() as r_status, random() as r_priority,
                      random() as r_assignee, random() as r_tags, random() as r_read
                 from generate_series(1, :conversations)) s
     ), sized as (
       -- one message each, plus a share of the rest by weight, rounded so the total is exact
       select *, (1 + floor(:extra::numeric * sum(weight) over w / sum(weight) over ())
                    - floor(:extra::numeric * (sum(weight) over w - weight) / sum(weight) over ()))::int as messages
         from base window w as (order by i)
     ), timed as (
       -- replies 20 s to 3 h apart, the newest no later than now
       select *, least(interval '20 seconds' + random() * interval '3 hours', (now() - created_at) / messages) as step
         from sized
     ), shaped as (
       select *, created_at + (messages - 1) * step as last_message_at,
              case when r_channel < 0.55 then 'web' when r_channel < 0.95 then 'whatsapp' else 'internal' end as channel,
              case when r_assignee >= 0.2 then 1 + floor((r_assignee - 0.2) / 0.8 * :members)::int end as assignee_n
         from timed
     )
     select i, created_at, messages, step, last_message_at, channel, assignee_n, r_tags, r_read,
            extract(epoch from created_at) as start_epoch, extract(epoch from step) as step_seconds,
            ${uuid7('created_at')} as id, ${uuid7('last_message_at')} as last_message_id,
            -- recent threads are mostly open, older ones mostly done
            case when last_message_at > now() - interval '7 days' then
              case when r_status < 0.45 then 'open' when r_status < 0.65 then 'pending'
                   when r_status < 0.75 then 'snoozed' else 'resolved' end
            else
              case when r_status < 0.08 then 'open' when r_status < 0.12 then 'pending'
                   when r_status < 0.7 then 'resolved' else 'closed' end
            end as status,
            case when r_priority < 0.15 then 'low' when r_priority < 0.8 then 'normal'
                 when r_priority < 0.95 then 'high' else 'urgent' end as priority
       from shaped`,
    {
      conversations: target.conversations,
      extra: target.messages - target.conversations,
      members: SEED_MEMBERS,
    }
  )
  await sql('create unique index on seed_conversations (i)')
  await sql('analyze seed_conversations')

  // Fewer contacts than conversations: contact j is in conversations j and j + contacts (if
  // not internal), so some come back. Phones and emails are numbered after the ones already
  // seeded into the workspace, which keeps them unique under --append.
  const contacts = Math.ceil(target.conversations * 0.8)
  const before = await sql(
    `select count(*)::int as n from contacts where tenant_id = :tenantId and workspace_id = :workspaceId`,
    { workspaceId }
  )
  await sql(
    `create temp table seed_contacts on commit drop as
     select i, ${uuid7('created_at')} as id, created_at from seed_conversations where i <= :contacts`,
    { contacts }
  )
  await sql('create unique index on seed_contacts (i)')
  await sql('analyze seed_contacts, seed_members')
  await sql(
    `insert into contacts (tenant_id, workspace_id, id, name, phone, email, created_at, updated_at)
     select :tenantId, :workspaceId, id, first || ' ' || last,
            '+1555' || lpad((:offset + i)::text, 8, '0'),
            lower(first || '.' || last) || '.' || (:offset + i) || '@example.test', created_at, created_at
       from seed_contacts,
            lateral (select (:firstNames::text[])[1 + i % cardinality(:firstNames::text[])] as first,
                            (:lastNames::text[])[1 + (i / 7) % cardinality(:lastNames::text[])] as last) n
      order by i`,
    {
      workspaceId,
      offset: before.rows[0].n,
      firstNames: FIRST_NAMES,
      lastNames: LAST_NAMES,
    }
  )
  const inserted = await sql(
    `insert into conversations (tenant_id, workspace_id, id, contact_id, channel, status, priority,
                                assignee_id, tags, subject, snoozed_until, last_message_at,
                                last_message_id, created_at, updated_at)
     select :tenantId, :workspaceId, c.id, ct.id, c.channel, c.status, c.priority, a.id,
            case when c.r_tags < 0.5 then '{}'::text[]
                 when c.r_tags < 0.85 then array[(:tags::text[])[1 + c.i % :tagCount]]
                 else array[(:tags::text[])[1 + c.i % :tagCount], (:tags::text[])[1 + (c.i + 3) % :tagCount]] end,
            case when c.i % 4 = 0 then (:subjects::text[])[1 + (c.i / 4) % :subjectCount] end,
            case when c.status = 'snoozed' then now() + (1 + c.i % 7) * interval '1 day' end,
            c.last_message_at, c.last_message_id, c.created_at, c.last_message_at
       from seed_conversations c
       left join seed_contacts ct on c.channel <> 'internal' and ct.i = 1 + (c.i - 1) % :contacts
       left join seed_members a on a.n = c.assignee_n
      order by c.i`,
    {
      workspaceId,
      contacts,
      tags: TAGS,
      tagCount: TAGS.length,
      subjects: SUBJECTS,
      subjectCount: SUBJECTS.length,
    }
  )
  progress(`${fmt(inserted.rowCount)} conversations, ${fmt(contacts)} contacts`)

  // Messages in batches by time window, each written in time order, so the heap and the id
  // index fill as a live inbox's do (a thread's messages scattered among everyone else's).
  // Message k of a thread is at created_at + k * step; a window takes the k whose time falls in
  // it, computed from the window's bounds, so consecutive windows share no message and miss none.
  const span = await sql(
    `select floor(min(start_epoch)) as lo, ceil(max(extract(epoch from last_message_at))) + 1 as hi
       from seed_conversations`
  )
  const lo = Number(span.rows[0].lo)
  const hi = Number(span.rows[0].hi)
  const windows = Math.max(1, Math.ceil(target.messages / BATCH))
  const bounds = Array.from({ length: windows + 1 }, (_, b) =>
    b === windows ? hi : Math.floor(lo + ((hi - lo) * b) / windows)
  )
  let done = 0
  for (let b = 0; b < windows; b++) {
    const batch = await sql(
      `insert into messages (tenant_id, workspace_id, id, conversation_id, direction, type,
                             author_member_id, author_contact_id, body, status, created_at)
       select :tenantId, :workspaceId,
              -- the newest message takes the id the conversation already points at
              case when m.k = c.messages - 1 then c.last_message_id else ${uuid7('m.at')} end,
              c.id, m.direction,
              case when m.direction = 'internal' and c.channel <> 'internal' then 'note' else 'text' end,
              case when m.direction <> 'inbound' then a.id end,
              case when m.direction = 'inbound' then ct.id end,
              (select string_agg((:words::text[])[1 + floor(power(random(), 2) * :wordCount)::int], ' ')
                 from generate_series(1, 3 + (c.i * 7 + m.k * 13) % 22))
                || case when random() < 0.001 then ' ' || :rare else '' end,
              case when m.direction = 'internal' then 'sent'
                   when m.k = c.messages - 1 then 'delivered' else 'read' end,
              m.at
         from seed_conversations c
        cross join lateral (
              select k, c.created_at + k * c.step as at,
                     case when c.channel = 'internal' then 'internal' when k = 0 then 'inbound'
                          when random() < 0.05 then 'internal'
                          when random() < 0.5 then 'inbound' else 'outbound' end as direction
                from generate_series(greatest(0, ceil((:lo - c.start_epoch) / c.step_seconds))::int,
                                     least(c.messages - 1, ceil((:hi - c.start_epoch) / c.step_seconds)::int - 1)) as k
              ) m
         left join seed_contacts ct on c.channel <> 'internal' and ct.i = 1 + (c.i - 1) % :contacts
         left join seed_members a on a.n = coalesce(c.assignee_n, 1 + (c.i + m.k) % :members)
        order by m.at`,
      {
        workspaceId,
        contacts,
        members: SEED_MEMBERS,
        words: VOCABULARY,
        wordCount: VOCABULARY.length,
        rare: SEED_RARE_WORD,
        lo: bounds[b],
        hi: bounds[b + 1],
      }
    )
    done += batch.rowCount
    progress(`${fmt(done)} / ${fmt(target.messages)} messages`)
  }
  if (done !== target.messages) {
    throw new Error(`Seeded ${done} messages instead of ${target.messages}`)
  }

  // The assignee has read most of their threads to the end.
  await sql(
    `insert into conversation_reads (tenant_id, workspace_id, conversation_id, member_id,
                                     last_read_message_id, read_at)
     select :tenantId, :workspaceId, c.id, a.id, c.last_message_id, c.last_message_at
       from seed_conversations c join seed_members a on a.n = c.assignee_n
      where c.r_read < 0.7`,
    { workspaceId }
  )
}
