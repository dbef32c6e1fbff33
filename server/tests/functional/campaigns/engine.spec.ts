import { test } from '@japa/runner'
import { v7 as uuidv7 } from 'uuid'
import { makeTenant, mintSession, until, eventsAfter } from '#tests/helpers'
import { startWorkers } from '#services/queues'
import { JOBS } from '#jobs/index'
import { withTenant } from '#services/tenant_context'
import { channelNames } from '#services/realtime/channels'
import { planRecipients, requeueFailed, decideWinner } from '#services/campaigns/engine/planner'
import { dispatchWhatsApp, engineSettings } from '#services/campaigns/engine/dispatcher'
import Conversation from '#models/conversation'
import { appendMessage } from '#services/inbox/messages'
import { markReadByVisitor } from '#services/web_chat'
import type { VisitorTenancy } from '#services/tenancy'
import {
  campaignRow,
  createCampaign,
  launch,
  operator,
  recipientsOf,
  seedContacts,
  untilStatus,
  type Place,
} from '#tests/functional/campaigns/engine_helpers'

async function workspace(client: any): Promise<Place> {
  const tenant = await makeTenant()
  const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
  return { tenantId: owner.tenantId, workspaceId: owner.workspaceId }
}

/** A visitor's own message in its web conversation (as the chat's POST does). */
async function visitorWrites(
  place: Place,
  contactId: string,
  conversationId: string,
  body: string
) {
  await withTenant(place, async (trx) => {
    const conversation = await Conversation.scoped({ trx, ...place })
      .where('id', conversationId)
      .firstOrFail()
    await appendMessage({ trx, ...place, contactId }, conversation, { body, type: 'text' })
  })
}

