import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createWriteStream } from 'node:fs'
import { lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import type { Socket } from 'node:net'
import { join } from 'node:path'
import { Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { HttpContext } from '@adonisjs/core/http'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import env from '#start/env'
import { ApiError, type ErrorDetail } from '#exceptions/api_error'
import { assertAcceptableRequest } from '#validators/text'

/**
 * Request bodies that are files (multipart uploads, CSV imports, recording chunks), read in one
 * way: after the route has authorised the request, as a stream, refused with 413 the moment a
 * limit is crossed (whatever Content-Length says, chunked or not), spooled to a temporary file
 * of ours that is removed when the response closes, whatever the outcome. What a crash leaves
 * behind is swept at start and hourly (`sweepTempFiles`).
 */

/** Every temporary file or directory of ours starts with this, in `uploadTempDir()`. */
const PREFIX = 'parley-'
/** Room in a multipart body for its boundaries, part headers and fields, beside the file. */
const MULTIPART_OVERHEAD = 256 * 1024
/** A temporary file untouched this long belongs to no running request or job. */
export const TEMP_MAX_AGE_MS = 3600_000

/** Where request bodies and job scratch files are written (`UPLOAD_TMP_DIR`). */
export const uploadTempDir = () => env.get('UPLOAD_TMP_DIR') ?? join(tmpdir(), 'parley-uploads')

async function ensureTempDir() {
  const dir = uploadTempDir()
  await mkdir(dir, { recursive: true, mode: 0o700 })
  return dir
}

/** A scratch directory of ours (for a job's work files); the caller removes it. */
export async function makeTempDir(kind: string) {
  return mkdtemp(join(await ensureTempDir(), `${PREFIX}${kind}-`))
}

/** A limit in words: whole megabytes, or kilobytes below one (a logo's 512 KB). */
const sizeText = (bytes: number) =>
  bytes >= 1048576 ? `${Math.floor(bytes / 1048576)} MB` : `${Math.floor(bytes / 1024)} KB`

/**
 * 413 in the contract's shape. The exception handler closes the connection after it (the body
 * is still arriving): see `closeAfterAnswer`.
 */
export function payloadTooLarge(message: string, details?: ErrorDetail[]) {
  return new ApiError('PAYLOAD_TOO_LARGE', message, details)
}

/** How long a closing connection still takes (and drops) bytes, so its answer is read. */
const LINGER_MS = 1000

/**
 * Answers with `Connection: close` and then closes without reading the rest of a body still
 * arriving (an upload over its limit, refused by role, or not authenticated). Node closes such
 * a socket the moment the answer is written (`destroySoon`), which resets it while the client is
 * still sending, and a reset client may lose the answer; so this socket half-closes first and
 * is destroyed a second later at most (a "lingering close", as nginx and Apache do).
 */
export function closeAfterAnswer(ctx: HttpContext) {
  ctx.response.header('Connection', 'close')
  const socket = ctx.request.request.socket
  Object.assign(socket, {
    destroySoon(this: Socket) {
      this.end()
      const timer = setTimeout(() => this.destroy(), LINGER_MS)
      timer.unref()
      this.once('close', () => clearTimeout(timer))
    },
  })
}

/** The temporary files of one request, removed when its response closes (sent or aborted). */
class RequestSpool {
  #paths = new Set<string>()
  #pending = new Set<Promise<unknown>>()
  #closed = false

  constructor(response: ServerResponse) {
    response.once('close', () => void this.cleanup())
  }

  /**
   * A new file name of ours for this request (in a directory that exists), removed with the
   * request's other files. Synchronous, so a stream can be piped to it at once.
   */
  reserve(dir: string, kind: string) {
    if (this.#closed) throw new ApiError('BAD_REQUEST', 'The request was closed')
    const path = join(dir, `${PREFIX}${kind}-${randomUUID()}`)
    this.#paths.add(path)
    return path
  }

  /** Cleanup waits for this write to settle before removing its file. */
  track<T>(work: Promise<T>) {
    this.#pending.add(work)
    void work.then(
      () => this.#pending.delete(work),
      () => this.#pending.delete(work)
    )
    return work
  }

  async cleanup() {
    this.#closed = true
    await Promise.allSettled([...this.#pending])
    await Promise.all([...this.#paths].map((path) => rm(path, { force: true })))
    this.#paths.clear()
  }
}

/** A new file of ours, readable by this process only. */
const newFile = (path: string) => createWriteStream(path, { flags: 'wx', mode: 0o600 })

const spools = new WeakMap<HttpContext, RequestSpool>()
function spoolOf(ctx: HttpContext) {
  let spool = spools.get(ctx)
  if (!spool) spools.set(ctx, (spool = new RequestSpool(ctx.response.response)))
  return spool
}

function refuseDeclaredLength(req: IncomingMessage, limit: number, tooLarge: () => ApiError) {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw tooLarge()
}

/**
 * Pipes the request body through a meter into `sink`: 413 the moment more than `limit` bytes
 * have arrived. The request is unpiped, never destroyed, so the 413 can still be answered.
 */
async function meterBody(
  req: IncomingMessage,
  limit: number,
  tooLarge: () => ApiError,
  sink: Writable,
  onChunk?: (chunk: Buffer) => void
) {
  refuseDeclaredLength(req, limit, tooLarge)
  let size = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size > limit) return done(tooLarge())
      onChunk?.(chunk)
      done(null, chunk)
    },
  })
  const interrupted = () => {
    if (!req.complete) meter.destroy(new ApiError('BAD_REQUEST', 'The upload was interrupted'))
  }
  req.once('aborted', interrupted)
  req.once('close', interrupted)
  req.pipe(meter)
  try {
    await pipeline(meter, sink)
    return size
  } finally {
    req.off('aborted', interrupted)
    req.off('close', interrupted)
    req.unpipe(meter)
  }
}

/** A raw body (a CSV import) in memory, at most `limit` bytes. */
export async function readRawBody(ctx: HttpContext, limit: number, what: string) {
  const parts: Buffer[] = []
  await meterBody(
    ctx.request.request,
    limit,
    () => payloadTooLarge(`${what} can be at most ${sizeText(limit)}`),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        parts.push(chunk)
        done()
      },
    })
  )
  return Buffer.concat(parts)
}

