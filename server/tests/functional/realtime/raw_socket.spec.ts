import { createServer, get, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { test } from '@japa/runner'
import { chunkOf, LAST_CHUNK, takeOverSocket } from '#services/realtime/raw_socket'

/** A node:http server whose one route opens an event stream and hands it to `onStream`. */
async function streamServer(onStream: (socket: Socket | null, res: ServerResponse) => void) {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' })
    res.write(': ok\n\n')
    onStream(takeOverSocket(req, res), res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { server, url: `http://127.0.0.1:${port}/` }
}

/** Reads a whole response body (as an HTTP client, which checks the chunked framing). */
function readAll(url: string) {
  return new Promise<{ body: string; complete: boolean }>((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ body, complete: res.complete }))
      res.on('error', reject)
    }).on('error', reject)
  })
}

test.group('Realtime streams leave the HTTP server (raw_socket)', () => {
  test('the socket is taken over: no parser or response left on it, frames and the end arrive as valid chunks', async ({
    assert,
  }) => {
    let taken: Socket | null = null
    const { server, url } = await streamServer((socket, res) => {
      taken = socket
      assert.isNotNull(socket)
      assert.isNull((socket as Socket & { parser: unknown }).parser)
      assert.isNull((socket as Socket & { _httpMessage: unknown })._httpMessage)
      assert.isNull(res.socket)
      socket!.write(chunkOf('data: {"é":"ü"}\n\n'))
      socket!.write(chunkOf('data: two\n\n'))
      socket!.end(LAST_CHUNK)
    })
    try {
      const { body, complete } = await readAll(url)
      assert.equal(body, ': ok\n\ndata: {"é":"ü"}\n\ndata: two\n\n')
      assert.isTrue(complete, 'the chunked body ended properly')
      assert.isNotNull(taken)
    } finally {
      server.close()
    }
  })

  test('a client that leaves is noticed: the socket closes, and a reset does not crash the process', async ({
    assert,
  }) => {
    let closed!: () => void
    const gone = new Promise<void>((resolve) => (closed = resolve))
    const { server, url } = await streamServer((socket) => socket!.once('close', () => closed()))
    try {
      await new Promise<void>((resolve, reject) => {
        const request = get(url, { agent: false }, (res) => {
          res.once('data', () => {
            request.destroy()
            resolve()
          })
        })
        request.on('error', (error) => (request.destroyed ? undefined : reject(error)))
      })
      await gone
      assert.isTrue(true)
    } finally {
      server.close()
    }
  })

  test('a response that is not chunked stays with the HTTP server', async ({ assert }) => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Length': '4' })
      res.write('ok\n\n')
      assert.isNull(takeOverSocket(req, res))
      res.end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as { port: number }
      const { body } = await readAll(`http://127.0.0.1:${port}/`)
      assert.equal(body, 'ok\n\n')
    } finally {
      server.close()
    }
  })
})
