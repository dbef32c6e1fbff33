import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import { makeTenant, mintSession, until } from '#tests/helpers'
import {
  createCampaign,
  launch,
  operator,
  recipientsOf,
  seedContacts,
  untilStatus,
} from '#tests/functional/campaigns/engine_helpers'

/** `node ace queue:work` as a child on the test run's database and Redis: a worker to kill. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['ace.js', 'queue:work', '--no-whatsapp'], {
    cwd: app.appRoot,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  await until(
    () => {
      if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}`)
      return output.includes('Workers running')
    },
    'the worker to start',
    30_000
  )
  return child
}

function killHard(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

const messagesOf = (campaignId: string) =>
  operator().from('messages').where('campaign_id', campaignId).select('conversation_id')

test.group('Campaign engine: a worker killed mid-campaign', () => {
  test('SIGKILL while sending: another worker finishes, every recipient has exactly one message', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'o' })
    const place = { tenantId: owner.tenantId, workspaceId: owner.workspaceId }
    const seeded = await seedContacts(
      place,
      Array.from({ length: 60 }, (_, i) => ({ name: `Visitor ${i}`, web: true }))
    )
    // 10 a second: about six seconds of sending, long enough to die in the middle of it.
    const campaign = await createCampaign(place, {
      channel: 'web',
      audience: { contactIds: seeded.map((s) => s.contactId) },
      steps: [{ delayMinutes: 0, variants: [{ body: 'Hello {{contact.firstName}}' }] }],
      limits: { perMinute: 600 },
    })
    const workers: ChildProcess[] = []
    try {
      workers.push(await startWorker())
      await launch(place, campaign.id)
      await until(async () => (await messagesOf(campaign.id)).length >= 15, 'some messages', 30_000)
      await killHard(workers[0])
      const atKill = (await messagesOf(campaign.id)).length
      assert.isBelow(atKill, 60)
      workers.push(await startWorker())
      const restarted = performance.now()
      await untilStatus(campaign.id, 'completed', 120_000)
      console.log(
        `  ${atKill} of 60 sent when the worker died; completed ${((performance.now() - restarted) / 1000).toFixed(1)} s after the new worker started`
      )
      const messages = await messagesOf(campaign.id)
      const perConversation = new Map<string, number>()
      for (const m of messages)
        perConversation.set(m.conversation_id, (perConversation.get(m.conversation_id) ?? 0) + 1)
      assert.equal(perConversation.size, 60)
      assert.deepEqual([...new Set(perConversation.values())], [1])
      const rows = await recipientsOf(campaign.id)
      assert.deepEqual([...new Set(rows.map((r) => r.status))], ['sent'])
      assert.lengthOf(rows, 60)
    } finally {
      for (const worker of workers) await killHard(worker)
    }
  }).timeout(200_000)
})
