import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { visit } from '#tests/helpers'
import { withTenant } from '#services/tenant_context'
import { campaignStats } from '#services/campaigns/stats'
import {
  addContacts,
  addRecipients,
  broadcast,
  world,
  type Session,
} from '#tests/functional/campaigns/campaign_fixtures'

const HOUR = 3_600_000
/** Three whole hours ago: the series' first bucket. */
const h0 = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR
const at = (minutes: number) => new Date(h0 + minutes * 60_000)
const bucket = (hours: number) => new Date(h0 + hours * HOUR).toISOString()

/** A two-step web drip with an A/B first step. */
async function drip(client: ApiClient, owner: Session) {
  const response = await visit(client, 'campaigns.store')
    .bearerToken(owner.token)
    .json(
      broadcast({
        kind: 'drip',
        channel: 'web',
        steps: [
          { delayMinutes: 0, variants: [{ body: 'A' }, { body: 'B' }] },
          { delayMinutes: 60, variants: [{ body: 'Again' }] },
        ],
      })
    )
  response.assertStatus(201)
  return response.body().id as string
}

/**
 * Ten contacts at step 0 and two at step 1, one of each fate: replied (one without receipts),
 * read, delivered, sent, failed, skipped twice for opt-out and once for no channel, queued,
 * exited after a reply; one contact opted out after its message.
 */
async function funnel(client: ApiClient) {
  const { owner, elsewhere } = await world(client)
  const id = await drip(client, owner)
  const names = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10']
  const ids = await addContacts(
    owner,
    names.map((name) => ({
      name,
      phone: name === 'c1' ? '+351912345678' : null,
      optedOutAt: name === 'c2' ? at(150) : name === 'c6' ? at(-600) : null,
    }))
  )
  const c = Object.fromEntries(names.map((n, i) => [n, ids[i]]))
  await addRecipients(owner, id, [
    {
      contactId: c.c1,
      variant: 0,
      status: 'replied',
      sentAt: at(5),
      deliveredAt: at(6),
      readAt: at(10),
      repliedAt: at(65),
    },
    {
      contactId: c.c2,
      variant: 0,
      status: 'read',
      sentAt: at(5),
      deliveredAt: at(7),
      readAt: at(61),
    },
    { contactId: c.c3, variant: 1, status: 'delivered', sentAt: at(10), deliveredAt: at(62) },
    { contactId: c.c4, variant: 1, status: 'sent', sentAt: at(90) },
    { contactId: c.c5, variant: 0, status: 'failed', reason: 'sendFailed' },
    { contactId: c.c6, variant: null, status: 'skipped', reason: 'optedOut' },
    { contactId: c.c7, variant: null, status: 'skipped', reason: 'noChannel' },
    { contactId: c.c8, variant: 1, status: 'queued' },
    { contactId: c.c9, variant: 1, status: 'replied', sentAt: at(5), repliedAt: at(120) },
    { contactId: c.c10, variant: null, status: 'skipped', reason: 'optedOut' },
    { contactId: c.c1, step: 1, variant: 0, status: 'exited', reason: 'replied' },
    { contactId: c.c2, step: 1, variant: 0, status: 'sent', sentAt: at(120) },
  ])
  return { owner, elsewhere, id, c }
}

test.group('Campaigns · stats', () => {
  test('the funnel, skips by reason, variants per step and the hourly series', async ({
    client,
    assert,
  }) => {
    const { owner, id } = await funnel(client)
    const response = await visit(client, 'campaigns.stats.show', { id }).bearerToken(owner.token)
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      audience: 10,
      queued: 1,
      // Cumulative: a reply counts as sent, delivered and read even without receipts (c9).
      sent: 6,
      delivered: 4,
      read: 3,
      replied: 2,
      optedOut: 1,
      failed: 1,
      skipped: { optedOut: 2, noChannel: 1 },
      variants: [
        { step: 0, index: 0, sent: 2, delivered: 2, read: 2, replied: 1 },
        { step: 0, index: 1, sent: 3, delivered: 2, read: 1, replied: 1 },
        { step: 1, index: 0, sent: 1, delivered: 0, read: 0, replied: 0 },
      ],
      series: [
        { at: bucket(0), sent: 4, delivered: 2, read: 1, replied: 0 },
        { at: bucket(1), sent: 1, delivered: 1, read: 1, replied: 1 },
        { at: bucket(2), sent: 1, delivered: 0, read: 0, replied: 1 },
      ],
      // No OpenAI provider in this tenant: replies stay unclassified, and the stats say why.
      classification: { available: false, reason: 'PROVIDER_NOT_CONFIGURED' },
    })

    // The engine's call (by id, in its own transaction) gives the same object.
    const byId = await withTenant(owner, (trx) =>
      campaignStats({ tenantId: owner.tenantId, workspaceId: owner.workspaceId, trx }, id)
    )
    assert.deepEqual(byId, response.body())

    // Once planned, the audience is the planner's count.
    await withTenant(owner, (trx) =>
      trx.from('campaigns').where('id', id).update({ audience_count: 12 })
    )
    const planned = await visit(client, 'campaigns.stats.show', { id }).bearerToken(owner.token)
    assert.equal(planned.body().audience, 12)
  })

  test('a campaign with no recipients yet has zeros, and every variant listed', async ({
    client,
    assert,
  }) => {
    const { owner } = await world(client)
    const id = await drip(client, owner)
    const response = await visit(client, 'campaigns.stats.show', { id }).bearerToken(owner.token)
    const zero = { sent: 0, delivered: 0, read: 0, replied: 0 }
    assert.deepEqual(response.body(), {
      audience: 0,
      queued: 0,
      ...zero,
      optedOut: 0,
      failed: 0,
      skipped: {},
      variants: [
        { step: 0, index: 0, ...zero },
        { step: 0, index: 1, ...zero },
        { step: 1, index: 0, ...zero },
      ],
      series: [],
      classification: { available: false, reason: 'PROVIDER_NOT_CONFIGURED' },
    })
  })
})

