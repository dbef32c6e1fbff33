import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { v7 as uuidv7 } from 'uuid'
import { makeTenant, mintSession, ORIGIN, visit } from '#tests/helpers'
import { withTenant } from '#services/tenant_context'
import { matchingContacts } from '#services/campaigns/segments'
import { compileSegment } from '#services/campaigns/segment_sql'
import { checkRules, type RuleGroup } from '#validators/segments'

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000)

interface Seed {
  name: string
  phone?: string
  tags?: string[]
  attributes?: Record<string, unknown>
  createdDaysAgo: number
  blocked?: boolean
  optedOut?: boolean
  channel?: 'web' | 'whatsapp'
  inboundDaysAgo?: number
}

/** Contacts written through the app role under RLS, as the app would; inbound messages too. */
async function seed(tenantId: string, workspaceId: string, contacts: Seed[]) {
  await withTenant({ tenantId, workspaceId }, async (trx) => {
    for (const c of contacts) {
      const id = uuidv7()
      await trx.table('contacts').insert({
        tenant_id: tenantId,
        workspace_id: workspaceId,
        id,
        name: c.name,
        phone: c.phone ?? null,
        tags: c.tags ?? [],
        attributes: JSON.stringify(c.attributes ?? {}),
        blocked: c.blocked ?? false,
        opted_out_at: c.optedOut ? new Date() : null,
        created_at: daysAgo(c.createdDaysAgo),
      })
      if (!c.channel) continue
      const conversationId = uuidv7()
      await trx.table('conversations').insert({
        tenant_id: tenantId,
        workspace_id: workspaceId,
        id: conversationId,
        contact_id: id,
        channel: c.channel,
      })
      if (c.inboundDaysAgo === undefined) continue
      for (const [direction, at] of [
        ['inbound', daysAgo(c.inboundDaysAgo + 1)],
        ['inbound', daysAgo(c.inboundDaysAgo)],
        ['outbound', daysAgo(0)],
      ] as const)
        await trx.table('messages').insert({
          tenant_id: tenantId,
          workspace_id: workspaceId,
          id: uuidv7(),
          conversation_id: conversationId,
          direction,
          body: 'hi',
          created_at: at,
        })
    }
  })
}

const PEOPLE: Seed[] = [
  {
    name: 'ana',
    phone: '+351912345678',
    tags: ['vip', 'lisbon'],
    attributes: { plan: 'gold', seats: 12, beta: true, langs: ['pt', 'en'] },
    createdDaysAgo: 100,
    channel: 'whatsapp',
    inboundDaysAgo: 2,
  },
  {
    name: 'bob',
    phone: '+14155550123',
    tags: ['vip'],
    attributes: { plan: 'silver', seats: 3 },
    createdDaysAgo: 5,
    optedOut: true,
    channel: 'web',
  },
  {
    name: 'cai',
    tags: [],
    attributes: { plan: 'Gold Plus', note: '   ' },
    createdDaysAgo: 40,
    blocked: true,
    channel: 'web',
    inboundDaysAgo: 20,
  },
  { name: 'dee', phone: '+34600111222', tags: ['lisbon'], createdDaysAgo: 1 },
]

/** Every field: a workspace of four people, and a fifth in another workspace who matches all. */
async function world(client: ApiClient) {
  const tenant = await makeTenant()
  const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
  const elsewhere = await mintSession(client, tenant.secretKey, { workspace: 'other', user: 'o' })
  await seed(owner.tenantId, owner.workspaceId, PEOPLE)
  await seed(elsewhere.tenantId, elsewhere.workspaceId, [
    { ...PEOPLE[0], name: 'eve', tags: ['vip', 'lisbon'], phone: '+351911111111' },
  ])
  return { tenant, owner, elsewhere }
}

const rule = (field: string, operator: string, value?: unknown) =>
  value === undefined ? { field, operator } : { field, operator, value }
const all = (...rules: unknown[]) => ({ match: 'all', rules })
const any = (...rules: unknown[]) => ({ match: 'any', rules })

