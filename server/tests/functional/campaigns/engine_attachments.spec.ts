import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import drive from '@adonisjs/drive/services/main'
import { eventsAfter, makeTenant, mintSession, ORIGIN, png, visit } from '#tests/helpers'
import { startWorkers } from '#services/queues'
import { JOBS } from '#jobs/index'
import { channelNames } from '#services/realtime/channels'
import { purgeUnsentUploads } from '#services/attachments'
import { engineSettings } from '#services/campaigns/engine/dispatcher'
import { localInDays, type Session } from '#tests/functional/campaigns/campaign_fixtures'
import {
  operator,
  recipientsOf,
  seedContacts,
  untilStatus,
} from '#tests/functional/campaigns/engine_helpers'

/** A campaign's upload: sent with each message, held from the purge while the campaign may send. */

async function workspaceWithChat(client: ApiClient) {
  const tenant = await makeTenant()
  const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
  const patched = await visit(client, 'workspaces.update', { id: owner.workspaceId })
    .bearerToken(tenant.secretKey)
    .json({ webChat: { enabled: true } })
  patched.assertStatus(200)
  return { tenant, owner }
}

/** A visitor of the host page who started a conversation; their token reads the chat API. */
async function visitorWithConversation(client: ApiClient, publishableKey: string, name: string) {
  const arrived = await visit(client, 'chat.visitors.store')
    .qs({ key: publishableKey })
    .header('origin', ORIGIN)
    .json({ workspace: 'acme', name })
  arrived.assertStatus(201)
  const { token, contactId } = arrived.body()
  const started = await visit(client, 'chat.conversations.store')
    .bearerToken(token)
    .header('origin', ORIGIN)
    .json({ body: 'Hello' })
  started.assertStatus(201)
  return {
    token: token as string,
    contactId: contactId as string,
    conversationId: started.body().id,
  }
}

async function upload(client: ApiClient, session: Session, bytes: Buffer, filename: string) {
  const response = await visit(client, 'attachments.store')
    .bearerToken(session.token)
    .file('file', bytes, { filename, contentType: 'image/png' })
  response.assertStatus(201)
  return response.body() as { id: string; url: string }
}

async function createAndLaunch(client: ApiClient, owner: Session, body: Record<string, unknown>) {
  const created = await visit(client, 'campaigns.store')
    .bearerToken(owner.token)
    .json({ name: 'Menu', kind: 'broadcast', channel: 'web', limits: {}, schedule: null, ...body })
  created.assertStatus(201)
  const launched = await visit(client, 'campaigns.launch', { id: created.body().id }).bearerToken(
    owner.token
  )
  launched.assertStatus(202)
  return launched.body() as { id: string; status: string }
}

const bytesOf = async (url: string) => {
  const response = await fetch(url)
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) }
}

const keyOf = (session: Session, id: string) => `${session.tenantId}/${session.workspaceId}/${id}`

