import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { eventsAfter, makeTenant, mintSession, png, visit } from '#tests/helpers'
import { channelNames } from '#services/realtime/channels'
import { withTenant } from '#services/tenant_context'
import {
  addContacts,
  addNumber,
  addRecipients,
  all,
  broadcast,
  localInDays,
  rule,
  world,
  type Session,
} from '#tests/functional/campaigns/campaign_fixtures'

const SHOWN = [
  'id',
  'name',
  'kind',
  'channel',
  'audience',
  'steps',
  'schedule',
  'limits',
  'status',
  'pausedReason',
  'error',
  'sendAt',
  'launchedAt',
  'completedAt',
  'audienceCount',
  'winners',
  'createdAt',
  'updatedAt',
]

async function create(client: ApiClient, session: Session, body: Record<string, unknown>) {
  const response = await visit(client, 'campaigns.store').bearerToken(session.token).json(body)
  response.assertStatus(201)
  return response.body()
}

const fieldsOf = (response: { body(): any }) =>
  (response.body().error?.details ?? []).map((d: { field: string }) => d.field)

/** Sets columns the API would refuse to set (a schedule that has since passed, say). */
async function patchRow(session: Session, id: string, values: Record<string, unknown>) {
  await withTenant(session, (trx) =>
    trx.from('campaigns').where('tenant_id', session.tenantId).where('id', id).update(values)
  )
}

