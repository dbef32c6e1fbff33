/*
 * A worker process for the ownership test: boots the application like `node ace` does and runs
 * the WhatsApp supervisor over the test transport, printing one JSON line each time it takes or
 * lets go of a number. (Test-only: it lives here, never in the product path.)
 */
import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

const APP_ROOT = new URL('../../../', import.meta.url)
const app = new Ignitor(APP_ROOT, {
  importer: (path) => import(path.startsWith('.') ? new URL(path, APP_ROOT).href : path),
}).createApp('console')

await app.init()
await app.boot()
await app.start(async () => {
  const { startWhatsAppSupervisor } = await import('#services/whatsapp/supervisor')
  const { TestWhatsApp } = await import('#tests/doubles/whatsapp_transport')
  const network = new TestWhatsApp()
  const supervisor = startWhatsAppSupervisor({
    factory: network.factory,
    download: network.download,
    pollMs: 100,
    lockTtlMs: Number(process.env.WA_LOCK_TTL_MS ?? 1500),
    onChange: (event, numberId) =>
      process.stdout.write(`${JSON.stringify({ event, numberId, pid: process.pid })}\n`),
  })
  process.stdout.write(`${JSON.stringify({ event: 'ready', pid: process.pid })}\n`)
  process.once('SIGTERM', async () => {
    await supervisor.stop()
    await app.terminate()
  })
})