test.group('Segments · evaluation', () => {
  test('each field and operator matches exactly the right contacts', async ({ client, assert }) => {
    const { owner } = await world(client)
    const fiftyDaysAgo = daysAgo(50).toISOString()
    const cases: [unknown, string[]][] = [
      [all(rule('tags', 'contains', 'vip')), ['ana', 'bob']],
      [all(rule('tags', 'notContains', 'vip')), ['cai', 'dee']],
      [all(rule('tags', 'exists')), ['ana', 'bob', 'dee']],
      [all(rule('tags', 'notExists')), ['cai']],
      [all(rule('channel', 'is', 'whatsapp')), ['ana']],
      [all(rule('channel', 'is', 'web')), ['bob', 'cai']],
      [all(rule('channel', 'isNot', 'web')), ['ana', 'dee']],
      [all(rule('createdAt', 'withinDays', 10)), ['bob', 'dee']],
      [all(rule('createdAt', 'olderThanDays', 30)), ['ana', 'cai']],
      [all(rule('createdAt', 'gt', fiftyDaysAgo)), ['bob', 'cai', 'dee']],
      [all(rule('createdAt', 'lt', fiftyDaysAgo)), ['ana']],
      [all(rule('lastInboundAt', 'withinDays', 7)), ['ana']],
      [all(rule('lastInboundAt', 'olderThanDays', 7)), ['cai']],
      [all(rule('lastInboundAt', 'exists')), ['ana', 'cai']],
      [all(rule('lastInboundAt', 'notExists')), ['bob', 'dee']],
      [all(rule('phoneCountry', 'is', 'PT')), ['ana']],
      [all(rule('phoneCountry', 'is', 'US')), ['bob']],
      [all(rule('phoneCountry', 'isNot', 'PT')), ['bob', 'cai', 'dee']],
      [all(rule('phoneCountry', 'exists')), ['ana', 'bob', 'dee']],
      [all(rule('phoneCountry', 'notExists')), ['cai']],
      [all(rule('optedOut', 'is', true)), ['bob']],
      [all(rule('optedOut', 'is', false)), ['ana', 'cai', 'dee']],
      [all(rule('attributes.plan', 'is', 'gold')), ['ana']],
      [all(rule('attributes.plan', 'isNot', 'gold')), ['bob', 'cai', 'dee']],
      [all(rule('attributes.plan', 'contains', 'GOLD')), ['ana', 'cai']],
      [all(rule('attributes.plan', 'notContains', 'gold')), ['bob', 'dee']],
      [all(rule('attributes.plan', 'contains', '%')), []],
      [all(rule('attributes.plan', 'is', "x' OR '1'='1")), []],
      [all(rule('attributes.seats', 'gt', 5)), ['ana']],
      [all(rule('attributes.seats', 'lt', 5)), ['bob']],
      [all(rule('attributes.seats', 'is', 12)), ['ana']],
      [all(rule('attributes.plan', 'gt', 0)), []],
      [all(rule('attributes.beta', 'is', true)), ['ana']],
      [all(rule('attributes.langs', 'contains', 'en')), ['ana']],
      [all(rule('attributes.langs', 'contains', 'e')), []],
      [all(rule('attributes.note', 'exists')), []],
      [all(rule('attributes.plan', 'exists')), ['ana', 'bob', 'cai']],
      [all(rule('attributes.plan', 'notExists')), ['dee']],
      [all(rule('tags', 'contains', 'vip'), rule('phoneCountry', 'is', 'PT')), ['ana']],
      [
        any(rule('tags', 'contains', 'lisbon'), rule('optedOut', 'is', true)),
        ['ana', 'bob', 'dee'],
      ],
      [
        any(
          all(rule('tags', 'contains', 'vip'), rule('phoneCountry', 'is', 'PT')),
          all(rule('channel', 'is', 'web'), rule('optedOut', 'is', false))
        ),
        ['ana', 'cai'],
      ],
      [
        all(
          any(rule('attributes.seats', 'gt', 1), rule('tags', 'notExists')),
          any(all(any(rule('createdAt', 'withinDays', 60))), rule('phoneCountry', 'is', 'ES'))
        ),
        ['bob', 'cai'],
      ],
    ]
    for (const [tree, expected] of cases) {
      const names = await withTenant(
        { tenantId: owner.tenantId, workspaceId: owner.workspaceId },
        async (trx) => {
          const scope = { tenantId: owner.tenantId, workspaceId: owner.workspaceId, trx }
          const rows = await matchingContacts(scope, checkRules(tree)).orderBy('name')
          return rows.map((c) => c.name)
        }
      )
      assert.deepEqual(names, expected, JSON.stringify(tree))
    }
  })

  test('values and attribute keys are bound, never spliced into the SQL', async ({
    client,
    assert,
  }) => {
    const { owner } = await world(client)
    const hostile = "plan'); DELETE FROM contacts; --"
    const tree = {
      match: 'all',
      rules: [
        { field: `attributes.${hostile}`, operator: 'contains', value: "'; DROP TABLE x; --" },
      ],
    } as RuleGroup
    const compiled = compileSegment(tree)
    assert.notInclude(compiled.sql, 'DELETE')
    assert.notInclude(compiled.sql, 'DROP')
    assert.include(compiled.bindings, hostile)
    const [matched, left] = await withTenant(
      { tenantId: owner.tenantId, workspaceId: owner.workspaceId },
      async (trx) => {
        const scope = { tenantId: owner.tenantId, workspaceId: owner.workspaceId, trx }
        return [
          await matchingContacts(scope, tree),
          await trx.from('contacts').count('* as n'),
        ] as const
      }
    )
    assert.lengthOf(matched, 0)
    assert.equal(Number(left[0].n), 4)
  })
})