test.group('Campaigns · create, read, change, delete', () => {
  test('an owner creates a campaign and reads it back, in the list and alone', async ({
    client,
    assert,
  }) => {
    const { owner } = await world(client)
    const created = await create(client, owner, broadcast())
    assert.sameMembers(Object.keys(created), SHOWN)
    assert.include(created, {
      name: 'Black Friday',
      kind: 'broadcast',
      channel: 'whatsapp',
      status: 'draft',
      pausedReason: null,
      error: null,
      sendAt: null,
      launchedAt: null,
      audienceCount: null,
    })
    assert.deepEqual(created.steps, broadcast().steps)
    assert.deepEqual(created.limits, broadcast().limits)
    assert.deepEqual(created.audience, broadcast().audience)

    const shown = await visit(client, 'campaigns.show', { id: created.id }).bearerToken(owner.token)
    shown.assertStatus(200)
    assert.deepEqual(shown.body(), created)

    const drip = await create(
      client,
      owner,
      broadcast({
        name: 'Onboarding',
        kind: 'drip',
        channel: 'web',
        steps: [
          { delayMinutes: 0, variants: [{ body: 'Welcome!' }] },
          { delayMinutes: 60 * 24 * 3, variants: [{ body: 'How is it going?' }] },
        ],
      })
    )
    await visit(client, 'campaigns.launch', { id: drip.id }).bearerToken(owner.token)
    const list = await visit(client, 'campaigns.index').bearerToken(owner.token)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((c: any) => c.name),
      ['Onboarding', 'Black Friday']
    )
    const running = await visit(client, 'campaigns.index')
      .qs({ status: 'running' })
      .bearerToken(owner.token)
    assert.deepEqual(
      running.body().data.map((c: any) => c.id),
      [drip.id]
    )
    const first = await visit(client, 'campaigns.index').qs({ limit: 1 }).bearerToken(owner.token)
    assert.lengthOf(first.body().data, 1)
    const second = await visit(client, 'campaigns.index')
      .qs({ limit: 1, cursor: first.body().nextCursor })
      .bearerToken(owner.token)
    assert.equal(second.body().data[0].id, created.id)
    assert.isNull(second.body().nextCursor)
    ;(
      await visit(client, 'campaigns.index').qs({ status: 'sending' }).bearerToken(owner.token)
    ).assertStatus(422)
  })

  test('the audience can be a saved segment or a list of contacts (each counted once)', async ({
    client,
    assert,
  }) => {
    const { owner, elsewhere } = await world(client)
    const [ana, bob] = await addContacts(owner, [{ name: 'Ana' }, { name: 'Bob' }])
    const [stranger] = await addContacts(elsewhere, [{ name: 'Eve' }])
    const listed = await create(
      client,
      owner,
      broadcast({ audience: { contactIds: [ana, bob, ana] } })
    )
    assert.deepEqual(listed.audience, { contactIds: [ana, bob] })
    const notHere = await visit(client, 'campaigns.store')
      .bearerToken(owner.token)
      .json(broadcast({ audience: { contactIds: [ana, stranger] } }))
    notHere.assertStatus(422)
    assert.deepEqual(fieldsOf(notHere), ['audience.contactIds.1'])

    const segment = await visit(client, 'segments.store')
      .bearerToken(owner.token)
      .json({ name: 'VIP', rules: all(rule('tags', 'contains', 'vip')) })
    const saved = await create(
      client,
      owner,
      broadcast({ audience: { segmentId: segment.body().id } })
    )
    assert.deepEqual(saved.audience, { segmentId: segment.body().id })
    const unknown = await visit(client, 'campaigns.store')
      .bearerToken(owner.token)
      .json(broadcast({ audience: { segmentId: randomUUID() } }))
    unknown.assertStatus(422)
    assert.deepEqual(fieldsOf(unknown), ['audience.segmentId'])
  })

  test('a schedule is kept as given and resolved to the instant it means', async ({
    client,
    assert,
  }) => {
    const { owner } = await world(client)
    const created = await create(
      client,
      owner,
      broadcast({ schedule: { sendAt: '2031-07-01T09:00', timezone: 'europe/lisbon' } })
    )
    assert.deepEqual(created.schedule, { sendAt: '2031-07-01T09:00', timezone: 'Europe/Lisbon' })
    assert.equal(created.sendAt, '2031-07-01T08:00:00.000Z')
    const moved = await visit(client, 'campaigns.update', { id: created.id })
      .bearerToken(owner.token)
      .json({ schedule: { sendAt: '2031-03-09T02:30:00', timezone: 'America/New_York' } })
    moved.assertStatus(200)
    // 02:30 does not exist that night in New York: the first instant after the jump, 03:00 EDT.
    assert.equal(moved.body().sendAt, '2031-03-09T07:00:00.000Z')
    const cleared = await visit(client, 'campaigns.update', { id: created.id })
      .bearerToken(owner.token)
      .json({ schedule: null })
    assert.isNull(cleared.body().schedule)
    assert.isNull(cleared.body().sendAt)
  })

  test('an attachment must be an upload of this workspace', async ({ client, assert }) => {
    const { owner, elsewhere } = await world(client)
    const upload = async (session: Session) => {
      const response = await visit(client, 'attachments.store')
        .bearerToken(session.token)
        .file('file', png(), { filename: 'a.png' })
      response.assertStatus(201)
      return response.body().id as string
    }
    const mine = await upload(owner)
    const theirs = await upload(elsewhere)
    const withFiles = (ids: string[]) =>
      broadcast({
        steps: [
          {
            delayMinutes: 0,
            variants: ids.map((attachmentId) => ({ body: 'Look', attachmentId })),
          },
        ],
      })
    const created = await create(client, owner, withFiles([mine]))
    assert.equal(created.steps[0].variants[0].attachmentId, mine)
    const refused = await visit(client, 'campaigns.store')
      .bearerToken(owner.token)
      .json(withFiles([mine, theirs, randomUUID()]))
    refused.assertStatus(422)
    assert.deepEqual(fieldsOf(refused), [
      'steps.0.variants.1.attachmentId',
      'steps.0.variants.2.attachmentId',
    ])
  })

  test('a draft is changed and deleted', async ({ client, assert }) => {
    const { owner } = await world(client)
    const created = await create(client, owner, broadcast())
    const renamed = await visit(client, 'campaigns.update', { id: created.id })
      .bearerToken(owner.token)
      .json({
        name: 'Cyber Monday',
        kind: 'drip',
        steps: [
          { delayMinutes: 0, variants: [{ body: 'One' }] },
          { delayMinutes: 10, variants: [{ body: 'Two' }] },
        ],
      })
    renamed.assertStatus(200)
    assert.include(renamed.body(), { name: 'Cyber Monday', kind: 'drip' })
    assert.lengthOf(renamed.body().steps, 2)
    assert.deepEqual(renamed.body().limits, broadcast().limits)
    // Back to a broadcast with the drip's two steps: the merged campaign is checked.
    const mixed = await visit(client, 'campaigns.update', { id: created.id })
      .bearerToken(owner.token)
      .json({ kind: 'broadcast' })
    mixed.assertStatus(422)
    assert.deepEqual(fieldsOf(mixed), ['steps'])
    ;(
      await visit(client, 'campaigns.destroy', { id: created.id }).bearerToken(owner.token)
    ).assertStatus(204)
    ;(
      await visit(client, 'campaigns.show', { id: created.id }).bearerToken(owner.token)
    ).assertStatus(404)
  })

  test("the list carries each launched campaign's audience, sent and replied; a draft has none", async ({
    client,
    assert,
  }) => {
    const { owner, elsewhere } = await world(client)
    const draft = await create(client, owner, broadcast({ name: 'Draft' }))
    const planned = await create(client, owner, broadcast({ name: 'Planned' }))
    const planning = await create(client, owner, broadcast({ name: 'Planning' }))
    const [a, b, c, d] = await addContacts(owner, [{}, {}, {}, {}])
    const hour = (h: number) => new Date(Date.UTC(2030, 0, 1, h))
    await patchRow(owner, planned.id, {
      status: 'completed',
      launched_at: hour(0),
      audience_count: 5,
    })
    await addRecipients(owner, planned.id, [
      { contactId: a, status: 'sent', sentAt: hour(1) },
      { contactId: b, status: 'replied', sentAt: hour(1), repliedAt: hour(2) },
      { contactId: c, status: 'read', sentAt: hour(1), readAt: hour(2) },
      { contactId: d, status: 'skipped', reason: 'optedOut' },
    ])
    // Launched, not yet planned: the audience is the rows so far.
    await patchRow(owner, planning.id, { status: 'running', launched_at: hour(0) })
    await addRecipients(owner, planning.id, [
      { contactId: a, status: 'queued' },
      { contactId: b, status: 'queued' },
    ])
    // Another workspace's launched campaign with rows of its own changes nothing here.
    const theirs = await create(client, elsewhere, broadcast({ name: 'Theirs' }))
    const [x] = await addContacts(elsewhere, [{}])
    await patchRow(elsewhere, theirs.id, { status: 'completed', launched_at: hour(0) })
    await addRecipients(elsewhere, theirs.id, [{ contactId: x, status: 'sent', sentAt: hour(1) }])

    const list = await visit(client, 'campaigns.index').bearerToken(owner.token)
    list.assertStatus(200)
    const stats = Object.fromEntries(list.body().data.map((row: any) => [row.name, row.stats]))
    assert.deepEqual(stats, {
      Draft: null,
      Planned: { audience: 5, sent: 3, replied: 1 },
      Planning: { audience: 2, sent: 0, replied: 0 },
    })
    assert.notProperty(
      (await visit(client, 'campaigns.show', { id: draft.id }).bearerToken(owner.token)).body(),
      'stats',
      'only the list carries the summary'
    )
    const mine = await visit(client, 'campaigns.index').bearerToken(elsewhere.token)
    assert.deepEqual(
      mine.body().data.map((row: any) => [row.name, row.stats]),
      [['Theirs', { audience: 1, sent: 1, replied: 0 }]]
    )
  })
})

