import { setTimeout as sleep } from 'node:timers/promises'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { DateTime } from 'luxon'
import { DelayedError, Worker, type Job } from 'bullmq'
import type { WAMessage, WAMessageUpdate } from '@whiskeysockets/baileys'
import Message from '#models/message'
import WhatsAppNumber, { type WhatsAppStatus } from '#models/whatsapp_number'
import { withTenant } from '#services/tenant_context'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import { recordEvent } from '#services/outbox'
import { QUEUE_PREFIX, queueConnection } from '#services/queues'
import { MessageTransformer } from '#transformers/inbox_transformers'
import { attachmentsOfMessage } from '#services/attachments'
import { useDatabaseAuthState, type NumberScope } from '#services/whatsapp/auth_state'
import { describe, jidOf } from '#services/whatsapp/inbound'
import { receive } from '#services/whatsapp/receive'
import { nextSendAt, pacingOf, recordSend, type SendHistory } from '#services/whatsapp/pacing'
import { sendQueueOf, type SendPayload } from '#services/whatsapp/outbound'
import type { MediaDownloader, SocketFactory, WhatsAppSocket } from '#services/whatsapp/socket'
import { contentFor } from '#services/whatsapp/outgoing_content'
import {
  TERMINAL_REASONS,
  disconnectReason,
  type WhatsAppReason,
} from '#services/whatsapp/disconnect_reason'

const MAX_BACKOFF_MS = 60_000
/** WhatsApp rotates the QR about every 20 s; a shown one is kept a little longer than that. */
const QR_TTL_SECONDS = 60

/** WhatsApp's receipt levels (proto.WebMessageInfo.Status) in the inbox's words. */
const ACKS: Record<number, Message['status']> = {
  0: 'failed',
  2: 'sent',
  3: 'delivered',
  4: 'read',
  5: 'read',
}
const RANK: Record<Message['status'], number> = {
  pending: 0,
  failed: 1,
  sent: 2,
  delivered: 3,
  read: 4,
}

export const qrKey = (numberId: string) => `parley:wa:qr:${numberId}`
export const pairingCodeKey = (numberId: string) => `parley:wa:pairing:${numberId}`
/** What the sender keeps of a number's pace (campaign dispatchers read it to wait for its slot). */
export const paceKey = (numberId: string) => `parley:wa:pace:${numberId}`

export interface SessionOptions {
  factory: SocketFactory
  download: MediaDownloader
  /** Called when the session ends for good (logged out) so the owner lets go of the number. */
  onEnded?: () => void
}

/**
 * One connected number, run by the process that holds its lock: the Baileys socket and its
 * stored credentials, the states it goes through (published live), what arrives (into the inbox),
 * receipts (onto messages) and the number's outbound queue, paced.
 */
export class WhatsAppSession {
  #socket?: WhatsAppSocket
  #worker?: Worker
  #status: WhatsAppStatus = 'connecting'
  #attempt = 0
  #stopped = false
  #reconnect?: ReturnType<typeof setTimeout>

  constructor(
    readonly scope: NumberScope,
    private options: SessionOptions
  ) {}

  get status() {
    return this.#status
  }

