import { EventEmitter } from 'node:events'
import { randomBytes } from 'node:crypto'
import type {
  AnyMessageContent,
  AuthenticationState,
  BaileysEventMap,
  WAMessage,
  WAPresence,
} from '@whiskeysockets/baileys'
import type { WhatsAppSocket } from '#services/whatsapp/socket'

/**
 * A stand-in for WhatsApp's servers, for tests: it makes sockets with the surface of Baileys'
 * `makeWASocket` (an event emitter with Baileys' event names and payloads, and the send methods)
 * and behaves as WhatsApp does towards a linked device: a QR (rotated) until the phone pairs, a
 * restart after pairing, `open` for a device it knows, receipts, and `loggedOut` when the phone
 * unlinks it. Devices are recognised by their stored credentials, as the real service does.
 */
export class TestWhatsApp {
  readonly sockets: TestSocket[] = []
  /** Phones paired, by the device's noise public key (base64). */
  readonly devices = new Map<string, string>()
  /** Bytes of received media, by message id (what a media download returns). */
  readonly media = new Map<string, Buffer>()

  factory = (auth: AuthenticationState): WhatsAppSocket => {
    const socket = new TestSocket(this, auth)
    this.sockets.push(socket)
    socket.boot()
    return socket
  }

  download = async (message: WAMessage) => {
    const bytes = this.media.get(message.key.id ?? '')
    if (!bytes) throw new Error('media expired')
    return bytes
  }

  /** The live socket of the device paired with `phone` (or the latest one). */
  latest() {
    return this.sockets.at(-1)!
  }

  deviceKey(auth: AuthenticationState) {
    return Buffer.from(auth.creds.noiseKey.public).toString('base64')
  }
}

export class TestSocket implements WhatsAppSocket {
  readonly emitter = new EventEmitter()
  readonly sent: { jid: string; content: AnyMessageContent; id: string }[] = []
  readonly presences: { type: WAPresence; jid?: string }[] = []
  user?: { id: string; name?: string }
  ended = false
  #qrs = 0

  constructor(
    private network: TestWhatsApp,
    private auth: AuthenticationState
  ) {}

  ev = {
    on: <E extends keyof BaileysEventMap>(event: E, listener: (arg: BaileysEventMap[E]) => void) =>
      this.emitter.on(event, listener),
    removeAllListeners: (event?: keyof BaileysEventMap) => this.emitter.removeAllListeners(event),
  }

  emit<E extends keyof BaileysEventMap>(event: E, payload: BaileysEventMap[E]) {
    this.emitter.emit(event, payload)
  }

  /** As on a real connection: connecting, then open for a known device, else a QR. */
  boot() {
    setImmediate(() => {
      this.emit('connection.update', { connection: 'connecting' })
      const phone = this.network.devices.get(this.network.deviceKey(this.auth))
      if (phone && this.auth.creds.me) {
        this.user = { id: `${phone.slice(1)}:7@s.whatsapp.net` }
        this.emit('connection.update', { connection: 'open' })
      } else {
        this.rotateQr()
      }
    })
  }

  rotateQr() {
    this.emit('connection.update', {
      qr: `2@test-qr-${++this.#qrs},${randomBytes(8).toString('base64')}`,
    })
  }

  /** The phone scans the QR: credentials are saved, then WhatsApp asks for a restart (515). */
  pair(phone: string) {
    this.network.devices.set(this.network.deviceKey(this.auth), phone)
    this.auth.creds.me = { id: `${phone.slice(1)}:7@s.whatsapp.net`, name: 'Demo Co' }
    this.auth.creds.registered = true
    this.emit('creds.update', { me: this.auth.creds.me, registered: true })
    // A signal key arrives too, as after a real pairing.
    void this.auth.keys.set({
      'pre-key': { '1': { public: randomBytes(32), private: randomBytes(32) } },
    })
    this.emit('connection.update', {
      connection: 'close',
      lastDisconnect: {
        error: Object.assign(new Error('restart required'), { output: { statusCode: 515 } }),
        date: new Date(),
      },
    })
  }

  /** The network drops (not a logout): the adapter should reconnect. */
  drop() {
    this.emit('connection.update', {
      connection: 'close',
      lastDisconnect: {
        error: Object.assign(new Error('Connection Lost'), { output: { statusCode: 408 } }),
        date: new Date(),
      },
    })
  }

  /** The phone unlinked this device. */
  unlink() {
    this.network.devices.delete(this.network.deviceKey(this.auth))
    this.emit('connection.update', {
      connection: 'close',
      lastDisconnect: {
        error: Object.assign(new Error('logged out'), { output: { statusCode: 401 } }),
        date: new Date(),
      },
    })
  }

  /** A message arrives from someone. */
  receive(messages: WAMessage[], type: 'notify' | 'append' = 'notify') {
    this.emit('messages.upsert', { messages, type })
  }

  /** WhatsApp acknowledges one of our messages (2 server, 3 delivered, 4 read). */
  ack(id: string, jid: string, status: number) {
    this.emit('messages.update', [
      { key: { id, remoteJid: jid, fromMe: true }, update: { status } },
    ])
  }

  async sendMessage(jid: string, content: AnyMessageContent) {
    const id = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`
    this.sent.push({ jid, content, id })
    return {
      key: { id, remoteJid: jid, fromMe: true },
      messageTimestamp: Math.floor(Date.now() / 1000),
    } as WAMessage
  }

  async sendPresenceUpdate(type: WAPresence, jid?: string) {
    this.presences.push({ type, jid })
  }

  async requestPairingCode(phone: string) {
    return `${phone.slice(-4)}ABCD`
  }

  async logout() {
    this.network.devices.delete(this.network.deviceKey(this.auth))
    this.ended = true
  }

  end() {
    this.ended = true
  }
}

/** A received message as Baileys hands it over. */
export function incoming(
  from: string,
  message: WAMessage['message'],
  options: { id?: string; at?: number; pushName?: string; fromMe?: boolean } = {}
): WAMessage {
  return {
    key: {
      remoteJid: `${from.replace('+', '')}@s.whatsapp.net`,
      fromMe: options.fromMe ?? false,
      id: options.id ?? `3A${randomBytes(8).toString('hex').toUpperCase()}`,
    },
    message,
    messageTimestamp: options.at ?? Math.floor(Date.now() / 1000),
    pushName: options.pushName,
  } as WAMessage
}
