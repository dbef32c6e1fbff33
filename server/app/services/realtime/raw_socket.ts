import { createRequire } from 'node:module'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/**
 * Takes an event stream's connection out of Node's HTTP server once its head and first bytes
 * are written, as Node itself does for an upgraded (WebSocket) connection: the HTTP parser goes
 * back to Node's pool and the request, the response and the connection's HTTP state become
 * garbage. Node's HTTP server holds about 14 KB per open response (parser, request, response,
 * the listeners' closures) beside the 3 KB of the socket itself, and a stream never needs any of
 * it again: the hub writes HTTP chunks to the socket directly (chunkOf, LAST_CHUNK).
 *
 * It leans on Node internals that have not changed in years (the listeners' names, and
 * `_http_common.freeParser`, which Node's upgrade path calls); when anything is not as expected
 * it takes nothing over and the stream stays an ordinary response (more memory, same behaviour).
 */

interface HttpParser {
  finish(): unknown
}
type HttpSocket = Socket & { parser?: HttpParser | null; _httpMessage?: unknown }
type FreeParser = (parser: HttpParser, req: IncomingMessage, socket: Socket) => void

const freeParser = ((): FreeParser | undefined => {
  try {
    const helper = createRequire(import.meta.url)('_http_common').freeParser
    return typeof helper === 'function' ? helper : undefined
  } catch {
    return undefined
  }
})()

/** What Node's HTTP server listens to on a connection (their closures keep its state alive). */
const HTTP_LISTENERS: Record<string, string[]> = {
  data: ['bound socketOnData'],
  end: ['bound socketOnEnd'],
  close: ['bound socketOnClose', 'onServerResponseClose'],
  drain: ['bound socketOnDrain'],
  error: ['socketOnError'],
  timeout: ['socketOnTimeout'],
  pause: ['onSocketPause'],
  resume: ['onSocketResume'],
}

/** Nothing is expected from the client any more; reading goes on only to notice it leave. */
function discard() {}
function closeOnEnd(this: Socket) {
  this.destroy()
}
/** A reset connection: 'close' follows, and the hub lets the stream go then. */
function ignoreError() {}

/**
 * Returns the raw socket, now the caller's alone, or null when the response could not be taken
 * over (then keep writing to `res`). The response must use chunked encoding and have written its
 * head: what the caller writes next must be HTTP chunks.
 */
export function takeOverSocket(req: IncomingMessage, res: ServerResponse): Socket | null {
  const socket = req.socket as HttpSocket
  const parser = socket.parser
  const chunked = (res as ServerResponse & { chunkedEncoding?: boolean }).chunkedEncoding
  if (!freeParser || !parser || !chunked || !res.headersSent || socket._httpMessage !== res) {
    return null
  }
  const found = Object.entries(HTTP_LISTENERS).flatMap(([event, names]) =>
    socket
      .listeners(event)
      .filter((listener) => names.includes(listener.name))
      .map((listener) => [event, listener] as const)
  )
  // Node's own set of listeners, or something else is going on: leave the connection as it is.
  if (!['data', 'end', 'close', 'error'].every((event) => found.some(([e]) => e === event))) {
    return null
  }
  for (const [event, listener] of found) socket.removeListener(event, listener as () => void)
  res.detachSocket(socket)
  parser.finish()
  freeParser(parser, req, socket)
  socket.on('data', discard)
  socket.on('end', closeOnEnd)
  socket.on('error', ignoreError)
  return socket
}

/** A frame as one HTTP/1.1 chunk (the response's chunked encoding, now written by hand). */
export function chunkOf(frame: string) {
  return `${Buffer.byteLength(frame).toString(16)}\r\n${frame}\r\n`
}

/** The chunk that ends a chunked response. */
export const LAST_CHUNK = '0\r\n\r\n'
