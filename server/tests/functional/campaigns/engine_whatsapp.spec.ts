import { test } from '@japa/runner'
import { makeTenant, mintSession, png, until, visit } from '#tests/helpers'
import { TestWhatsApp } from '#tests/doubles/whatsapp_transport'
import { startWhatsAppSupervisor } from '#services/whatsapp/supervisor'
import { startWorkers } from '#services/queues'
import { JOBS } from '#jobs/index'
import {
  createCampaign,
  launch,
  operator,
  recipientsOf,
  seedContacts,
  untilStatus,
} from '#tests/functional/campaigns/engine_helpers'

const OURS = '+5511912340000'

test.group('Campaign engine: WhatsApp through the test transport', (group) => {
  let network: TestWhatsApp
  let supervisor: ReturnType<typeof startWhatsAppSupervisor>
  let workers: ReturnType<typeof startWorkers>
  group.each.setup(async () => {
    await operator().from('whatsapp_numbers').update({ status: 'logged_out' })
    network = new TestWhatsApp()
    supervisor = startWhatsAppSupervisor({
      factory: network.factory,
      download: network.download,
      pollMs: 100,
      lockTtlMs: 3000,
    })
    workers = startWorkers(JOBS)
    return async () => {
      await workers.stop()
      await supervisor.stop()
    }
  })

  async function connectedNumber(client: any, pacing: Record<string, number>) {
    const tenant = await makeTenant()
    const admin = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ad',
      role: 'admin',
    })
    const created = await visit(client, 'whatsapp.numbers.store')
      .bearerToken(admin.token)
      .json({ label: 'Sales' })
    const number = created.body()
    await until(
      () => network.sockets.length && network.latest().emitter.listenerCount('connection.update'),
      'a socket'
    )
    await until(async () => {
      const row = await operator().from('whatsapp_numbers').where('id', number.id).first()
      return row.status === 'qr'
    }, 'the QR')
    network.latest().pair(OURS)
    await until(async () => {
      const row = await operator().from('whatsapp_numbers').where('id', number.id).first()
      return row.status === 'open'
    }, 'the number to open')
    // Tiny pacing for the test (the API's floor is a second).
    await operator()
      .from('whatsapp_numbers')
      .where('id', number.id)
      .update({ pacing: JSON.stringify(pacing) })
    return { place: { tenantId: admin.tenantId, workspaceId: admin.workspaceId }, number, admin }
  }

  test('every recipient gets one message through the number, typed first, one at a time; receipts move the funnel', async ({
    client,
    assert,
  }) => {
    const { place, number } = await connectedNumber(client, {
      minIntervalSeconds: 0.3,
      jitterSeconds: 0,
      warmupDays: 1,
    })
    const seeded = await seedContacts(
      place,
      Array.from({ length: 5 }, (_, i) => ({ name: `Person ${i}`, phone: `+55119876500${i}` }))
    )
    const campaign = await createCampaign(place, {
      channel: 'whatsapp',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Hello {{contact.firstName}}' }] }],
    })
    await launch(place, campaign.id)
    await untilStatus(campaign.id, 'completed', 60_000)
    const socket = network.latest()
    assert.lengthOf(socket.sent, 5)
    const jids = socket.sent.map((s) => s.jid).sort()
    assert.deepEqual(
      jids,
      seeded.map((_, i) => `55119876500${i}@s.whatsapp.net`)
    )
    assert.deepEqual(
      socket.sent.map((s) => (s.content as any).text).sort(),
      Array(5).fill('Hello Person')
    )
    // Typing before each message.
    assert.equal(socket.presences.filter((p) => p.type === 'composing').length, 5)
    const rows = await recipientsOf(campaign.id)
    assert.deepEqual(
      rows.map((r) => [r.status, r.whatsapp_number_id]),
      Array(5).fill(['sent', number.id])
    )
    // Never two campaign messages on the number at once: each went after the previous was sent.
    const sentAt = rows.map((r) => new Date(r.sent_at).getTime()).sort((a, b) => a - b)
    for (let i = 1; i < sentAt.length; i++) assert.isAtLeast(sentAt[i] - sentAt[i - 1], 250)

    socket.ack(socket.sent[0].id, socket.sent[0].jid, 3)
    socket.ack(socket.sent[1].id, socket.sent[1].jid, 4)
    await until(async () => {
      const after = await recipientsOf(campaign.id)
      return after.filter((r) => r.status === 'delivered').length === 1 &&
        after.filter((r) => r.status === 'read').length === 1
        ? after
        : null
    }, 'the receipts on the recipients')
  }).timeout(90_000)

  test('a variant’s upload goes to each recipient as WhatsApp media, the words as its caption', async ({
    client,
    assert,
  }) => {
    const { place, admin } = await connectedNumber(client, {
      minIntervalSeconds: 0.3,
      jitterSeconds: 0,
      warmupDays: 1,
    })
    const image = png(12)
    const uploaded = await visit(client, 'attachments.store')
      .bearerToken(admin.token)
      .file('file', image, { filename: 'offer.png' })
    uploaded.assertStatus(201)
    const seeded = await seedContacts(
      place,
      Array.from({ length: 3 }, (_, i) => ({ name: `Person ${i}`, phone: `+55119876700${i}` }))
    )
    const campaign = await createCampaign(place, {
      channel: 'whatsapp',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [
        {
          delayMinutes: 0,
          variants: [
            { body: 'Our offer, {{contact.firstName}}', attachmentId: uploaded.body().id },
          ],
        },
      ],
    })
    await launch(place, campaign.id)
    await untilStatus(campaign.id, 'completed', 60_000)
    const socket = network.latest()
    assert.lengthOf(socket.sent, 3)
    for (const sent of socket.sent) {
      const content = sent.content as any
      assert.equal(content.caption, 'Our offer, Person')
      assert.equal(content.mimetype, 'image/png')
      assert.isTrue(Buffer.isBuffer(content.image) && content.image.equals(image))
    }
    const messages = await operator().from('messages').where('campaign_id', campaign.id)
    const files = await operator()
      .from('attachments')
      .whereIn(
        'message_id',
        messages.map((m) => m.id)
      )
    assert.lengthOf(files, 3)
  }).timeout(90_000)

  test('the phone unlinking the number pauses the campaign, naming the number', async ({
    client,
    assert,
  }) => {
    const { place } = await connectedNumber(client, {
      minIntervalSeconds: 2,
      jitterSeconds: 0,
      warmupDays: 1,
    })
    const seeded = await seedContacts(
      place,
      Array.from({ length: 4 }, (_, i) => ({ phone: `+55119876600${i}` }))
    )
    const campaign = await createCampaign(place, {
      channel: 'whatsapp',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Hi' }] }],
    })
    await launch(place, campaign.id)
    const socket = network.latest()
    await until(() => socket.sent.length >= 1, 'the first message', 20_000)
    socket.unlink()
    const paused = await untilStatus(campaign.id, 'paused', 20_000)
    assert.equal(paused.paused_reason, 'number_disconnected')
    assert.equal(paused.error, `The WhatsApp number Sales (${OURS}) is logged out: logged out`)
    const rows = await recipientsOf(campaign.id)
    assert.isAtLeast(rows.filter((r) => r.status === 'queued' && !r.message_id).length, 2)
    assert.isAtMost(socket.sent.length, 2)
  }).timeout(60_000)
})