test.group('Segments · last inbound time', () => {
  test('a visitor writing through the web chat sets it; replies and late deliveries do not move it', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const agent = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'a',
      role: 'agent',
    })
    ;(
      await visit(client, 'workspaces.update', { id: agent.workspaceId })
        .bearerToken(tenant.secretKey)
        .json({ webChat: { enabled: true } })
    ).assertStatus(200)
    const arrived = await visit(client, 'chat.visitors.store')
      .qs({ key: tenant.publishableKey })
      .header('origin', ORIGIN)
      .json({ workspace: 'acme', name: 'Eva' })
    arrived.assertStatus(201)
    const eva = arrived.body()
    const lastInbound = () =>
      withTenant({ tenantId: agent.tenantId, workspaceId: agent.workspaceId }, async (trx) => {
        const row = await trx.from('contacts').where('id', eva.contactId).first()
        return row.last_inbound_at ? new Date(row.last_inbound_at).getTime() : null
      })
    assert.isNull(await lastInbound())
    const before = Date.now()
    const started = await visit(client, 'chat.conversations.store')
      .bearerToken(eva.token)
      .header('origin', ORIGIN)
      .json({ body: 'Hi, my order is late' })
    started.assertStatus(201)
    const first = await lastInbound()
    assert.isNotNull(first)
    assert.isAtLeast(first!, before - 1000)

    // An agent's reply is outbound; one statement of out-of-order inbound rows keeps the newest.
    ;(
      await visit(client, 'conversations.messages.store', { id: started.body().id })
        .bearerToken(agent.token)
        .json({ body: 'On it' })
    ).assertStatus(201)
    assert.equal(await lastInbound(), first)
    const newest = new Date(first! + 60_000)
    await withTenant({ tenantId: agent.tenantId, workspaceId: agent.workspaceId }, (trx) =>
      trx.table('messages').insert(
        [newest, daysAgo(3), new Date(first! + 120_000)].map((at, i) => ({
          tenant_id: agent.tenantId,
          workspace_id: agent.workspaceId,
          id: uuidv7(),
          conversation_id: started.body().id,
          direction: i === 2 ? 'outbound' : 'inbound',
          body: 'x',
          created_at: at,
        }))
      )
    )
    assert.equal(await lastInbound(), newest.getTime())
    const rules = checkRules(
      all(rule('lastInboundAt', 'gt', new Date(first! + 30_000).toISOString()))
    )
    const matched = await withTenant(
      { tenantId: agent.tenantId, workspaceId: agent.workspaceId },
      (trx) =>
        matchingContacts({ tenantId: agent.tenantId, workspaceId: agent.workspaceId, trx }, rules)
    )
    assert.deepEqual(
      matched.map((c) => c.id),
      [eva.contactId]
    )
  })
})

