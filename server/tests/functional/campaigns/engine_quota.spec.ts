import { test } from '@japa/runner'
import { v7 as uuidv7 } from 'uuid'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { planRecipients } from '#services/campaigns/engine/planner'
import { dispatchWeb, dispatchWhatsApp } from '#services/campaigns/engine/dispatcher'
import { countRecipient } from '#services/campaigns/engine/quota'
import { withTenant } from '#services/tenant_context'
import {
  campaignRow,
  createCampaign,
  operator,
  recipientsOf,
  resume,
  seedContacts,
  type Place,
} from '#tests/functional/campaigns/engine_helpers'

/** A workspace on a free plan allowing `limit` campaign recipients a month (as a subscribe leaves it). */
async function onPlan(client: any, limit: number) {
  const tenant = await makeTenant()
  const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
  const place: Place = { tenantId: owner.tenantId, workspaceId: owner.workspaceId }
  const planId = uuidv7()
  await operator()
    .table('plans')
    .insert({
      tenant_id: place.tenantId,
      id: planId,
      name: 'Free',
      limits: JSON.stringify({ campaignRecipients: limit }),
    })
  await operator()
    .table('workspace_billing')
    .insert({ ...tenantRow(place), plan_id: planId, status: 'active' })
  return { place, owner, planId }
}

const tenantRow = (place: Place) => ({
  tenant_id: place.tenantId,
  workspace_id: place.workspaceId,
})

const ledger = (place: Place) =>
  operator()
    .from('usage_records')
    .where('tenant_id', place.tenantId)
    .where('workspace_id', place.workspaceId)
    .where('feature', 'campaignRecipients')

async function runWeb(ref: Place & { campaignId: string }) {
  let sent = 0
  for (let i = 0; i < 10; i++) {
    const outcome = await dispatchWeb(ref)
    sent += outcome.sent
    if (!outcome.next) break
  }
  return sent
}

const nextMonth = () =>
  new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString()

test.group('Campaign engine: the plan’s campaign recipients', () => {
  test('sends up to the limit, one ledger record per recipient sent, then pauses itself naming the limit and reset', async ({
    client,
    assert,
  }) => {
    const { place, planId, owner } = await onPlan(client, 3)
    const seeded = await seedContacts(place, [
      { name: 'A', web: true },
      { name: 'B', web: true },
      { name: 'C (opted out)', web: true, optedOut: true },
      { name: 'D', web: true },
      { name: 'E', web: true },
      { name: 'F', web: true },
    ])
    const campaign = await createCampaign(place, {
      channel: 'web',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Hi' }] }],
    })
    await operator().from('campaigns').where('id', campaign.id).update({ status: 'running' })
    const ref = { ...place, campaignId: campaign.id }
    await planRecipients(ref)
    assert.equal(await runWeb(ref), 3)

    const paused = await campaignRow(campaign.id)
    assert.include(paused, { status: 'paused', paused_reason: 'quota_exceeded' })
    assert.include(paused.error, 'limit of 3 campaign recipients')
    assert.include(paused.error, `resets at ${nextMonth()}`)
    const rows = await recipientsOf(campaign.id)
    const sent = rows.filter((r) => r.status === 'sent')
    assert.lengthOf(sent, 3)
    // Skipped recipients are not counted; the rest wait, queued, for a resume.
    assert.lengthOf(
      rows.filter((r) => r.status === 'queued' && r.message_id === null),
      2
    )
    const records = await ledger(place)
    assert.sameMembers(
      records.map((r) => r.source_id),
      sent.map((r) => r.id)
    )
    assert.isTrue(records.every((r) => Number(r.quantity) === 1))

    // Counting a recipient again (a retry) adds nothing.
    assert.isFalse(await withTenant(place, (trx) => countRecipient(trx, ref, sent[0].id)))
    assert.lengthOf(await ledger(place), 3)

    // Launching another campaign now: 402 naming the limit and its reset.
    const other = await createCampaign(place, {
      channel: 'web',
      audience: { contactIds: [seeded[0].contactId] },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Again' }] }],
    })
    const refused = await visit(client, 'campaigns.launch', { id: other.id }).bearerToken(
      owner.token
    )
    refused.assertStatus(402)
    assert.deepInclude(refused.body().error, {
      code: 'QUOTA_EXCEEDED',
      feature: 'campaignRecipients',
      limit: 3,
      resetsAt: nextMonth(),
    })
    assert.equal((await campaignRow(other.id)).status, 'draft')

    // A larger plan, a resume: the rest go, each counted once.
    await operator()
      .from('plans')
      .where('tenant_id', place.tenantId)
      .where('id', planId)
      .update({ limits: JSON.stringify({ campaignRecipients: 10 }) })
    await resume(place, campaign.id)
    assert.equal(await runWeb(ref), 2)
    assert.equal((await campaignRow(campaign.id)).status, 'completed')
    assert.lengthOf(await ledger(place), 5)
    ;(
      await visit(client, 'campaigns.launch', { id: other.id }).bearerToken(owner.token)
    ).assertStatus(202)
  }).timeout(30_000)

  test('a workspace without a limit sends everything and still records each recipient', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
    const place: Place = { tenantId: owner.tenantId, workspaceId: owner.workspaceId }
    const seeded = await seedContacts(place, [
      { name: 'A', web: true },
      { name: 'B', web: true },
    ])
    const campaign = await createCampaign(place, {
      channel: 'web',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Hi' }] }],
    })
    await operator().from('campaigns').where('id', campaign.id).update({ status: 'running' })
    const ref = { ...place, campaignId: campaign.id }
    await planRecipients(ref)
    assert.equal(await runWeb(ref), 2)
    assert.equal((await campaignRow(campaign.id)).status, 'completed')
    assert.lengthOf(await ledger(place), 2)
  }).timeout(30_000)

  test('WhatsApp: a limit already reached pauses before any message is made', async ({
    client,
    assert,
  }) => {
    const { place } = await onPlan(client, 0)
    const numberId = uuidv7()
    await operator()
      .table('whatsapp_numbers')
      .insert({
        ...tenantRow(place),
        id: numberId,
        label: 'Sales',
        phone: '+351900000000',
        status: 'open',
        pacing: JSON.stringify({ minIntervalSeconds: 1, jitterSeconds: 0 }),
      })
    const seeded = await seedContacts(place, [{ phone: '+351910000301' }])
    const campaign = await createCampaign(place, {
      channel: 'whatsapp',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Hi' }] }],
    })
    await operator().from('campaigns').where('id', campaign.id).update({ status: 'running' })
    const ref = { ...place, campaignId: campaign.id }
    await planRecipients(ref)
    const outcome = await dispatchWhatsApp(ref, numberId)
    assert.deepEqual([outcome.sent, outcome.next], [0, null])
    assert.include(await campaignRow(campaign.id), {
      status: 'paused',
      paused_reason: 'quota_exceeded',
    })
    const [row] = await recipientsOf(campaign.id)
    assert.include(row, { status: 'queued', message_id: null })
    assert.lengthOf(await operator().from('messages').where('campaign_id', campaign.id), 0)
    assert.lengthOf(await ledger(place), 0)
  }).timeout(30_000)
})