  async start() {
    this.#stopped = false
    this.#worker ??= new Worker(sendQueueOf(this.scope.numberId), (job) => this.#send(job), {
      connection: queueConnection(),
      prefix: QUEUE_PREFIX,
      concurrency: 1,
    })
    await this.#connect()
  }

  async #connect() {
    const auth = await useDatabaseAuthState(this.scope)
    const socket = await this.options.factory(auth.state)
    this.#socket = socket
    socket.ev.on(
      'creds.update',
      () => void auth.saveCreds().catch((e) => this.#log(e, 'saving credentials'))
    )
    socket.ev.on(
      'connection.update',
      (update) =>
        void this.#onConnection(socket, update).catch((e) => this.#log(e, 'connection update'))
    )
    socket.ev.on('messages.upsert', ({ messages, type }) => {
      if (type !== 'notify' && type !== 'append') return
      void this.#onMessages(socket, messages).catch((e) => this.#log(e, 'receiving'))
    })
    socket.ev.on(
      'messages.update',
      (updates) => void this.#onReceipts(updates).catch((e) => this.#log(e, 'receipts'))
    )
    await this.#setStatus('connecting')
  }

  async #onConnection(
    socket: WhatsAppSocket,
    update: Parameters<Parameters<WhatsAppSocket['ev']['on']>[1]>[0] & Record<string, any>
  ) {
    if (socket !== this.#socket || this.#stopped) return
    if (update.qr) {
      await redis.set(qrKey(this.scope.numberId), update.qr, 'EX', QR_TTL_SECONDS)
      await this.#setStatus('qr', { qr: update.qr })
    }
    if (update.connection === 'open') {
      this.#attempt = 0
      await redis.del(qrKey(this.scope.numberId), pairingCodeKey(this.scope.numberId))
      const phone = socket.user?.id ? `+${socket.user.id.split(/[:@]/)[0]}` : null
      await this.#setStatus('open', { phone })
    }
    if (update.connection === 'close') {
      const error = update.lastDisconnect?.error as Parameters<typeof disconnectReason>[0]
      const reason = disconnectReason(error)
      const raw = error?.message?.slice(0, 500) ?? null
      socket.ev.removeAllListeners()
      if (TERMINAL_REASONS.includes(reason)) {
        // Unlinked from the phone, or banned: a new QR is the user's decision, not a retry loop.
        await useDatabaseAuthState(this.scope).then(({ state }) => state.keys.clear?.())
        await redis.del(qrKey(this.scope.numberId))
        await this.#setStatus('logged_out', { error: raw, reason })
        await this.stop()
        this.options.onEnded?.()
        return
      }
      const delay =
        reason === 'restart_required' ? 0 : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.#attempt++)
      await this.#setStatus('closed', { error: raw, reason })
      this.#reconnect = setTimeout(
        () => void this.#connect().catch((e) => this.#log(e, 'reconnecting')),
        delay
      )
    }
  }

  async #onMessages(socket: WhatsAppSocket, messages: WAMessage[]) {
    const number = await this.#number()
    // Older first: a batch (catching up after being offline) lands in order.
    const ordered = [...messages].sort(
      (a, b) => Number(a.messageTimestamp ?? 0) - Number(b.messageTimestamp ?? 0)
    )
    for (const message of ordered) {
      const jid = message.key.remoteJid ?? ''
      if (jid === 'status@broadcast' || jid.endsWith('@newsletter')) continue
      if (jid.endsWith('@g.us') && !number.groupsEnabled) continue
      const described = describe(message)
      if (!described) continue
      await receive(this.scope, number, message, described, () =>
        this.options.download(message, socket)
      )
    }
  }

  async #onReceipts(updates: WAMessageUpdate[]) {
    for (const { key, update } of updates) {
      const status = typeof update.status === 'number' ? ACKS[update.status] : undefined
      if (!key.id || !key.fromMe || !status) continue
      // Receipts arrive out of order; a message never goes back (read stays read).
      await this.#changeMessage({ external_id: key.id }, (message) =>
        RANK[status] <= RANK[message.status]
          ? null
          : { status, failureReason: status === 'failed' ? 'WhatsApp reported an error' : null }
      )
    }
  }

  /** A job of the number's queue: wait for the pace, show typing, send, record the receipt. */
  async #send(job: Job<SendPayload>) {
    const socket = this.#socket
    if (!socket || this.#status !== 'open') throw new Error('The WhatsApp number is not connected')
    const number = await this.#number()
    const raw = await redis.get(paceKey(number.id))
    const history: SendHistory = raw ? JSON.parse(raw) : { lastSentAt: 0, day: '', sentToday: 0 }
    const now = Date.now()
    const at = nextSendAt(
      pacingOf(number.pacing),
      history,
      number.warmupStartedAt?.toMillis() ?? null,
      now,
      Math.random()
    )
    if (at > now) {
      // Not yet: the job waits in the queue (not in this process) and keeps its attempts.
      await job.moveToDelayed(at, job.token)
      throw new DelayedError()
    }
    const prepared = await contentFor(this.scope, job.data.messageId)
    if (!prepared) return // deleted meanwhile, or the contact has no WhatsApp number
    const jid = jidOf(prepared.phone)
    try {
      await socket.sendPresenceUpdate('composing', jid)
      // Roughly how long a person takes to type it, within limits.
      await sleep(Math.min(3000, 300 + prepared.typingChars * 40))
      await socket.sendPresenceUpdate('paused', jid)
      await redis.set(
        paceKey(number.id),
        JSON.stringify(recordSend(history, Date.now())),
        'EX',
        3 * 86_400
      )
      let externalId: string | null = null
      for (const content of prepared.contents) {
        const sent = await socket.sendMessage(jid, content)
        externalId = sent?.key.id ?? externalId
      }
      await this.#changeMessage({ id: job.data.messageId }, (message) => ({
        externalId,
        status: RANK[message.status] < RANK.sent ? 'sent' : message.status,
        failureReason: null,
      }))
    } catch (error) {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1)
      if (final) {
        const reason = (error as Error).message.slice(0, 500)
        await this.#changeMessage({ id: job.data.messageId }, () => ({
          status: 'failed',
          failureReason: reason,
        }))
      }
      throw error
    }
  }

  /**
   * Changes one of the workspace's messages (found by id or WhatsApp id) as `change` says (null:
   * leave it), and tells the conversation's readers.
   */
  async #changeMessage(
    where: { id: string } | { external_id: string },
    change: (
      message: Message
    ) => Partial<Pick<Message, 'status' | 'failureReason' | 'externalId'>> | null
  ) {
    await withTenant(this.#tenantScope, async (trx) => {
      const message = await Message.query({ client: trx })
        .where('tenant_id', this.scope.tenantId)
        .where('workspace_id', this.scope.workspaceId)
        .where(where)
        .first()
      const patch = message ? change(message) : null
      if (!message || !patch) return
      message.merge(patch)
      await message.useTransaction(trx).save()
      await recordEvent(trx, 'message:updated', {
        tenantId: this.scope.tenantId,
        workspaceId: this.scope.workspaceId,
        conversation: {
          id: message.conversationId,
          channel: 'whatsapp',
          contactId: null,
          whatsappNumberId: this.scope.numberId,
        },
        message: MessageTransformer.transform(
          message,
          await attachmentsOfMessage(trx, message.tenantId, message.id)
        ),
      })
    })
  }

  /** Asks WhatsApp for an 8-character code to type on the phone instead of scanning the QR. */
  async requestPairingCode(phone: string) {
    if (!this.#socket) throw new Error('The session is not running')
    const code = await this.#socket.requestPairingCode(phone.replace(/^\+/, ''))
    await redis.set(pairingCodeKey(this.scope.numberId), code, 'EX', 180)
    await this.#setStatus(this.#status, { pairingCode: code })
    return code
  }

  /** Unlinks the device from the phone (the user asked to disconnect the number). */
  async logout() {
    await this.#socket?.logout().catch(() => {})
    await useDatabaseAuthState(this.scope).then(({ state }) => state.keys.clear?.())
    await this.#setStatus('logged_out', { error: 'Disconnected', reason: 'disconnected' })
    await this.stop()
  }

  /** Stops running the number here (another process may take it). Credentials stay stored. */
  async stop() {
    this.#stopped = true
    clearTimeout(this.#reconnect)
    const socket = this.#socket
    this.#socket = undefined
    socket?.ev.removeAllListeners()
    socket?.end(undefined)
    await this.#worker?.close()
    this.#worker = undefined
  }

  get #tenantScope() {
    return { tenantId: this.scope.tenantId, workspaceId: this.scope.workspaceId }
  }

  #number() {
    return withTenant(this.#tenantScope, (trx) =>
      WhatsAppNumber.query({ client: trx })
        .where('tenant_id', this.scope.tenantId)
        .where('id', this.scope.numberId)
        .firstOrFail()
    )
  }

  async #setStatus(
    status: WhatsAppStatus,
    extra: {
      qr?: string
      phone?: string | null
      error?: string | null
      reason?: WhatsAppReason
      pairingCode?: string
    } = {}
  ) {
    this.#status = status
    const number = await withTenant(this.#tenantScope, async (trx) => {
      const row = await WhatsAppNumber.query({ client: trx })
        .where('tenant_id', this.scope.tenantId)
        .where('id', this.scope.numberId)
        .first()
      if (!row) return null
      row.status = status
      if (extra.reason !== undefined) {
        row.lastError = extra.error ?? null
        row.lastErrorReason = extra.reason
      }
      if (status === 'open') {
        row.lastError = null
        row.lastErrorReason = null
        row.phone = extra.phone ?? row.phone
        row.connectedAt = DateTime.now()
        row.warmupStartedAt ??= DateTime.now()
      }
      await row.useTransaction(trx).save()
      return row
    })
    if (!number) return
    await publish(
      channelNames.whatsapp(this.scope.tenantId, this.scope.workspaceId),
      'whatsapp.status',
      {
        numberId: number.id,
        status,
        phone: number.phone,
        error: number.lastError,
        reason: number.lastErrorReason,
        ...(extra.qr ? { qr: extra.qr } : {}),
        ...(extra.pairingCode ? { pairingCode: extra.pairingCode } : {}),
      }
    )
  }

  #log(error: unknown, doing: string) {
    logger.error({ err: error, number: this.scope.numberId }, `WhatsApp: failed ${doing}`)
  }
}