test.group('Segments · routes', () => {
  test('preview counts who is reached and who is excluded, and samples the reached', async ({
    client,
    assert,
  }) => {
    const { owner } = await world(client)
    const whatsapp = await visit(client, 'segments.preview')
      .bearerToken(owner.token)
      .json({ rules: all(rule('tags', 'exists')), channel: 'whatsapp' })
    whatsapp.assertStatus(200)
    assert.equal(whatsapp.body().count, 2)
    assert.deepEqual(whatsapp.body().excluded, { optedOut: 1, blocked: 0, noChannel: 0 })
    assert.deepEqual(
      whatsapp.body().sample.map((c: any) => c.name),
      ['dee', 'ana']
    )
    const web = await visit(client, 'segments.preview')
      .bearerToken(owner.token)
      .json({ rules: any(rule('tags', 'exists'), rule('tags', 'notExists')), channel: 'web' })
    web.assertStatus(200)
    assert.equal(web.body().count, 0)
    assert.deepEqual(web.body().excluded, { optedOut: 1, blocked: 1, noChannel: 2 })
    assert.deepEqual(web.body().sample, [])
  })

  test('admins and owners save segments; agents and viewers read and preview them', async ({
    client,
    assert,
  }) => {
    const { tenant, owner } = await world(client)
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'admin',
    })
    const agent = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ag',
      role: 'agent',
    })
    const viewer = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'vi',
      role: 'viewer',
    })
    const inboxOnly = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'in',
      role: 'owner',
      widgets: ['inbox'],
    })
    const vip = all(rule('tags', 'contains', 'vip'))
    const created = await visit(client, 'segments.store')
      .bearerToken(admin.token)
      .json({ name: ' VIPs ', rules: vip })
    created.assertStatus(201)
    assert.equal(created.body().name, 'VIPs')
    assert.deepEqual(created.body().rules, vip)
    const id = created.body().id
    ;(
      await visit(client, 'segments.store')
        .bearerToken(owner.token)
        .json({ name: 'All', rules: any(rule('tags', 'exists'), rule('tags', 'notExists')) })
    ).assertStatus(201)
    for (const member of [agent, viewer]) {
      ;(
        await visit(client, 'segments.store')
          .bearerToken(member.token)
          .json({ name: 'x', rules: vip })
      ).assertStatus(403)
      ;(
        await visit(client, 'segments.update', { id }).bearerToken(member.token).json({ name: 'x' })
      ).assertStatus(403)
      ;(await visit(client, 'segments.destroy', { id }).bearerToken(member.token)).assertStatus(403)
      const list = await visit(client, 'segments.index').bearerToken(member.token)
      list.assertStatus(200)
      assert.deepEqual(
        list.body().data.map((s: any) => s.name),
        ['All', 'VIPs']
      )
      ;(await visit(client, 'segments.show', { id }).bearerToken(member.token)).assertStatus(200)
      ;(
        await visit(client, 'segments.preview')
          .bearerToken(member.token)
          .json({ rules: vip, channel: 'web' })
      ).assertStatus(200)
    }
    ;(await visit(client, 'segments.index').bearerToken(inboxOnly.token)).assertStatus(403)

    const renamed = await visit(client, 'segments.update', { id })
      .bearerToken(admin.token)
      .json({ name: 'Lisbon', rules: all(rule('tags', 'contains', 'lisbon')) })
    renamed.assertStatus(200)
    assert.equal(renamed.body().name, 'Lisbon')
    // A blank name reaches the validator as null (the body parser trims it and turns '' into
    // null): it was 200 with the name silently kept.
    for (const name of [' ', '', '\t\n ', null]) {
      const blank = await visit(client, 'segments.update', { id })
        .bearerToken(admin.token)
        .json({ name })
      assert.equal(blank.status(), 422, JSON.stringify(name))
      assert.deepEqual(
        blank.body().error.details.map((d: any) => d.field),
        ['name']
      )
    }
    const shown = await visit(client, 'segments.show', { id }).bearerToken(agent.token)
    assert.deepEqual(shown.body().rules, all(rule('tags', 'contains', 'lisbon')))
    ;(await visit(client, 'segments.destroy', { id }).bearerToken(admin.token)).assertStatus(204)
    ;(await visit(client, 'segments.show', { id }).bearerToken(admin.token)).assertStatus(404)
  })

  test('bad rule trees are 422 naming the path', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
    const deep = all(all(all(all(all(rule('tags', 'exists'))))))
    const many = all(...Array.from({ length: 51 }, () => rule('tags', 'exists')))
    const cases: [unknown, string][] = [
      [deep, 'rules.rules.0.rules.0.rules.0.rules.0'],
      [many, 'rules'],
      [
        all(rule('tags', 'exists'), all(rule('tags', 'exists'), rule('nickname', 'is', 'x'))),
        'rules.rules.1.rules.1.field',
      ],
      [
        all(rule('tags', 'exists'), any(rule('tags', 'exists'), rule('tags', 'like', 'x'))),
        'rules.rules.1.rules.1.operator',
      ],
      [all(rule('createdAt', 'contains', 'x')), 'rules.rules.0.operator'],
      [all(rule('tags', 'withinDays', 3)), 'rules.rules.0.operator'],
      [all(rule('createdAt', 'withinDays', 'soon')), 'rules.rules.0.value'],
      [all(rule('createdAt', 'gt', 'yesterday')), 'rules.rules.0.value'],
      // Days that do not exist: Date.parse takes them, PostgreSQL's timestamptz does not.
      [all(rule('createdAt', 'gt', '2026-02-30')), 'rules.rules.0.value'],
      [all(rule('lastInboundAt', 'lt', '2026-04-31T10:00:00Z')), 'rules.rules.0.value'],
      [all(rule('createdAt', 'lt', '0000-01-01')), 'rules.rules.0.value'],
      [all(rule('optedOut', 'is', 'yes')), 'rules.rules.0.value'],
      [all(rule('phoneCountry', 'is', 'XX')), 'rules.rules.0.value'],
      [all(rule('channel', 'is', 'sms')), 'rules.rules.0.value'],
      [all(rule('attributes.seats', 'gt', '5')), 'rules.rules.0.value'],
      [all(rule('tags', 'exists', 'x')), 'rules.rules.0.value'],
      [all(rule("attributes.a'b", 'exists')), 'rules.rules.0.field'],
      [{ match: 'some', rules: [rule('tags', 'exists')] }, 'rules.match'],
      [all(), 'rules.rules'],
      [{ ...all(rule('tags', 'exists')), extra: 1 }, 'rules.extra'],
      ['everyone', 'rules'],
    ]
    for (const [rules, field] of cases) {
      for (const [name, body] of [
        ['segments.store', { name: 'x', rules }],
        ['segments.preview', { rules, channel: 'whatsapp' }],
      ] as const) {
        const response = await visit(client, name).bearerToken(owner.token).json(body)
        response.assertStatus(422)
        assert.equal(response.body().error.code, 'VALIDATION_ERROR')
        assert.include(
          response.body().error.details.map((d: any) => d.field),
          field,
          `${name} ${JSON.stringify(rules)}`
        )
      }
    }
    ;(
      await visit(client, 'segments.preview')
        .bearerToken(owner.token)
        .json({ rules: all(rule('tags', 'exists')), channel: 'sms' })
    ).assertStatus(422)
    // A leap day is a day.
    ;(
      await visit(client, 'segments.preview')
        .bearerToken(owner.token)
        .json({ rules: all(rule('createdAt', 'gt', '2028-02-29T23:59:59Z')), channel: 'web' })
    ).assertStatus(200)
    ;(
      await visit(client, 'segments.store')
        .bearerToken(owner.token)
        .json({ name: '', rules: all(rule('tags', 'exists')) })
    ).assertStatus(422)
    ;(
      await visit(client, 'segments.store')
        .bearerToken(owner.token)
        .json({ name: 'x', rules: all(rule('tags', 'exists')), owner: 1 })
    ).assertStatus(422)
    const saved = await visit(client, 'segments.store')
      .bearerToken(owner.token)
      .json({ name: 'x', rules: all(rule('tags', 'exists')) })
    ;(
      await visit(client, 'segments.update', { id: saved.body().id })
        .bearerToken(owner.token)
        .json({ rules: deep })
    ).assertStatus(422)
  })

  test("another tenant's or workspace's segment is 404", async ({ client }) => {
    const one = await makeTenant()
    const two = await makeTenant()
    const owner = await mintSession(client, one.secretKey, { workspace: 'acme', user: 'o' })
    const otherWorkspace = await mintSession(client, one.secretKey, {
      workspace: 'other',
      user: 'o',
    })
    const otherTenant = await mintSession(client, two.secretKey, { workspace: 'acme', user: 'o' })
    const saved = await visit(client, 'segments.store')
      .bearerToken(owner.token)
      .json({ name: 'x', rules: all(rule('tags', 'exists')) })
    const id = saved.body().id
    for (const stranger of [otherWorkspace, otherTenant]) {
      ;(await visit(client, 'segments.show', { id }).bearerToken(stranger.token)).assertStatus(404)
      ;(
        await visit(client, 'segments.update', { id })
          .bearerToken(stranger.token)
          .json({ name: 'y' })
      ).assertStatus(404)
      ;(await visit(client, 'segments.destroy', { id }).bearerToken(stranger.token)).assertStatus(
        404
      )
    }
    ;(
      await visit(client, 'segments.show', { id: 'not-a-uuid' }).bearerToken(owner.token)
    ).assertStatus(404)
    ;(await visit(client, 'segments.show', { id }).bearerToken(owner.token)).assertStatus(200)
  })
})