test.group('Campaigns · bad input', () => {
  test('each bad body is 422 naming the field', async ({ client, assert }) => {
    const { owner } = await world(client)
    const step = (variants: unknown[], extra: Record<string, unknown> = {}) => ({
      delayMinutes: 0,
      variants,
      ...extra,
    })
    const deep = all(all(all(all(all(rule('tags', 'exists'))))))
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [broadcast({ audience: { rules: deep } }), 'audience.rules.rules.0.rules.0.rules.0.rules.0'],
      [
        broadcast({
          audience: { rules: all(...Array.from({ length: 51 }, () => rule('tags', 'exists'))) },
        }),
        'audience.rules',
      ],
      [
        broadcast({ audience: { rules: all(rule('tags', 'like', 'x')) } }),
        'audience.rules.rules.0.operator',
      ],
      [
        broadcast({ audience: { rules: all(rule('nickname', 'is', 'x')) } }),
        'audience.rules.rules.0.field',
      ],
      [
        broadcast({ audience: { rules: all(rule('tags', 'exists')), segmentId: randomUUID() } }),
        'audience',
      ],
      [broadcast({ audience: {} }), 'audience'],
      // Null or empty is no audience (these made campaigns of nobody, 201, that launched).
      [broadcast({ audience: { contactIds: null } }), 'audience'],
      [broadcast({ audience: { contactIds: '' } }), 'audience'],
      [broadcast({ audience: { segmentId: '' } }), 'audience'],
      [broadcast({ audience: { rules: null } }), 'audience'],
      [broadcast({ audience: { contactIds: ['nope'] } }), 'audience.contactIds.0'],
      [broadcast({ colour: 'red' }), 'colour', /Unknown field/],
      [broadcast({ steps: [step([{ body: 'x', colour: 'red' }])] }), 'steps.0.variants.0.colour'],
      [
        broadcast({ limits: { quietHours: { start: '21:00', end: '08:00', tz: 'x' } } }),
        'limits.quietHours.tz',
      ],
      [broadcast({ kind: 'blast' }), 'kind'],
      [broadcast({ channel: 'sms' }), 'channel'],
      [broadcast({ name: '' }), 'name'],
      [broadcast({ name: 'x'.repeat(121) }), 'name'],
      [
        broadcast({ steps: [step([{ body: 'Hi {{ contact.fristName }}' }])] }),
        'steps.0.variants.0.body',
        /Unknown field contact\.fristName at 1:7/,
      ],
      [
        broadcast({
          steps: [step([{ body: 'ok' }, { body: 'line\n{{ contact.name | shout }}' }])],
        }),
        'steps.0.variants.1.body',
        /Unknown filter shout at 2:19/,
      ],
      [
        broadcast({ steps: [step([{ body: 'Hi {{ contact.name' }])] }),
        'steps.0.variants.0.body',
        /Unclosed/,
      ],
      [broadcast({ steps: [step([{ body: '{% if x %}' }])] }), 'steps.0.variants.0.body', /Tags/],
      [broadcast({ steps: [step([{ body: '   ' }])] }), 'steps.0.variants.0.body'],
      [broadcast({ steps: [step([{ body: 'x'.repeat(4097) }])] }), 'steps.0.variants.0.body'],
      [broadcast({ steps: [step([{ body: 'a', weight: 0 }])] }), 'steps.0.variants.0.weight'],
      [broadcast({ steps: [step([{ body: 'a', weight: 101 }])] }), 'steps.0.variants.0.weight'],
      [broadcast({ steps: [step([{ body: 'a', weight: 1.5 }])] }), 'steps.0.variants.0.weight'],
      [broadcast({ steps: [step([{ body: 'a', weight: '3' }])] }), 'steps.0.variants.0.weight'],
      [
        broadcast({
          steps: [step([{ body: 'a' }], { abTest: { testShare: 0.2, decideAfterHours: 4 } })],
        }),
        'steps.0.abTest',
        /two variants/,
      ],
      [
        broadcast({
          steps: [
            step([{ body: 'a' }, { body: 'b' }], {
              abTest: { testShare: 0.9, decideAfterHours: 4 },
            }),
          ],
        }),
        'steps.0.abTest.testShare',
      ],
      [
        broadcast({
          steps: [
            step([{ body: 'a' }, { body: 'b' }], {
              abTest: { testShare: 0.2, decideAfterHours: 169 },
            }),
          ],
        }),
        'steps.0.abTest.decideAfterHours',
      ],
      [
        broadcast({ steps: [step(Array.from({ length: 6 }, () => ({ body: 'a' })))] }),
        'steps.0.variants',
      ],
      [broadcast({ steps: [step([])] }), 'steps.0.variants'],
      [broadcast({ steps: [] }), 'steps'],
      [
        broadcast({ steps: [step([{ body: 'a' }]), step([{ body: 'b' }])] }),
        'steps',
        /exactly one step/,
      ],
      [
        broadcast({ kind: 'drip', steps: Array.from({ length: 21 }, () => step([{ body: 'a' }])) }),
        'steps',
      ],
      [
        broadcast({ steps: [{ delayMinutes: 8 * 7 * 24 * 60 + 1, variants: [{ body: 'a' }] }] }),
        'steps.0.delayMinutes',
      ],
      [
        broadcast({ steps: [{ delayMinutes: -1, variants: [{ body: 'a' }] }] }),
        'steps.0.delayMinutes',
      ],
      [
        broadcast({ schedule: { sendAt: '2031-07-01T09:00', timezone: 'Mars/Olympus' } }),
        'schedule.timezone',
      ],
      [
        broadcast({ schedule: { sendAt: '2031-07-01T09:00', timezone: 'GMT+1' } }),
        'schedule.timezone',
      ],
      [
        broadcast({ schedule: { sendAt: '2031-07-01T09:00:00Z', timezone: 'Europe/Lisbon' } }),
        'schedule.sendAt',
      ],
      [
        broadcast({ schedule: { sendAt: '2031-02-30T09:00', timezone: 'Europe/Lisbon' } }),
        'schedule.sendAt',
      ],
      [
        broadcast({ schedule: { sendAt: '2020-01-01T09:00', timezone: 'Europe/Lisbon' } }),
        'schedule.sendAt',
        /already passed/,
      ],
      [broadcast({ schedule: { sendAt: '2031-07-01T09:00' } }), 'schedule.timezone'],
      [
        broadcast({ limits: { quietHours: { start: '25:00', end: '08:00' } } }),
        'limits.quietHours.start',
      ],
      [
        broadcast({ limits: { quietHours: { start: '08:00', end: '08:00' } } }),
        'limits.quietHours',
      ],
      [
        broadcast({ limits: { frequencyCap: { messages: 0, days: 7 } } }),
        'limits.frequencyCap.messages',
      ],
      [
        broadcast({ limits: { frequencyCap: { messages: 1, days: 91 } } }),
        'limits.frequencyCap.days',
      ],
      [broadcast({ limits: { perMinute: 601 } }), 'limits.perMinute'],
      [broadcast({ limits: { stopOnReply: 'yes' } }), 'limits.stopOnReply'],
    ]
    for (const [body, field, message] of cases) {
      const response = await visit(client, 'campaigns.store').bearerToken(owner.token).json(body)
      const label = `${field}: ${JSON.stringify(body).slice(0, 200)}`
      assert.equal(response.status(), 422, label)
      assert.equal(response.body().error.code, 'VALIDATION_ERROR')
      assert.include(fieldsOf(response), field, label)
      if (message) {
        const detail = response.body().error.details.find((d: any) => d.field === field)
        assert.match(detail.message, message, label)
      }
    }
    // 10,001 contact ids (~390 kB) fit the JSON body limit (config/bodyparser.ts, 1 MB) and reach
    // the validator's own limit of 10,000.
    const many = await visit(client, 'campaigns.store')
      .bearerToken(owner.token)
      .json(
        broadcast({ audience: { contactIds: Array.from({ length: 10_001 }, () => randomUUID()) } })
      )
    many.assertStatus(422)
    assert.include(fieldsOf(many), 'audience.contactIds')
    // Nothing was created by any of them.
    const list = await visit(client, 'campaigns.index').bearerToken(owner.token)
    assert.deepEqual(list.body().data, [])
  })

  test('one answer names every problem at once', async ({ client, assert }) => {
    const { owner } = await world(client)
    const response = await visit(client, 'campaigns.store')
      .bearerToken(owner.token)
      .json(
        broadcast({
          colour: 'red',
          channel: 'sms',
          audience: { rules: all(rule('tags', 'like', 'x')) },
          steps: [
            {
              delayMinutes: 0,
              variants: [{ body: '{{ nope }} and {{ contact.name | shout }}', weight: 0 }],
              abTest: { testShare: 0.2, decideAfterHours: 4 },
            },
          ],
          schedule: { sendAt: '2031-07-01T09:00', timezone: 'Nowhere/City' },
        })
      )
    response.assertStatus(422)
    const details = response.body().error.details as { field: string; message: string }[]
    assert.includeMembers(
      details.map((d) => d.field),
      [
        'colour',
        'channel',
        'audience.rules.rules.0.operator',
        'steps.0.variants.0.body',
        'steps.0.variants.0.weight',
        'steps.0.abTest',
        'schedule.timezone',
      ]
    )
    // Both template problems, each with its position.
    assert.deepEqual(
      details.filter((d) => d.field === 'steps.0.variants.0.body').map((d) => d.message),
      ['Unknown field nope at 1:4', 'Unknown filter shout at 1:34']
    )
  })

  test('PATCH checks the same way, and preview wants a contact of the workspace', async ({
    client,
    assert,
  }) => {
    const { owner, elsewhere } = await world(client)
    const created = await create(client, owner, broadcast())
    const bad = await visit(client, 'campaigns.update', { id: created.id })
      .bearerToken(owner.token)
      .json({ steps: [{ delayMinutes: 0, variants: [{ body: '{{ x }}' }] }], status: 'running' })
    bad.assertStatus(422)
    assert.sameMembers(fieldsOf(bad), ['status', 'steps.0.variants.0.body'])
    const nobody = await visit(client, 'campaigns.update', { id: created.id })
      .bearerToken(owner.token)
      .json({ audience: { contactIds: null } })
    nobody.assertStatus(422)
    assert.sameMembers(fieldsOf(nobody), ['audience'])
    // A blank name, kind or channel reaches the validator as null (the body parser trims it and
    // turns '' into null): it was 200 with the old value silently kept.
    for (const blank of [' ', '', null]) {
      for (const field of ['name', 'kind', 'channel']) {
        const refused = await visit(client, 'campaigns.update', { id: created.id })
          .bearerToken(owner.token)
          .json({ [field]: blank })
        assert.equal(refused.status(), 422, `${field}: ${JSON.stringify(blank)}`)
        assert.deepEqual(fieldsOf(refused), [field])
      }
    }
    const kept = await visit(client, 'campaigns.show', { id: created.id }).bearerToken(owner.token)
    assert.include(kept.body(), { name: 'Black Friday', kind: 'broadcast', channel: 'whatsapp' })
    const [stranger] = await addContacts(elsewhere, [{ name: 'Eve' }])
    for (const contactId of [stranger, randomUUID()])
      (
        await visit(client, 'campaigns.preview', { id: created.id })
          .bearerToken(owner.token)
          .json({ contactId })
      ).assertStatus(404)
    ;(
      await visit(client, 'campaigns.preview', { id: created.id })
        .bearerToken(owner.token)
        .json({ contactId: 'x' })
    ).assertStatus(422)
  })
})