/**
 * A raw body (a recording chunk) spooled to a temporary file of this request, at most `limit`
 * bytes; its size and SHA-256.
 */
export async function spoolRawBody(ctx: HttpContext, limit: number, tooLarge: () => ApiError) {
  const spool = spoolOf(ctx)
  refuseDeclaredLength(ctx.request.request, limit, tooLarge)
  const path = spool.reserve(await ensureTempDir(), 'body')
  const hash = createHash('sha256')
  const size = await spool.track(
    meterBody(ctx.request.request, limit, tooLarge, newFile(path), (chunk) => hash.update(chunk))
  )
  return { path, size, sha256: hash.digest('hex') }
}

/**
 * The one file part `field` of a multipart body (the framework's multipart stream, processed
 * here rather than by the body parser), at most `limit` bytes, spooled to a temporary file of
 * this request; and the form's fields, readable with `request.input()` after. Other file parts
 * are read and dropped, counted against the same limit. Null without a multipart body or file.
 */
export async function readMultipartFile(
  ctx: HttpContext,
  { limit, what, field = 'file' }: { limit: number; what: string; field?: string }
): Promise<MultipartFile | null> {
  const { request } = ctx
  const multipart = request.multipart
  if (!request.is(['multipart']) || !multipart) return null
  const tooLarge = () =>
    payloadTooLarge(`${what} can be at most ${sizeText(limit)}`, [
      { field, message: `The file must be at most ${sizeText(limit)}` },
    ])
  const req = request.request
  const bodyLimit = limit + MULTIPART_OVERHEAD
  refuseDeclaredLength(req, bodyLimit, tooLarge)
  const spool = spoolOf(ctx)
  const dir = await ensureTempDir()

  let taken = false
  multipart.onFile('*', {}, async (part, reportChunk) => {
    part.pause()
    // The framework counts every file part's bytes against process()'s limit through this.
    part.on('data', reportChunk)
    if (part.name !== field || taken) {
      await pipeline(part, new Writable({ write: (_chunk, _encoding, done) => done() }))
      return {}
    }
    taken = true
    // Piped at once, as the framework's own handler does: the parser waits on this part.
    const path = spool.reserve(dir, 'upload')
    await spool.track(pipeline(part, newFile(path)))
    return { tmpPath: path }
  })

  // The whole body is bounded too: fields are, by the parser; anything else (a body with no
  // boundary, say) is counted here.
  let received = 0
  const countBody = (chunk: Buffer) => {
    received += chunk.length
    if (received > bodyLimit) {
      req.off('data', countBody)
      multipart.abort(tooLarge())
    }
  }
  req.on('data', countBody)
  try {
    await multipart.process({ limit })
  } catch (error) {
    // The framework's own 413s (the file limit, the fields' size or count) in the contract.
    if (!(error instanceof ApiError) && (error as { status?: number }).status === 413) {
      throw /^Fields/.test((error as Error).message)
        ? payloadTooLarge('The form fields are too large')
        : tooLarge()
    }
    throw error
  } finally {
    req.off('data', countBody)
  }
  // The fields and file names now read go through the one input boundary, as the body did.
  assertAcceptableRequest(ctx)
  const file = request.file(field)
  return file?.tmpPath ? file : null
}

/** The newest change under `path` (a file, or a directory and what it holds). */
async function lastChanged(path: string): Promise<number> {
  const info = await lstat(path)
  let newest = info.mtimeMs
  if (info.isDirectory()) {
    for (const child of await readdir(path)) {
      newest = Math.max(newest, await lastChanged(join(path, child)).catch(() => newest))
    }
  }
  return newest
}

/**
 * Removes what a crash left in `uploadTempDir()`: only entries of ours (named `parley-…`)
 * untouched for `olderThanMs`. A request or job at work keeps writing its files, so it is
 * never swept from under it. Returns how many entries were removed.
 */
export async function sweepTempFiles(olderThanMs = TEMP_MAX_AGE_MS, now = Date.now()) {
  let entries: string[]
  try {
    entries = await readdir(uploadTempDir())
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw error
  }
  let removed = 0
  for (const name of entries) {
    if (!name.startsWith(PREFIX)) continue
    const path = join(uploadTempDir(), name)
    const changed = await lastChanged(path).catch(() => null)
    if (changed === null || now - changed < olderThanMs) continue
    await rm(path, { recursive: true, force: true })
    removed++
  }
  return removed
}
