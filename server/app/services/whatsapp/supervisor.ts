import { hostname } from 'node:os'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { NumberLock } from '#services/whatsapp/ownership'
import { WhatsAppSession } from '#services/whatsapp/session'
import type { MediaDownloader, SocketFactory } from '#services/whatsapp/socket'

/** Requests to whichever process owns a number (pairing codes, logout, hand-over). */
export const CONTROL_CHANNEL = 'parley:wa:control'
export type ControlMessage =
  | { kind: 'pairing-code'; numberId: string; phone: string }
  | { kind: 'logout'; numberId: string }
  | { kind: 'release'; numberId: string }
  /** A number was added or reconnected: look for it now rather than at the next poll. */
  | { kind: 'claim' }

export interface SupervisorOptions {
  factory: SocketFactory
  download: MediaDownloader
  /** How often to look for numbers nobody runs (ms). */
  pollMs?: number
  /** Lock time to live (ms); renewed at a third of it. A dead owner's numbers move after this. */
  lockTtlMs?: number
  /** Told when this process takes or lets go of a number (tests and logs). */
  onChange?: (event: 'own' | 'release', numberId: string) => void
}

/**
 * Runs in every worker process: claims the numbers nobody runs (lock in Redis), runs a session
 * for each, renews the locks, and gives a number up when its lock is lost, when asked to hand it
 * over, or when stopping. Sessions of numbers that logged out are not restarted.
 */
export function startWhatsAppSupervisor(options: SupervisorOptions) {
  const pollMs = options.pollMs ?? 5000
  const ttl = options.lockTtlMs ?? 30_000
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
  const redis = new Redis(env.get('REDIS_URL'))
  const subscriber = new Redis(env.get('REDIS_URL'))
  const running = new Map<string, { lock: NumberLock; session: WhatsAppSession }>()
  /** Numbers this process was asked to hand over: left alone for a while so another takes them. */
  const cooling = new Map<string, number>()
  let stopped = false

  const release = async (numberId: string) => {
    const entry = running.get(numberId)
    if (!entry) return
    running.delete(numberId)
    await entry.session.stop().catch((e) => logger.error({ err: e }, 'WhatsApp: stopping'))
    await entry.lock.release()
    options.onChange?.('release', numberId)
  }

  const claim = async () => {
    if (stopped) return
    // Across tenants: the operator connection sees every tenant's numbers when it names none.
    const numbers: { tenant_id: string; workspace_id: string; id: string }[] = await db
      .connection('operator')
      .from('whatsapp_numbers')
      .whereNot('status', 'logged_out')
      .select('tenant_id', 'workspace_id', 'id')
    for (const n of numbers) {
      if (stopped || running.has(n.id) || (cooling.get(n.id) ?? 0) > Date.now()) continue
      const lock = new NumberLock(redis, n.id, owner, ttl)
      if (!(await lock.acquire())) continue
      const scope = { tenantId: n.tenant_id, workspaceId: n.workspace_id, numberId: n.id }
      const session = new WhatsAppSession(scope, {
        factory: options.factory,
        download: options.download,
        onEnded: () => void release(n.id),
      })
      running.set(n.id, { lock, session })
      options.onChange?.('own', n.id)
      await session
        .start()
        .catch((e) => logger.error({ err: e, number: n.id }, 'WhatsApp: starting'))
    }
  }

  const renew = async () => {
    for (const [numberId, { lock }] of running) {
      if (!(await lock.renew().catch(() => false))) {
        logger.warn({ number: numberId }, 'WhatsApp: lost the number’s lock; stopping it here')
        await release(numberId)
      }
    }
  }

  const onControl = async (raw: string) => {
    const message = JSON.parse(raw) as ControlMessage
    if (message.kind === 'claim') return claim()
    const entry = running.get(message.numberId)
    if (!entry) return
    if (message.kind === 'pairing-code') await entry.session.requestPairingCode(message.phone)
    if (message.kind === 'logout') {
      await entry.session.logout()
      await release(message.numberId)
    }
    if (message.kind === 'release') {
      cooling.set(message.numberId, Date.now() + Math.max(pollMs * 3, ttl))
      await release(message.numberId)
    }
  }

  void subscriber.subscribe(CONTROL_CHANNEL)
  subscriber.on(
    'message',
    (_channel, raw) =>
      void onControl(raw).catch((e) => logger.error({ err: e }, 'WhatsApp: control'))
  )
  const claimTimer = setInterval(
    () => void claim().catch((e) => logger.error({ err: e }, 'WhatsApp: claiming')),
    pollMs
  )
  const renewTimer = setInterval(() => void renew(), Math.floor(ttl / 3))
  void claim().catch((e) => logger.error({ err: e }, 'WhatsApp: claiming'))

  return {
    owner,
    owned: () => [...running.keys()],
    session: (numberId: string) => running.get(numberId)?.session,
    /** Looks for unowned numbers now (instead of at the next poll). */
    claim,
    async stop() {
      stopped = true
      clearInterval(claimTimer)
      clearInterval(renewTimer)
      for (const numberId of [...running.keys()]) await release(numberId)
      await subscriber.quit().catch(() => subscriber.disconnect())
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}

/** Sends a request to the process that owns the number (if any owns it). */
export async function control(message: ControlMessage) {
  const { default: redis } = await import('@adonisjs/redis/services/main')
  await redis.publish(CONTROL_CHANNEL, JSON.stringify(message))
}
