import { test } from '@japa/runner'
import { lookup } from 'node:dns/promises'
import {
  DisconnectReason,
  getCodeFromWSError,
  initAuthCreds,
  makeWASocket,
} from '@whiskeysockets/baileys'
import pino from 'pino'
import { disconnectReason } from '#services/whatsapp/disconnect_reason'

/** An error as Baileys hands it over in `lastDisconnect.error` (a Boom: status code and data). */
const boom = (message: string, statusCode: number, data?: unknown) =>
  Object.assign(new Error(message), { isBoom: true, output: { statusCode }, data })

/** What Baileys' socket makes of a WebSocket error (Socket/socket.ts, mapWebSocketError). */
const fromWebSocket = (error: Error) =>
  boom(`WebSocket Error (${error.message})`, getCodeFromWSError(error), error)

test.group('WhatsApp disconnect reasons', () => {
  test('a name that does not resolve is the network, not WhatsApp (Baileys calls it a 408)', async ({
    assert,
  }) => {
    const dns = await lookup('web.whatsapp.invalid').then(
      () => assert.fail('.invalid never resolves'),
      (error: Error) => error
    )
    const error = fromWebSocket(dns)
    assert.equal(error.output.statusCode, 408)
    assert.match(error.message, /^WebSocket Error \(getaddrinfo (ENOTFOUND|EAI_AGAIN)/)
    assert.equal(disconnectReason(error), 'network_unreachable')
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), {
      code: 'ECONNREFUSED',
    })
    assert.equal(disconnectReason(fromWebSocket(refused)), 'network_unreachable')
  })

  test('Baileys’ own socket, sent to a host that does not resolve, closes as network_unreachable', async ({
    assert,
  }) => {
    const socket = makeWASocket({
      auth: { creds: initAuthCreds(), keys: { get: async () => ({}), set: async () => {} } },
      logger: pino({ level: 'silent' }) as never,
      waWebSocketUrl: 'wss://web.whatsapp.invalid/ws/chat',
    })
    const error = await new Promise<Error | undefined>((resolve) =>
      socket.ev.on('connection.update', (update) => {
        if (update.connection === 'close') resolve(update.lastDisconnect?.error)
      })
    )
    socket.end(undefined)
    // The very message of issue 13: shown raw until now.
    assert.match(
      error!.message,
      /^WebSocket Error \(getaddrinfo (ENOTFOUND|EAI_AGAIN) web\.whatsapp\.invalid\)$/
    )
    assert.equal(disconnectReason(error as never), 'network_unreachable')
  }).timeout(15_000)

  test('each of Baileys’ disconnect reasons has its own code', ({ assert }) => {
    const cases: [Error | undefined, string][] = [
      [boom('Intentional Logout', DisconnectReason.loggedOut), 'logged_out'],
      [boom('Connection Failure', DisconnectReason.loggedOut, { reason: '401' }), 'logged_out'],
      [boom('Connection Failure', DisconnectReason.forbidden, { reason: '403' }), 'banned'],
      [boom('QR refs attempts ended', DisconnectReason.timedOut), 'qr_expired'],
      [boom('Timed Out', DisconnectReason.timedOut), 'timed_out'],
      [boom('Connection was lost', DisconnectReason.connectionLost), 'connection_lost'],
      [boom('Connection Terminated', DisconnectReason.connectionClosed), 'connection_lost'],
      [boom('Stream Errored (conflict)', DisconnectReason.connectionReplaced), 'replaced'],
      [boom('Stream Errored (unknown)', DisconnectReason.badSession), 'bad_session'],
      [boom('Service unavailable', DisconnectReason.unavailableService), 'service_unavailable'],
      [
        boom('Stream Errored (restart required)', DisconnectReason.restartRequired),
        'restart_required',
      ],
      [
        boom('Multi-device beta not joined', DisconnectReason.multideviceMismatch),
        'multidevice_mismatch',
      ],
      [boom('Something new', 499), 'unknown'],
      [new Error('no status at all'), 'unknown'],
      [undefined, 'unknown'],
    ]
    for (const [error, reason] of cases)
      assert.equal(disconnectReason(error as never), reason, error?.message ?? 'no error')
  })
})