test.group('Campaigns · preview', () => {
  test('every step and variant, rendered for one contact', async ({ client, assert }) => {
    const { owner } = await world(client)
    const [jose, blank] = await addContacts(owner, [
      { name: 'José María García', phone: '+351912345678', attributes: { plan: 'gold' } },
      { name: '   ', attributes: { plan: '{{ contact.phone }}' } },
    ])
    const created = await create(
      client,
      owner,
      broadcast({
        kind: 'drip',
        steps: [
          {
            delayMinutes: 0,
            variants: [
              { body: 'Hi {{ contact.firstName | default: "there" }}!' },
              { body: 'Olá {{ contact.lastName | upcase }}', weight: 2 },
            ],
          },
          { delayMinutes: 60, variants: [{ body: 'Your plan: {{ contact.attributes.plan }}' }] },
        ],
      })
    )
    const preview = await visit(client, 'campaigns.preview', { id: created.id })
      .bearerToken(owner.token)
      .json({ contactId: jose })
    preview.assertStatus(200)
    assert.deepEqual(preview.body(), {
      contactId: jose,
      steps: [
        {
          step: 0,
          delayMinutes: 0,
          body: 'Hi José!',
          variants: [
            { index: 0, body: 'Hi José!', attachmentId: null, weight: 1 },
            { index: 1, body: 'Olá MARÍA GARCÍA', attachmentId: null, weight: 2 },
          ],
        },
        {
          step: 1,
          delayMinutes: 60,
          body: 'Your plan: gold',
          variants: [{ index: 0, body: 'Your plan: gold', attachmentId: null, weight: 1 }],
        },
      ],
    })
    const other = await visit(client, 'campaigns.preview', { id: created.id })
      .bearerToken(owner.token)
      .json({ contactId: blank })
    // A blank name falls back; a value that looks like a template stays text.
    assert.equal(other.body().steps[0].body, 'Hi there!')
    assert.equal(other.body().steps[1].body, 'Your plan: {{ contact.phone }}')
  })
})

