import type pg from 'pg'

/** The tags and plans the seeded audience carries, and what the bench's rules ask for. */
export const SEED_TAGS = ['newsletter', 'vip', 'trial', 'churned', 'beta', 'wholesale']
export const SEED_PLANS = ['free', 'pro', 'team', 'enterprise']

/**
 * Seeds `count` contacts into a workspace with one INSERT … SELECT over generate_series, and
 * their conversations with another: about 70% have a phone (+55, +1, +351), 55% a web
 * conversation (a fifth of them two), 45% of those with a phone a WhatsApp one; 2% opted out, 1%
 * blocked; tags and a `plan`/`score` attribute spread by the row number (multiplicative hashes,
 * so the columns do not move together). Runs as the owner (the bench's admin connection).
 */
export async function seedCampaignAudience(
  db: pg.Client,
  tenantId: string,
  workspaceId: string,
  count: number
) {
  // A pseudo-random value in [0, 1) per row and purpose: the same every run.
  const r = (salt: number) => `((i::bigint * ${salt}) % 1000003) / 1000003.0`
  await db.query('begin')
  await db.query(`set local jit = off`)
  await db.query(
    `insert into contacts (tenant_id, workspace_id, id, name, phone, email, tags, attributes,
                           blocked, opted_out_at, created_at, updated_at)
     select $1, $2, gen_random_uuid(), 'Contact ' || i,
            case when ${r(7919)} < 0.3 then '+55119' || lpad(i::text, 8, '0')
                 when ${r(7919)} < 0.55 then '+1555' || lpad(i::text, 7, '0')
                 when ${r(7919)} < 0.7 then '+3519' || lpad(i::text, 8, '0') end,
            'contact' || i || '@example.test',
            array_remove(array[
              case when ${r(104729)} < 0.4 then ($4::text[])[1] end,
              case when ${r(15485863)} < 0.1 then ($4::text[])[2] end,
              case when ${r(32452843)} < 0.15 then ($4::text[])[3] end,
              case when ${r(49979687)} < 0.05 then ($4::text[])[4] end,
              case when ${r(67867967)} < 0.08 then ($4::text[])[5] end,
              case when ${r(86028121)} < 0.02 then ($4::text[])[6] end
            ], null),
            jsonb_build_object('plan', ($5::text[])[1 + floor(${r(179424673)} * 4)::int],
                               'score', floor(${r(198491317)} * 100)::int),
            ${r(217645177)} < 0.01,
            case when ${r(236887691)} < 0.02 then now() - interval '3 days' end,
            now() - ${r(256203161)} * interval '365 days', now()
       from generate_series(1, $3) as i`,
    [tenantId, workspaceId, count, SEED_TAGS, SEED_PLANS]
  )
  // Conversations: n = 1 a web one, n = 2 a second web one, n = 3 a WhatsApp one.
  await db.query(
    `insert into conversations (tenant_id, workspace_id, id, contact_id, channel, status,
                                created_at, updated_at, last_message_at)
     select c.tenant_id, c.workspace_id, gen_random_uuid(), c.id,
            case when n < 3 then 'web' else 'whatsapp' end, 'resolved', c.created_at, c.created_at,
            c.created_at
       from (select *, row_number() over (order by id) as i from contacts
              where tenant_id = $1 and workspace_id = $2) c
       cross join generate_series(1, 3) as n
      where (n = 1 and ${r(275604541)} < 0.55)
         or (n = 2 and ${r(275604541)} < 0.11)
         or (n = 3 and c.phone is not null and ${r(295075147)} < 0.45)`,
    [tenantId, workspaceId]
  )
  await db.query('commit')
  await db.query('analyze contacts, conversations')
}