test.group('Campaign engine: planning', () => {
  test('plans once however often it runs: exclusions are skipped rows with their reason, variants by weight', async ({
    client,
    assert,
  }) => {
    const place = await workspace(client)
    const seeded = await seedContacts(place, [
      { name: 'opted', phone: '+351910000001', tags: ['spring'], optedOut: true },
      { name: 'blocked', phone: '+351910000002', tags: ['spring'], blocked: true },
      { name: 'nophone', tags: ['spring'] },
      { name: 'capped', phone: '+351910000004', tags: ['spring'] },
      { name: 'outsider', phone: '+351910000005', tags: ['autumn'] },
      ...Array.from({ length: 200 }, (_, i) => ({
        name: `p${i}`,
        phone: `+3519200${String(i).padStart(5, '0')}`,
        tags: ['spring'],
      })),
    ])
    // "capped" got a campaign message yesterday: with 1 a week, none now.
    const earlier = await createCampaign(place, {
      channel: 'whatsapp',
      audience: { contactIds: [seeded[3].contactId] },
      steps: [{ delayMinutes: 0, variants: [{ body: 'before' }] }],
    })
    await operator()
      .table('campaign_recipients')
      .insert({
        tenant_id: place.tenantId,
        workspace_id: place.workspaceId,
        id: uuidv7(),
        campaign_id: earlier.id,
        contact_id: seeded[3].contactId,
        status: 'sent',
        sent_at: new Date(Date.now() - 86_400_000),
      })

    const campaign = await createCampaign(place, {
      channel: 'whatsapp',
      audience: {
        rules: { match: 'all', rules: [{ field: 'tags', operator: 'contains', value: 'spring' }] },
      },
      steps: [
        {
          delayMinutes: 0,
          variants: [
            { body: 'A', weight: 1 },
            { body: 'B', weight: 3 },
          ],
        },
      ],
      limits: { frequencyCap: { messages: 1, days: 7 } },
    })
    await operator().from('campaigns').where('id', campaign.id).update({ status: 'running' })
    const ref = { ...place, campaignId: campaign.id }
    // Batches of 7: the keyset walks 30 of them.
    const first = await planRecipients(ref, 7)
    const rows = await recipientsOf(campaign.id)
    assert.equal(first!.added, 204)
    assert.equal(rows.length, 204)
    const reasonOf = (i: number) => rows.find((r) => r.contact_id === seeded[i].contactId)
    assert.include(reasonOf(0), { status: 'skipped', reason: 'optedOut' })
    assert.include(reasonOf(1), { status: 'skipped', reason: 'blocked' })
    assert.include(reasonOf(2), { status: 'skipped', reason: 'noChannel' })
    assert.include(reasonOf(3), { status: 'skipped', reason: 'frequencyCap' })
    assert.isUndefined(reasonOf(4))
    const queued = rows.filter((r) => r.status === 'queued')
    assert.lengthOf(queued, 200)
    const b = queued.filter((r) => r.variant === 1).length
    // Weights 1:3 over 200 contacts (hash-spread): about 150 get B.
    assert.isAbove(b, 125)
    assert.isBelow(b, 175)
    const row = await campaignRow(campaign.id)
    assert.equal(row.audience_count, 204)
    assert.isNotNull(row.planned_at)

    // Again, and again after a crash left half of it: the same rows, nobody twice.
    const again = await planRecipients(ref)
    assert.equal(again!.added, 0)
    const after = await recipientsOf(campaign.id)
    assert.deepEqual(
      after.map((r) => [r.id, r.variant, r.status]),
      rows.map((r) => [r.id, r.variant, r.status])
    )
    await operator().from('campaigns').where('id', campaign.id).update({ planned_at: null })
    await operator()
      .from('campaign_recipients')
      .where('campaign_id', campaign.id)
      .whereIn(
        'contact_id',
        after.slice(100).map((r) => r.contact_id)
      )
      .delete()
    const resumed = await planRecipients(ref, 50)
    assert.equal(resumed!.added, 104)
    const replanned = await recipientsOf(campaign.id)
    assert.lengthOf(replanned, 204)
    // The variant is the contact's, not the run's.
    assert.deepEqual(
      replanned.map((r) => r.variant),
      rows.map((r) => r.variant)
    )
  })

  test('an A/B test sends its share first; the best reply rate goes to the rest', async ({
    client,
    assert,
  }) => {
    const place = await workspace(client)
    const seeded = await seedContacts(
      place,
      Array.from({ length: 300 }, (_, i) => ({ phone: `+3519300${String(i).padStart(5, '0')}` }))
    )
    const campaign = await createCampaign(place, {
      channel: 'whatsapp',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [
        {
          delayMinutes: 0,
          variants: [{ body: 'A' }, { body: 'B' }],
          abTest: { testShare: 0.2, decideAfterHours: 4 },
        },
      ],
    })
    await operator().from('campaigns').where('id', campaign.id).update({ status: 'running' })
    const ref = { ...place, campaignId: campaign.id }
    await planRecipients(ref)
    const rows = await recipientsOf(campaign.id)
    const waiting = rows.filter((r) => r.variant === null)
    assert.isAbove(waiting.length, 210)
    assert.isBelow(waiting.length, 270)
    // Nothing sent yet: no winner.
    assert.isNull(await decideWinner(ref, 0))
    // B's test recipients reply more.
    const tested = rows.filter((r) => r.variant !== null)
    for (const r of tested) {
      await operator()
        .from('campaign_recipients')
        .where('id', r.id)
        .update({
          status: 'sent',
          sent_at: new Date(),
          replied_at:
            r.variant === 1 && Number.parseInt(r.id.slice(-2), 16) % 2 ? new Date() : null,
        })
    }
    assert.equal(await decideWinner(ref, 0), 1)
    const decided = await recipientsOf(campaign.id)
    assert.equal(decided.filter((r) => r.variant === null).length, 0)
    assert.equal(
      decided.filter((r) => r.status === 'queued' && r.variant === 1).length,
      waiting.length
    )
    assert.deepEqual((await campaignRow(campaign.id)).winners, { 0: 1 })
  })

  test('materialises recipients in set-based batches (measured at 20,000 contacts)', async ({
    client,
    assert,
  }) => {
    const place = await workspace(client)
    await withTenant(place, (trx) =>
      trx.rawQuery(
        `INSERT INTO contacts (tenant_id, workspace_id, id, name, phone, tags, attributes)
         SELECT ?, ?, parley_uuidv7(), 'c' || g, '+1555' || lpad(g::text, 7, '0'), '{bulk}', '{}'
           FROM generate_series(1, 20000) g`,
        [place.tenantId, place.workspaceId]
      )
    )
    const campaign = await createCampaign(place, {
      channel: 'whatsapp',
      audience: {
        rules: { match: 'all', rules: [{ field: 'tags', operator: 'contains', value: 'bulk' }] },
      },
      steps: [{ delayMinutes: 0, variants: [{ body: 'A' }, { body: 'B', weight: 2 }] }],
    })
    await operator().from('campaigns').where('id', campaign.id).update({ status: 'running' })
    const started = performance.now()
    const planned = await planRecipients({ ...place, campaignId: campaign.id })
    const seconds = (performance.now() - started) / 1000
    console.log(
      `  planned ${planned!.added} recipients in ${seconds.toFixed(2)} s: ${Math.round(planned!.added / seconds)}/s`
    )
    assert.equal(planned!.added, 20_000)
  }).timeout(60_000)
})

