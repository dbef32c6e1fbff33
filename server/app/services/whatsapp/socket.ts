import type {
  AnyMessageContent,
  AuthenticationState,
  BaileysEventMap,
  WAMessage,
  WAPresence,
  WASocket,
} from '@whiskeysockets/baileys'

/**
 * The part of Baileys' socket (what `makeWASocket` returns) that Parley uses. Production passes
 * the real socket; tests pass a transport with the same surface (server/tests/doubles), so the
 * adapter around it is the code under test.
 */
export interface WhatsAppSocket {
  ev: {
    on<E extends keyof BaileysEventMap>(
      event: E,
      listener: (arg: BaileysEventMap[E]) => void
    ): unknown
    removeAllListeners(event?: keyof BaileysEventMap): unknown
  }
  user?: { id: string; name?: string }
  sendMessage(jid: string, content: AnyMessageContent): Promise<WAMessage | undefined>
  sendPresenceUpdate(type: WAPresence, toJid?: string): Promise<void>
  requestPairingCode(phoneNumber: string): Promise<string>
  logout(msg?: string): Promise<void>
  end(error: Error | undefined): void
}

/** Makes a socket for a number's stored auth state. */
export type SocketFactory = (auth: AuthenticationState) => WhatsAppSocket | Promise<WhatsAppSocket>

/** Fetches (and decrypts) the media of a received message. */
export type MediaDownloader = (message: WAMessage, socket: WhatsAppSocket) => Promise<Buffer>

/** The real thing: Baileys' socket and media download, loaded only by processes that run numbers. */
export async function baileysSocketFactory(): Promise<{
  factory: SocketFactory
  download: MediaDownloader
}> {
  const baileys = await import('@whiskeysockets/baileys')
  const { default: pino } = await import('pino')
  const logger = pino({ level: 'warn' })
  return {
    factory: (auth) =>
      baileys.makeWASocket({
        auth: { creds: auth.creds, keys: baileys.makeCacheableSignalKeyStore(auth.keys, logger) },
        logger,
        browser: baileys.Browsers.ubuntu('Parley'),
        markOnlineOnConnect: false,
        syncFullHistory: false,
      }) as unknown as WhatsAppSocket,
    download: (message, socket) =>
      baileys.downloadMediaMessage(
        message,
        'buffer',
        {},
        {
          logger,
          reuploadRequest: (socket as unknown as WASocket).updateMediaMessage,
        }
      ) as Promise<Buffer>,
  }
}