test.group('Campaigns · lifecycle', () => {
  test('launch, pause, resume and cancel, each 202 with the campaign or 409 saying why', async ({
    client,
    assert,
  }) => {
    const { owner } = await world(client)
    const [ana, bob, cai] = await addContacts(owner, [
      { name: 'Ana' },
      { name: 'Bob' },
      { name: 'Cai' },
    ])
    const campaign = await create(client, owner, broadcast())
    const act = (name: string) =>
      visit(client, `campaigns.${name}`, { id: campaign.id }).bearerToken(owner.token)
    const conflict = async (name: string, message: RegExp) => {
      const response = await act(name)
      response.assertStatus(409)
      assert.equal(response.body().error.code, 'CONFLICT')
      assert.match(response.body().error.message, message, name)
    }

    // WhatsApp with no number, or only numbers that are not connected.
    await conflict('launch', /^No connected WhatsApp number$/)
    await addNumber(owner, 'closed')
    await conflict('launch', /^No connected WhatsApp number$/)
    await conflict('pause', /draft.*only a running or scheduled/)
    await conflict('resume', /draft.*only a paused/)
    await conflict('cancel', /delete it instead/)
    await addNumber(owner, 'open')

    const before = Date.now()
    const launched = await act('launch')
    launched.assertStatus(202)
    assert.include(launched.body(), { id: campaign.id, status: 'running', pausedReason: null })
    assert.isAtLeast(Date.parse(launched.body().launchedAt), before - 1000)
    assert.equal(launched.body().sendAt, launched.body().launchedAt)
    await conflict('launch', /running; only a draft/)
    await conflict('resume', /running; only a paused/)
    const edit = await visit(client, 'campaigns.update', { id: campaign.id })
      .bearerToken(owner.token)
      .json({ name: 'x' })
    edit.assertStatus(409)
    assert.match(edit.body().error.message, /while draft, scheduled or paused/)
    const remove = await act('destroy')
    remove.assertStatus(409)
    assert.match(remove.body().error.message, /pause or cancel it first/)

    const paused = await act('pause')
    paused.assertStatus(202)
    assert.include(paused.body(), { status: 'paused', pausedReason: 'manual' })
    const renamed = await visit(client, 'campaigns.update', { id: campaign.id })
      .bearerToken(owner.token)
      .json({ name: 'Black Friday (fixed)' })
    renamed.assertStatus(200)
    assert.equal(renamed.body().status, 'paused')
    for (const [body, message] of [
      [{ channel: 'web' }, /channel of a launched campaign/],
      [{ kind: 'drip' }, /kind of a launched campaign/],
      [
        { steps: [{ delayMinutes: 0, variants: [{ body: 'only one' }] }] },
        /no step or variant can be removed/,
      ],
    ] as const) {
      const refused = await visit(client, 'campaigns.update', { id: campaign.id })
        .bearerToken(owner.token)
        .json(body)
      refused.assertStatus(409)
      assert.match(refused.body().error.message, message)
    }

    const resumed = await act('resume')
    resumed.assertStatus(202)
    assert.include(resumed.body(), { status: 'running', pausedReason: null })

    await addRecipients(owner, campaign.id, [
      { contactId: ana, status: 'queued' },
      { contactId: bob, status: 'sent', sentAt: new Date() },
      { contactId: cai, status: 'skipped', reason: 'optedOut', variant: null },
    ])
    const cancelled = await act('cancel')
    cancelled.assertStatus(202)
    assert.equal(cancelled.body().status, 'cancelled')
    assert.isNotNull(cancelled.body().completedAt)
    const rows = await withTenant(owner, (trx) =>
      trx.from('campaign_recipients').where('campaign_id', campaign.id).orderBy('contact_id')
    )
    assert.deepEqual(
      rows.map((r: any) => [r.status, r.reason]),
      [
        ['exited', 'cancelled'],
        ['sent', null],
        ['skipped', 'optedOut'],
      ]
    )
    await conflict('cancel', /already cancelled/)
    await conflict('resume', /cancelled; only a paused/)
    ;(await act('destroy')).assertStatus(204)
  })

  test('campaign.updated carries the campaign as shown, once per change', async ({
    client,
    assert,
  }) => {
    const { owner } = await world(client)
    const campaign = await create(client, owner, broadcast({ channel: 'web' }))
    const channel = channelNames.campaign(owner.tenantId, owner.workspaceId, campaign.id)
    const { events: afterCreate } = await eventsAfter(channel, undefined, 50)
    assert.deepEqual(
      afterCreate.map((e) => (e.data as any).status),
      ['draft']
    )
    ;(
      await visit(client, 'campaigns.launch', { id: campaign.id }).bearerToken(owner.token)
    ).assertStatus(202)
    const { events } = await eventsAfter(channel, afterCreate.at(-1)!.id, 50)
    assert.lengthOf(events, 1)
    assert.equal(events[0].type, 'campaign.updated')
    const shown = await visit(client, 'campaigns.show', { id: campaign.id }).bearerToken(
      owner.token
    )
    assert.deepEqual(events[0].data, shown.body())
  })

  test('a scheduled launch waits for its time; a time that has passed is a conflict', async ({
    client,
    assert,
  }) => {
    const { owner } = await world(client)
    const sendAt = localInDays(3)
    const campaign = await create(
      client,
      owner,
      broadcast({ channel: 'web', schedule: { sendAt, timezone: 'UTC' } })
    )
    const launched = await visit(client, 'campaigns.launch', { id: campaign.id }).bearerToken(
      owner.token
    )
    launched.assertStatus(202)
    assert.equal(launched.body().status, 'scheduled')
    assert.equal(launched.body().sendAt, `${sendAt}:00.000Z`)
    const moved = await visit(client, 'campaigns.update', { id: campaign.id })
      .bearerToken(owner.token)
      .json({ schedule: { sendAt: localInDays(4), timezone: 'UTC' } })
    moved.assertStatus(409)
    assert.match(moved.body().error.message, /Pause the campaign to change its schedule/)
    const paused = await visit(client, 'campaigns.pause', { id: campaign.id }).bearerToken(
      owner.token
    )
    assert.equal(paused.body().status, 'paused')
    const later = localInDays(5)
    ;(
      await visit(client, 'campaigns.update', { id: campaign.id })
        .bearerToken(owner.token)
        .json({ schedule: { sendAt: later, timezone: 'UTC' } })
    ).assertStatus(200)
    const resumed = await visit(client, 'campaigns.resume', { id: campaign.id }).bearerToken(
      owner.token
    )
    assert.include(resumed.body(), { status: 'scheduled', sendAt: `${later}:00.000Z` })
    ;(
      await visit(client, 'campaigns.destroy', { id: campaign.id }).bearerToken(owner.token)
    ).assertStatus(409)

    // A draft whose time passed while it waited (the API refuses a past time when it is set).
    const stale = await create(
      client,
      owner,
      broadcast({ channel: 'web', schedule: { sendAt: localInDays(1), timezone: 'UTC' } })
    )
    await patchRow(owner, stale.id, {
      schedule: JSON.stringify({ sendAt: '2024-05-01T09:00:00', timezone: 'Europe/Lisbon' }),
    })
    const refused = await visit(client, 'campaigns.launch', { id: stale.id }).bearerToken(
      owner.token
    )
    refused.assertStatus(409)
    assert.equal(
      refused.body().error.message,
      'The scheduled time, 2024-05-01T09:00:00 in Europe/Lisbon (2024-05-01T08:00:00.000Z), has passed; set a later one, or null to send now'
    )
  })

  test('a deleted segment stops a launch', async ({ client, assert }) => {
    const { owner } = await world(client)
    const segment = await visit(client, 'segments.store')
      .bearerToken(owner.token)
      .json({ name: 'VIP', rules: all(rule('tags', 'contains', 'vip')) })
    const campaign = await create(
      client,
      owner,
      broadcast({ channel: 'web', audience: { segmentId: segment.body().id } })
    )
    ;(
      await visit(client, 'segments.destroy', { id: segment.body().id }).bearerToken(owner.token)
    ).assertStatus(204)
    const refused = await visit(client, 'campaigns.launch', { id: campaign.id }).bearerToken(
      owner.token
    )
    refused.assertStatus(409)
    assert.match(refused.body().error.message, /segment was deleted/)
    const shown = await visit(client, 'campaigns.show', { id: campaign.id }).bearerToken(
      owner.token
    )
    assert.equal(shown.body().status, 'draft')
  })
})

