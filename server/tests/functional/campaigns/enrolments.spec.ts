import { test } from '@japa/runner'
import { makeTenant, mintSession, visit } from '#tests/helpers'
import { planRecipients } from '#services/campaigns/engine/planner'
import { addContacts, addNumber, world } from '#tests/functional/campaigns/campaign_fixtures'

const drip = (contactIds: string[]) => ({
  name: 'Onboarding',
  kind: 'drip',
  channel: 'whatsapp',
  audience: { contactIds },
  steps: [
    { delayMinutes: 0, variants: [{ body: 'Welcome {{contact.firstName | default: "there"}}' }] },
    { delayMinutes: 60 * 24, variants: [{ body: 'How is it going?' }] },
  ],
  schedule: null,
  limits: { stopOnReply: true },
})

test.group('Campaigns: enrolling contacts in a drip through the API', () => {
  test('contacts join a started drip once each, judged like a plan', async ({ client, assert }) => {
    const { owner } = await world(client)
    await addNumber(owner)
    const [first, later, optedOut, noPhone] = await addContacts(owner, [
      { name: 'Ana', phone: '+351912000001' },
      { name: 'Bruno', phone: '+351912000002' },
      { name: 'Carla', phone: '+351912000003', optedOutAt: new Date() },
      { name: 'Dani', phone: null },
    ])
    const created = await visit(client, 'campaigns.store')
      .bearerToken(owner.token)
      .json(drip([first]))
    created.assertStatus(201)
    const id = created.body().id
    const enrol = (contactIds: string[]) =>
      visit(client, 'campaigns.enrolments.store', { id })
        .bearerToken(owner.token)
        .json({ contactIds })

    // A draft has not started: nothing to join yet.
    const early = await enrol([later])
    early.assertStatus(409)
    assert.equal(early.body().error.code, 'CONFLICT')

    ;(await visit(client, 'campaigns.launch', { id }).bearerToken(owner.token)).assertStatus(202)
    await planRecipients({
      tenantId: owner.tenantId,
      workspaceId: owner.workspaceId,
      campaignId: id,
    })

    const joined = await enrol([later, optedOut, noPhone, later])
    joined.assertStatus(202)
    assert.equal(joined.body().added, 3)
    const byContact = Object.fromEntries(
      joined.body().recipients.map((r: any) => [r.contactId, `${r.status}:${r.reason}`])
    )
    assert.deepEqual(byContact, {
      [later]: 'queued:null',
      [optedOut]: 'skipped:optedOut',
      [noPhone]: 'skipped:noChannel',
    })

    // Again, and with the contact the plan already had: nobody is enrolled twice.
    const again = await enrol([later, first])
    again.assertStatus(202)
    assert.equal(again.body().added, 0)
    const shown = await visit(client, 'campaigns.show', { id }).bearerToken(owner.token)
    assert.equal(shown.body().audienceCount, 4)
    const rows = await visit(client, 'campaigns.recipients.index', { id }).bearerToken(owner.token)
    assert.lengthOf(
      rows.body().data.filter((r: any) => r.contactId === later),
      1
    )
  })

  test('broadcasts, bad ids, roles and other tenants are refused', async ({ client, assert }) => {
    const { tenant, owner, elsewhere } = await world(client)
    await addNumber(owner)
    const [contact] = await addContacts(owner, [{ name: 'Ana', phone: '+351912000001' }])
    const [foreign] = await addContacts(elsewhere, [{ name: 'Eva', phone: '+351912000009' }])
    const dripped = await visit(client, 'campaigns.store')
      .bearerToken(owner.token)
      .json(drip([contact]))
    const id = dripped.body().id
    ;(await visit(client, 'campaigns.launch', { id }).bearerToken(owner.token)).assertStatus(202)
    await planRecipients({
      tenantId: owner.tenantId,
      workspaceId: owner.workspaceId,
      campaignId: id,
    })

    // A contact of another workspace is unknown here: 422 on its field.
    const notHere = await visit(client, 'campaigns.enrolments.store', { id })
      .bearerToken(owner.token)
      .json({ contactIds: [foreign] })
    notHere.assertStatus(422)
    assert.deepEqual(
      notHere.body().error.details.map((d: any) => d.field),
      ['contactIds.0']
    )
    for (const body of [
      {},
      { contactIds: [] },
      { contactIds: ['nope'] },
      { contactIds: [contact], x: 1 },
    ]) {
      const bad = await visit(client, 'campaigns.enrolments.store', { id })
        .bearerToken(owner.token)
        .json(body)
      assert.equal(bad.status(), 422, JSON.stringify(body))
    }

    // Only drips take enrolments.
    const sent = await visit(client, 'campaigns.store')
      .bearerToken(owner.token)
      .json({ ...drip([contact]), kind: 'broadcast', steps: [drip([]).steps[0]] })
    sent.assertStatus(201)
    const toBroadcast = await visit(client, 'campaigns.enrolments.store', { id: sent.body().id })
      .bearerToken(owner.token)
      .json({ contactIds: [contact] })
    toBroadcast.assertStatus(409)

    // Agents read campaigns but do not enrol; another workspace or tenant does not see the drip.
    const agent = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'a',
      role: 'agent',
    })
    ;(
      await visit(client, 'campaigns.enrolments.store', { id })
        .bearerToken(agent.token)
        .json({ contactIds: [contact] })
    ).assertStatus(403)
    ;(
      await visit(client, 'campaigns.enrolments.store', { id })
        .bearerToken(elsewhere.token)
        .json({ contactIds: [foreign] })
    ).assertStatus(404)
    const stranger = await mintSession(client, (await makeTenant()).secretKey, {
      workspace: 'acme',
      user: 'o',
    })
    ;(
      await visit(client, 'campaigns.enrolments.store', { id })
        .bearerToken(stranger.token)
        .json({ contactIds: [contact] })
    ).assertStatus(404)
  })
})