test.group('Campaign engine: attachments', (group) => {
  let workers: ReturnType<typeof startWorkers>
  group.setup(() => {
    const idle = engineSettings.idleRecheckMs
    engineSettings.idleRecheckMs = 200
    workers = startWorkers(JOBS)
    return async () => {
      await workers.stop()
      engineSettings.idleRecheckMs = idle
    }
  })

  test('a web campaign sends its upload with every message; each visitor reads it back through the chat', async ({
    client,
    assert,
  }) => {
    const { tenant, owner } = await workspaceWithChat(client)
    const eva = await visitorWithConversation(client, tenant.publishableKey, 'Eva')
    const leo = await visitorWithConversation(client, tenant.publishableKey, 'Leo')
    const image = png(64)
    const menu = await upload(client, owner, image, 'menu.png')
    const campaign = await createAndLaunch(client, owner, {
      audience: { contactIds: [eva.contactId, leo.contactId] },
      steps: [
        {
          delayMinutes: 0,
          variants: [{ body: 'Our new menu, {{contact.firstName}}', attachmentId: menu.id }],
        },
      ],
    })
    await untilStatus(campaign.id, 'completed')

    const shared: string[] = []
    for (const [visitor, name] of [
      [eva, 'Eva'],
      [leo, 'Leo'],
    ] as const) {
      const thread = await visit(client, 'chat.conversations.messages.index', {
        id: visitor.conversationId,
      })
        .bearerToken(visitor.token)
        .header('origin', ORIGIN)
      thread.assertStatus(200)
      const sent = thread.body().data.find((m: any) => m.body === `Our new menu, ${name}`)
      assert.exists(sent, `${name} has the campaign message`)
      assert.lengthOf(sent.attachments, 1)
      assert.include(sent.attachments[0], {
        name: 'menu.png',
        mimeType: 'image/png',
        kind: 'image',
      })
      assert.notEqual(sent.attachments[0].id, menu.id, 'each message has its own row')
      const file = await bytesOf(sent.attachments[0].url)
      assert.equal(file.status, 200)
      assert.isTrue(file.bytes.equals(image), 'the visitor reads the same bytes')
      shared.push(sent.attachments[0].id)

      // Live too: the visitor's channel carried the message with its file.
      const { events } = await eventsAfter(
        channelNames.contact(owner.tenantId, owner.workspaceId, visitor.contactId),
        undefined,
        20
      )
      const live = events.find(
        (e) => e.type === 'message.created' && (e.data as any).body === `Our new menu, ${name}`
      )
      assert.equal((live?.data as any)?.attachments?.[0]?.name, 'menu.png')
    }
    // One stored file: the messages' rows point at the upload's key, the upload stays unattached.
    const rows = await operator()
      .from('attachments')
      .whereIn('id', [menu.id, ...shared])
      .select('id', 'message_id', 'storage_key')
    assert.lengthOf(rows, 3)
    assert.deepEqual([...new Set(rows.map((r) => r.storage_key))], [keyOf(owner, menu.id)])
    assert.isNull(rows.find((r) => r.id === menu.id).message_id)

    // The inbox shows it on the thread as it shows an agent's attachment.
    const inbox = await visit(client, 'conversations.messages.index', {
      id: eva.conversationId,
    }).bearerToken(owner.token)
    const inInbox = inbox.body().data.find((m: any) => m.body === 'Our new menu, Eva')
    assert.equal(inInbox.attachments[0].name, 'menu.png')
    assert.deepEqual(
      (await recipientsOf(campaign.id)).map((r) => r.status),
      ['sent', 'sent']
    )
  }).timeout(40_000)

  test('the purge keeps what a campaign may still send, deletes a stray upload, and never a file finished messages share', async ({
    client,
    assert,
  }) => {
    const { owner } = await workspaceWithChat(client)
    const [contact] = await seedContacts(owner, [{ name: 'Ana', web: true }])
    const held = await upload(client, owner, png(8), 'held.png')
    const stray = await upload(client, owner, png(8), 'stray.png')
    const sentImage = png(16)
    const sent = await upload(client, owner, sentImage, 'sent.png')

    // Sent and finished: its upload is stray now, its message's copy is not.
    const finished = await createAndLaunch(client, owner, {
      audience: { contactIds: [contact.contactId] },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Done', attachmentId: sent.id }] }],
    })
    await untilStatus(finished.id, 'completed')
    // Scheduled two days ahead: its upload waits with it.
    const scheduled = await createAndLaunch(client, owner, {
      audience: { contactIds: [contact.contactId] },
      steps: [
        { delayMinutes: 0, variants: [{ body: 'Soon' }, { body: 'Later', attachmentId: held.id }] },
      ],
      schedule: { sendAt: localInDays(2), timezone: 'Europe/Lisbon' },
    })
    assert.equal(scheduled.status, 'scheduled')
    await operator()
      .from('attachments')
      .whereIn('id', [held.id, stray.id, sent.id])
      .update({ created_at: operator().raw(`now() - interval '25 hours'`) })

    assert.equal(await purgeUnsentUploads(), 2)
    const left = await operator()
      .from('attachments')
      .where('tenant_id', owner.tenantId)
      .whereNull('message_id')
      .select('id')
    assert.deepEqual(
      left.map((r) => r.id),
      [held.id]
    )
    assert.equal((await bytesOf(held.url)).status, 200)
    assert.isFalse(await drive.use().exists(keyOf(owner, stray.id)))
    // The finished campaign's upload row went; the file its message shares stayed.
    assert.isTrue(await drive.use().exists(keyOf(owner, sent.id)))
    const copy = await operator()
      .from('attachments')
      .where('tenant_id', owner.tenantId)
      .whereNotNull('message_id')
      .where('storage_key', keyOf(owner, sent.id))
      .first()
    assert.exists(copy)

    // Once cancelled, nothing holds the scheduled campaign's upload any more.
    const cancelled = await visit(client, 'campaigns.cancel', { id: scheduled.id }).bearerToken(
      owner.token
    )
    cancelled.assertStatus(202)
    assert.equal(await purgeUnsentUploads(), 1)
    assert.isFalse(await drive.use().exists(keyOf(owner, held.id)))
  }).timeout(40_000)
})