test.group('Campaigns · recipients', () => {
  test('pages of rows with their contact, filtered by status', async ({ client, assert }) => {
    const { owner, id, c } = await funnel(client)
    const seen: any[] = []
    let cursor: string | null = null
    do {
      const page: any = await visit(client, 'campaigns.recipients.index', { id })
        .qs({ limit: 5, ...(cursor ? { cursor } : {}) })
        .bearerToken(owner.token)
      page.assertStatus(200)
      assert.isAtMost(page.body().data.length, 5)
      seen.push(...page.body().data)
      cursor = page.body().nextCursor
    } while (cursor)
    assert.lengthOf(seen, 12)
    assert.lengthOf(new Set(seen.map((r) => r.id)), 12)
    const replied = seen.find((r) => r.contactId === c.c1 && r.step === 0)
    assert.deepEqual(replied, {
      id: replied.id,
      contactId: c.c1,
      contact: { id: c.c1, name: 'c1', phone: '+351912345678' },
      status: 'replied',
      reason: null,
      detail: null,
      step: 0,
      variant: 0,
      sentAt: at(5).toISOString(),
      deliveredAt: at(6).toISOString(),
      readAt: at(10).toISOString(),
      repliedAt: at(65).toISOString(),
      classification: null,
    })

    const skipped = await visit(client, 'campaigns.recipients.index', { id })
      .qs({ status: 'skipped' })
      .bearerToken(owner.token)
    assert.sameDeepMembers(
      skipped.body().data.map((r: any) => [r.contact.name, r.reason]),
      [
        ['c6', 'optedOut'],
        ['c7', 'noChannel'],
        ['c10', 'optedOut'],
      ]
    )
    for (const qs of [{ status: 'bounced' }, { limit: 0 }, { cursor: 'nope' }, { colour: 'x' }])
      (
        await visit(client, 'campaigns.recipients.index', { id }).qs(qs).bearerToken(owner.token)
      ).assertStatus(422)
  })

  test('Accept: text/csv streams every row, cells safe to open in a spreadsheet', async ({
    client,
    assert,
  }) => {
    const { owner, id, c } = await funnel(client)
    await withTenant(owner, (trx) =>
      trx.from('contacts').where('id', c.c3).update({ name: '=HYPERLINK("http://x.test","y")' })
    )
    const response = await visit(client, 'campaigns.recipients.index', { id })
      .bearerToken(owner.token)
      .header('accept', 'text/csv')
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/csv/)
    assert.match(
      response.header('content-disposition') ?? '',
      /attachment; filename="campaign-.+\.csv"/
    )
    const lines = response.text().trimEnd().split('\r\n')
    assert.equal(
      lines[0],
      'contact_id,name,phone,step,variant,status,reason,detail,sent_at,delivered_at,read_at,replied_at,classification'
    )
    assert.lengthOf(lines, 13)
    assert.include(
      lines,
      `${c.c1},c1,+351912345678,0,0,replied,,,${at(5).toISOString()},${at(6).toISOString()},${at(10).toISOString()},${at(65).toISOString()},`
    )
    assert.include(lines, `${c.c6},c6,,0,,skipped,optedOut,,,,,,`)
    // The formula is quoted text, not a formula.
    const formula = lines.find((l) => l.startsWith(c.c3))!
    assert.include(formula, `"'=HYPERLINK(""http://x.test"",""y"")"`)

    const failed = await visit(client, 'campaigns.recipients.index', { id })
      .qs({ status: 'failed' })
      .bearerToken(owner.token)
      .header('accept', 'text/csv')
    assert.lengthOf(failed.text().trimEnd().split('\r\n'), 2)
  })

  test('a large export arrives whole, read in batches', async ({ client, assert }) => {
    const { owner } = await world(client)
    const id = await drip(client, owner)
    const count = 2_345
    await withTenant(owner, async (trx) => {
      await trx.rawQuery(
        `INSERT INTO contacts (tenant_id, workspace_id, id, name, attributes)
         SELECT ?, ?, gen_random_uuid(), 'p' || n, '{}' FROM generate_series(1, ?) AS n`,
        [owner.tenantId, owner.workspaceId, count]
      )
      await trx.rawQuery(
        `INSERT INTO campaign_recipients (tenant_id, workspace_id, id, campaign_id, contact_id, status)
         SELECT tenant_id, workspace_id, gen_random_uuid(), ?, id, 'queued' FROM contacts
          WHERE tenant_id = ? AND workspace_id = ?`,
        [id, owner.tenantId, owner.workspaceId]
      )
    })
    const response = await visit(client, 'campaigns.recipients.index', { id })
      .bearerToken(owner.token)
      .header('accept', 'text/csv')
    response.assertStatus(200)
    const rows = response.text().trimEnd().split('\r\n').slice(1)
    assert.lengthOf(rows, count)
    assert.lengthOf(new Set(rows.map((r) => r.split(',')[0])), count)
  })
})