test.group('Campaign engine: sending', (group) => {
  let workers: ReturnType<typeof startWorkers>
  group.setup(() => {
    // Idle dispatchers look again soon (virtual time moves rows' due_at under them).
    const idle = engineSettings.idleRecheckMs
    engineSettings.idleRecheckMs = 200
    workers = startWorkers(JOBS)
    return async () => {
      await workers.stop()
      engineSettings.idleRecheckMs = idle
    }
  })

  test('a web campaign writes into each contact’s web conversation as the team; reads and replies move its recipients', async ({
    client,
    assert,
  }) => {
    const place = await workspace(client)
    const seeded = await seedContacts(place, [
      { name: 'Ana Lima', web: true },
      { name: '  ', web: true },
      { name: 'Bo', web: true, optedOut: true },
      { name: 'No chat' },
    ])
    const campaign = await createCampaign(place, {
      channel: 'web',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [
        { delayMinutes: 0, variants: [{ body: 'Hi {{contact.firstName | default: "there"}}!' }] },
      ],
    })
    await launch(place, campaign.id)
    const done = await untilStatus(campaign.id, 'completed')
    assert.isNotNull(done.completed_at)
    const messages = await operator()
      .from('messages')
      .where('campaign_id', campaign.id)
      .orderBy('body')
    assert.deepEqual(
      messages.map((m) => [m.body, m.direction, m.status, m.author_member_id, m.author_contact_id]),
      [
        ['Hi Ana!', 'outbound', 'sent', null, null],
        ['Hi there!', 'outbound', 'sent', null, null],
      ]
    )
    const rows = await recipientsOf(campaign.id)
    const of = (i: number) => rows.find((r) => r.contact_id === seeded[i].contactId)
    assert.equal(of(0).status, 'sent')
    assert.equal(of(0).conversation_id, seeded[0].conversationId)
    assert.include(of(2), { status: 'skipped', reason: 'optedOut' })
    assert.include(of(3), { status: 'skipped', reason: 'noChannel' })

    // Live for the visitor (the contact's channel) and in the inbox thread.
    const { events } = await eventsAfter(
      channelNames.contact(place.tenantId, place.workspaceId, seeded[0].contactId),
      undefined,
      20
    )
    assert.include(
      events.map((e) => `${e.type}:${(e.data as any).body}`),
      'message.created:Hi Ana!'
    )

    // The visitor reads, then answers: read, then replied.
    const visitor = { ...place, contactId: seeded[0].contactId, keyId: 'k' }
    await withTenant(place, async (trx) => {
      const conversation = await Conversation.scoped({ trx, ...place })
        .where('id', seeded[0].conversationId!)
        .firstOrFail()
      const mine = messages.find((m) => m.body === 'Hi Ana!')
      await markReadByVisitor(
        { trx, ...visitor } as unknown as VisitorTenancy,
        conversation,
        mine.id
      )
    })
    let row = (await recipientsOf(campaign.id)).find((r) => r.contact_id === seeded[0].contactId)
    assert.equal(row.status, 'read')
    assert.isNotNull(row.read_at)
    assert.isNotNull(row.delivered_at)
    await visitorWrites(place, seeded[0].contactId, seeded[0].conversationId!, 'Tell me more')
    row = (await recipientsOf(campaign.id)).find((r) => r.contact_id === seeded[0].contactId)
    assert.equal(row.status, 'replied')
    assert.isNotNull(row.replied_at)

    // Progress was published on the campaign's channel.
    const progress = await until(async () => {
      const log = await eventsAfter(
        channelNames.campaign(place.tenantId, place.workspaceId, campaign.id),
        undefined,
        50
      )
      return log.events.filter((e) => e.type === 'campaign.progress').at(-1)
    }, 'campaign.progress')
    assert.isAtLeast((progress.data as any).sent, 2)
  }).timeout(30_000)

  test('a drip sends its next step after the delay and a reply ends it (stopOnReply)', async ({
    client,
    assert,
  }) => {
    const place = await workspace(client)
    const seeded = await seedContacts(place, [
      { name: 'Replies', web: true },
      { name: 'Silent', web: true },
    ])
    const campaign = await createCampaign(place, {
      channel: 'web',
      kind: 'drip',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [
        { delayMinutes: 0, variants: [{ body: 'Welcome' }] },
        { delayMinutes: 60, variants: [{ body: 'Day two' }] },
        { delayMinutes: 60, variants: [{ body: 'Day three' }] },
      ],
      limits: { stopOnReply: true },
    })
    await launch(place, campaign.id)
    const stepOne = await until(async () => {
      const rows = await recipientsOf(campaign.id)
      return rows.filter((r) => r.step === 1).length === 2 ? rows : null
    }, 'the second steps')
    for (const r of stepOne.filter((x) => x.step === 1)) {
      const sent = stepOne.find((x) => x.contact_id === r.contact_id && x.step === 0).sent_at
      assert.equal(new Date(r.due_at).getTime() - new Date(sent).getTime(), 3_600_000)
      assert.equal(r.status, 'queued')
    }
    await visitorWrites(
      place,
      seeded[0].contactId,
      seeded[0].conversationId!,
      'Stop it please, thanks'
    )
    // An hour passes (virtual time: the rows are due now).
    await operator()
      .from('campaign_recipients')
      .where('campaign_id', campaign.id)
      .where('status', 'queued')
      .update({ due_at: new Date() })
    await until(async () => {
      const rows = await recipientsOf(campaign.id)
      return rows.some((r) => r.step === 2) ? rows : null
    }, 'the third step of the silent contact')
    await operator()
      .from('campaign_recipients')
      .where('campaign_id', campaign.id)
      .where('status', 'queued')
      .update({ due_at: new Date() })
    await untilStatus(campaign.id, 'completed')
    const rows = await recipientsOf(campaign.id)
    const of = (i: number) =>
      rows
        .filter((r) => r.contact_id === seeded[i].contactId)
        .map((r) => [r.step, r.status, r.reason])
    assert.deepEqual(of(0), [
      [0, 'replied', null],
      [1, 'exited', 'replied'],
    ])
    assert.deepEqual(of(1), [
      [0, 'sent', null],
      [1, 'sent', null],
      [2, 'sent', null],
    ])
    const bodies = await operator().from('messages').where('campaign_id', campaign.id).orderBy('id')
    assert.deepEqual(
      bodies.map((m) => m.body),
      ['Welcome', 'Welcome', 'Day two', 'Day three']
    )
  }).timeout(30_000)
})