test.group('Campaigns · roles and isolation', () => {
  test('agents and viewers read; only admins and owners change; no campaigns widget, no access', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'a',
      role: 'admin',
    })
    const [contact] = await addContacts(owner, [{ name: 'Ana' }])
    await addNumber(owner)
    const campaign = await create(client, admin, broadcast())
    const id = campaign.id
    for (const role of ['agent', 'viewer'] as const) {
      const member = await mintSession(client, tenant.secretKey, {
        workspace: 'acme',
        user: role,
        role,
      })
      const as = (name: string, params = { id }) =>
        visit(client, name, params).bearerToken(member.token)
      ;(await as('campaigns.index', {} as any)).assertStatus(200)
      ;(await as('campaigns.show')).assertStatus(200)
      ;(await as('campaigns.stats.show')).assertStatus(200)
      ;(await as('campaigns.recipients.index')).assertStatus(200)
      ;(await as('campaigns.preview').json({ contactId: contact })).assertStatus(200)
      ;(await as('campaigns.store', {} as any).json(broadcast())).assertStatus(403)
      ;(await as('campaigns.update').json({ name: 'x' })).assertStatus(403)
      for (const action of ['launch', 'pause', 'resume', 'cancel', 'destroy']) {
        const response = await as(`campaigns.${action}`)
        response.assertStatus(403)
        assert.equal(response.body().error.code, 'AUTHORIZATION_ERROR')
      }
    }
    const inboxOnly = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'i',
      widgets: ['inbox'],
    })
    ;(await visit(client, 'campaigns.index').bearerToken(inboxOnly.token)).assertStatus(403)
    ;(await visit(client, 'campaigns.show', { id }).bearerToken(inboxOnly.token)).assertStatus(403)
    ;(
      await visit(client, 'campaigns.stats.show', { id }).bearerToken(inboxOnly.token)
    ).assertStatus(403)
    const launched = await visit(client, 'campaigns.launch', { id }).bearerToken(admin.token)
    launched.assertStatus(202)
    const shown = await visit(client, 'campaigns.show', { id }).bearerToken(owner.token)
    assert.equal(shown.body().status, 'running')
  })

  test("another tenant's or workspace's campaign is 404 on every route", async ({
    client,
    assert,
  }) => {
    const { owner, elsewhere } = await world(client)
    const other = await makeTenant()
    const otherTenant = await mintSession(client, other.secretKey, { workspace: 'acme', user: 'o' })
    await addNumber(owner)
    const campaign = await create(client, owner, broadcast())
    const id = campaign.id
    for (const stranger of [elsewhere, otherTenant]) {
      const [theirContact] = await addContacts(stranger, [{ name: 'Eve' }])
      await addNumber(stranger)
      const calls: [string, Record<string, unknown>?][] = [
        ['campaigns.show'],
        ['campaigns.update', { name: 'mine now' }],
        ['campaigns.destroy'],
        ['campaigns.preview', { contactId: theirContact }],
        ['campaigns.launch'],
        ['campaigns.pause'],
        ['campaigns.resume'],
        ['campaigns.cancel'],
        ['campaigns.stats.show'],
        ['campaigns.recipients.index'],
      ]
      for (const [name, body] of calls) {
        const request = visit(client, name, { id }).bearerToken(stranger.token)
        const response = await (body ? request.json(body) : request)
        assert.equal(response.status(), 404, name)
        assert.equal(response.body().error.code, 'NOT_FOUND')
      }
      const csv = await visit(client, 'campaigns.recipients.index', { id })
        .bearerToken(stranger.token)
        .header('accept', 'text/csv')
      csv.assertStatus(404)
      const list = await visit(client, 'campaigns.index').bearerToken(stranger.token)
      assert.deepEqual(list.body().data, [])
    }
    ;(
      await visit(client, 'campaigns.show', { id: 'not-a-uuid' }).bearerToken(owner.token)
    ).assertStatus(404)
    const shown = await visit(client, 'campaigns.show', { id }).bearerToken(owner.token)
    assert.include(shown.body(), { name: 'Black Friday', status: 'draft' })
    // Nothing reached the rows underneath either.
    const rows = await db.connection('operator').from('campaigns').where('id', id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].status, 'draft')
  })
})
