import { test } from '@japa/runner'
import { v7 as uuidv7 } from 'uuid'
import db from '@adonisjs/lucid/services/db'
import { makeTenant, mintSession, ORIGIN, relayed, until, visit } from '#tests/helpers'
import { startOpenAIDouble } from '#tests/doubles/openai_server'
import { startWorkers } from '#services/queues'
import { withTenant } from '#services/tenant_context'
import { JOBS } from '#jobs/index'
import ClassifyCampaignReply from '#jobs/classify_campaign_reply'
import { classificationStatus, classifyRecipientReply } from '#services/campaigns/classify_reply'

type Client = any

const as = (request: any, token: string) => request.bearerToken(token).header('origin', ORIGIN)

test.group('Campaign reply classification', (group) => {
  let double: Awaited<ReturnType<typeof startOpenAIDouble>>
  let workers: ReturnType<typeof startWorkers>
  group.setup(async () => {
    double = await startOpenAIDouble()
    workers = startWorkers(JOBS)
    return async () => {
      await workers.stop()
      await double.close()
    }
  })

  /**
   * A workspace with web chat, a visitor who said hello, and then a campaign message sent into
   * their conversation (its recipient row as the engine leaves it).
   */
  async function setup(client: Client, { provider = true } = {}) {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'ana',
      role: 'agent',
    })
    await visit(client, 'workspaces.update', { id: ana.workspaceId })
      .bearerToken(tenant.secretKey)
      .json({ webChat: { enabled: true } })
    if (provider) {
      ;(
        await visit(client, 'providers.openai.update')
          .bearerToken(tenant.secretKey)
          .json({ apiKey: double.apiKey, baseUrl: double.baseUrl })
      ).assertStatus(200)
    }
    const arrived = await visit(client, 'chat.visitors.store')
      .qs({ key: tenant.publishableKey })
      .header('origin', ORIGIN)
      .json({ workspace: 'acme' })
    const visitor = arrived.body() as { token: string; contactId: string }
    const started = await as(visit(client, 'chat.conversations.store'), visitor.token).json({
      body: 'hello',
    })
    const conversationId = started.body().id as string
    await relayed() // "hello" came before the campaign message: no reply to it
    const scope = { tenantId: ana.tenantId, workspaceId: ana.workspaceId }
    const recipientId = uuidv7()
    await withTenant(scope, async (trx) => {
      const campaignId = uuidv7()
      const messageId = uuidv7()
      const sentAt = new Date()
      const row = { tenant_id: ana.tenantId, workspace_id: ana.workspaceId }
      await trx.table('campaigns').insert({
        ...row,
        id: campaignId,
        name: 'Spring offer',
        kind: 'broadcast',
        channel: 'web',
        audience: JSON.stringify({ contactIds: [visitor.contactId] }),
        steps: JSON.stringify([{ delayMinutes: 0, variants: [{ body: 'Spring sale: 20% off' }] }]),
        status: 'running',
      })
      await trx.table('messages').insert({
        ...row,
        id: messageId,
        conversation_id: conversationId,
        direction: 'outbound',
        body: 'Spring sale: 20% off',
        campaign_id: campaignId,
        created_at: sentAt,
      })
      await trx.table('campaign_recipients').insert({
        ...row,
        id: recipientId,
        campaign_id: campaignId,
        contact_id: visitor.contactId,
        status: 'sent',
        conversation_id: conversationId,
        message_id: messageId,
        sent_at: sentAt,
      })
    })
    const say = async (body: string) => {
      const sent = await as(
        visit(client, 'chat.conversations.messages.store', { id: conversationId }),
        visitor.token
      ).json({ body })
      sent.assertStatus(201)
      return sent.body().id as string
    }
    const classification = async () =>
      (await db.connection('operator').from('campaign_recipients').where('id', recipientId).first())
        .classification as string | null
    return { tenant, ana, scope, recipientId, say, classification }
  }

  test('a reply is classified once by the tenant provider, through the SDK, with the campaign message as context', async ({
    client,
    assert,
  }) => {
    const { say, classification, scope } = await setup(client)
    const before = double.chats.length
    await say('Is there a student price?')
    assert.equal(await until(classification, 'the classification'), 'question')
    const chats = double.chats.slice(before)
    assert.lengthOf(chats, 1)
    assert.deepInclude(chats[0], {
      model: 'gpt-4o-mini',
      schema: 'reply_classification',
      content: 'Is there a student price?',
      context: 'Spring sale: 20% off',
    })
    // Later replies do not change it, nor ask again.
    await say('yes, sign me up')
    await relayed()
    await new Promise((r) => setTimeout(r, 300))
    assert.equal(await classification(), 'question')
    assert.lengthOf(double.chats.slice(before), 1)
    assert.deepEqual(
      await withTenant(scope, (trx) => classificationStatus({ trx, tenantId: scope.tenantId })),
      { available: true }
    )
  })

  test('a job retried after a failure, or run again after it stored, asks the provider once', async ({
    client,
    assert,
  }) => {
    const { say, classification, scope, recipientId } = await setup(client)
    // Stop the listener's job from getting there first: classify by hand, as a worker would.
    await workers.stop()
    try {
      const messageId = await say('yes please, interested')
      const target = { ...scope, recipientId, messageId }
      const before = double.chats.length
      double.state.failNext = 1
      const job = new ClassifyCampaignReply()
      await assert.rejects(() => job.handle(target))
      assert.isNull(await classification())
      await job.handle(target) // the retry
      assert.equal(await classification(), 'interested')
      await job.handle(target) // a worker killed after storing, before acking: run again
      assert.equal(await classifyRecipientReply(target), 'already')
      assert.lengthOf(double.chats.slice(before), 1)
    } finally {
      workers = startWorkers(JOBS)
    }
  })

  test('without a provider replies stay unclassified (and say why); an opt-out word needs none', async ({
    client,
    assert,
  }) => {
    const { say, classification, scope, recipientId } = await setup(client, { provider: false })
    const before = double.chats.length
    const messageId = await say('Sounds great, interested')
    assert.equal(await classifyRecipientReply({ ...scope, recipientId, messageId }), 'unavailable')
    await relayed()
    await new Promise((r) => setTimeout(r, 300))
    assert.isNull(await classification())
    assert.deepEqual(
      await withTenant(scope, (trx) => classificationStatus({ trx, tenantId: scope.tenantId })),
      { available: false, reason: 'PROVIDER_NOT_CONFIGURED' }
    )
    // STOP is an opt-out by its word alone (and opts the contact out).
    await say('STOP')
    assert.equal(await until(classification, 'the opt-out'), 'opt_out')
    assert.equal(double.chats.length, before)
  })

  test('a reply after the 72 h window, or to no campaign, is not classified', async ({
    client,
    assert,
  }) => {
    const { say, classification, recipientId } = await setup(client)
    await db
      .connection('operator')
      .from('campaign_recipients')
      .where('id', recipientId)
      .update({ sent_at: new Date(Date.now() - 73 * 3600_000) })
    const before = double.chats.length
    await say('yes, interested')
    await relayed()
    await new Promise((r) => setTimeout(r, 300))
    assert.isNull(await classification())
    assert.equal(double.chats.length, before)
  })
})