test.group('Campaign engine: breaker', () => {
  async function whatsappSetup(client: any, status = 'open') {
    const place = await workspace(client)
    const numberId = uuidv7()
    await operator()
      .table('whatsapp_numbers')
      .insert({
        tenant_id: place.tenantId,
        workspace_id: place.workspaceId,
        id: numberId,
        label: 'Sales',
        phone: '+351900000000',
        status,
        pacing: JSON.stringify({ minIntervalSeconds: 1, jitterSeconds: 0 }),
      })
    return { place, numberId }
  }

  test('failures over a quarter of the recent messages pause it; a resume re-queues only the failed', async ({
    client,
    assert,
  }) => {
    const { place, numberId } = await whatsappSetup(client)
    const seeded = await seedContacts(
      place,
      Array.from({ length: 10 }, (_, i) => ({ phone: `+35191000010${i}` }))
    )
    const campaign = await createCampaign(place, {
      channel: 'whatsapp',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Hi' }] }],
    })
    await operator().from('campaigns').where('id', campaign.id).update({ status: 'running' })
    const ref = { ...place, campaignId: campaign.id }
    await planRecipients(ref)
    const rows = await recipientsOf(campaign.id)
    // 6 went out, 2 failed (25%: not yet over), one skipped, one still queued.
    const set = (i: number, fields: Record<string, unknown>) =>
      operator().from('campaign_recipients').where('id', rows[i].id).update(fields)
    for (let i = 0; i < 6; i++) await set(i, { status: 'sent', sent_at: new Date() })
    for (const i of [6, 7]) await set(i, { status: 'failed', reason: 'sendFailed' })
    await set(8, { status: 'skipped', reason: 'optedOut' })
    const first = await dispatchWhatsApp(ref, numberId)
    assert.equal((await campaignRow(campaign.id)).status, 'running')
    assert.equal(first.sent, 1)
    // Its message fails too: 3 of 9.
    await operator()
      .from('messages')
      .where('campaign_id', campaign.id)
      .update({ status: 'failed', failure_reason: 'WhatsApp reported an error' })
    const failedRow = (await recipientsOf(campaign.id)).find((r) => r.id === rows[9].id)
    assert.include(failedRow, {
      status: 'failed',
      reason: 'sendFailed',
      detail: 'WhatsApp reported an error',
    })
    await dispatchWhatsApp(ref, numberId)
    const paused = await campaignRow(campaign.id)
    assert.include(paused, { status: 'paused', paused_reason: 'failure_rate' })
    assert.match(paused.error, /3 of the last 9 messages failed/)

    await requeueFailed(ref)
    const after = await recipientsOf(campaign.id)
    const byId = new Map(after.map((r) => [r.id, r]))
    for (const i of [6, 7, 9])
      assert.include(byId.get(rows[i].id), {
        status: 'queued',
        reason: null,
        attempts: 1,
        message_id: null,
      })
    assert.include(byId.get(rows[8].id), { status: 'skipped', reason: 'optedOut' })
    for (let i = 0; i < 6; i++) assert.equal(byId.get(rows[i].id).status, 'sent')
  })

  test('a number logged out pauses the campaign naming the number; one reconnecting is waited for', async ({
    client,
    assert,
  }) => {
    const { place, numberId } = await whatsappSetup(client, 'connecting')
    const seeded = await seedContacts(place, [{ phone: '+351910000201' }])
    const campaign = await createCampaign(place, {
      channel: 'whatsapp',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Hi' }] }],
    })
    await operator().from('campaigns').where('id', campaign.id).update({ status: 'running' })
    const ref = { ...place, campaignId: campaign.id }
    await planRecipients(ref)
    const waiting = await dispatchWhatsApp(ref, numberId)
    assert.equal(waiting.sent, 0)
    assert.isNotNull(waiting.next)
    assert.equal((await campaignRow(campaign.id)).status, 'running')
    await operator()
      .from('whatsapp_numbers')
      .where('id', numberId)
      .update({ status: 'logged_out', last_error: 'logged out' })
    const stopped = await dispatchWhatsApp(ref, numberId)
    assert.isNull(stopped.next)
    const paused = await campaignRow(campaign.id)
    assert.include(paused, { status: 'paused', paused_reason: 'number_disconnected' })
    assert.equal(
      paused.error,
      'The WhatsApp number Sales (+351900000000) is logged out: logged out'
    )
    assert.equal((await recipientsOf(campaign.id))[0].status, 'queued')
  })
})
