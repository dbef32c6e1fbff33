import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { appendFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform, type Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { fileTypeFromFile } from 'file-type'
import env from '#start/env'
import { ApiError } from '#exceptions/api_error'
import { assertAvailable } from '#services/billing/entitlements'
import Recording from '#models/recording'
import TranscriptSegment from '#models/transcript_segment'
import type { Segment } from '#services/recordings/transcript_formats'
import type { SessionTenancy } from '#services/tenancy'
import { recordEvent } from '#services/outbox'
import { probeDuration } from '#services/recordings/audio'
import { openAIConfigFor, providerNotConfigured } from '#services/recordings/provider'
import { schedulePeaks } from '#services/recordings/peaks'
import { makeTempDir, payloadTooLarge, spoolRawBody } from '#services/uploads'

export const MAX_CHUNK_BYTES = 16 * 1024 * 1024
export const maxRecordingBytes = () => env.get('RECORDING_MAX_MB') * 1024 * 1024

const chunkKey = (r: Recording, n: number) =>
  `${r.tenantId}/${r.workspaceId}/recordings/${r.id}/chunk-${n}`
const originalKey = (r: Recording) => `${r.tenantId}/${r.workspaceId}/recordings/${r.id}/original`

export function findRecording(session: SessionTenancy, id: string) {
  return Recording.findScoped(session, id, 'Recording')
}

/** Bytes of the recording's chunks stored so far, but chunk `n` (which a retry replaces). */
async function storedBytes(session: SessionTenancy, recording: Recording, n: number) {
  const row = await session.trx
    .from('recording_chunks')
    .where('tenant_id', recording.tenantId)
    .where('recording_id', recording.id)
    .whereNot('n', n)
    .sum('size_bytes as total')
    .first()
  return Number(row?.total ?? 0)
}

const overTotal = () =>
  payloadTooLarge(
    `The recording's chunks would exceed ${env.get('RECORDING_MAX_MB')} MB (RECORDING_MAX_MB)`
  )

/**
 * PUT …/chunks/:n: stores one chunk of a recording being uploaded while it is recorded. The same
 * n again replaces it (a retry after a lost answer is harmless). A chunk is at most 16 MB and
 * the chunks together at most RECORDING_MAX_MB: 413 the moment the body would cross either.
 */
export async function storeChunk(
  session: SessionTenancy,
  recording: Recording,
  n: number,
  ctx: HttpContext
) {
  if (recording.status !== 'uploading') {
    throw new ApiError(
      'CONFLICT',
      `The recording is ${recording.status}; chunks are taken while uploading`
    )
  }
  const room = maxRecordingBytes() - (await storedBytes(session, recording, n))
  const limit = Math.min(MAX_CHUNK_BYTES, room)
  const { path, size, sha256 } = await spoolRawBody(ctx, Math.max(0, limit), () =>
    room < MAX_CHUNK_BYTES
      ? overTotal()
      : payloadTooLarge(`A chunk can be at most ${MAX_CHUNK_BYTES / 1048576} MB`)
  )
  if (size === 0) throw ApiError.validation([{ field: 'body', message: 'The chunk is empty' }])
  // Chunks arriving at once are counted one after the other: the recording's row is the lock.
  await Recording.query({ client: session.trx })
    .where('tenant_id', recording.tenantId)
    .where('id', recording.id)
    .forUpdate()
    .first()
  if ((await storedBytes(session, recording, n)) + size > maxRecordingBytes()) throw overTotal()
  await drive.use().putStream(chunkKey(recording, n), createReadStream(path))
  await session.trx
    .table('recording_chunks')
    .insert({
      tenant_id: recording.tenantId,
      workspace_id: recording.workspaceId,
      recording_id: recording.id,
      n,
      size_bytes: size,
      sha256,
      storage_key: chunkKey(recording, n),
    })
    .onConflict(['tenant_id', 'recording_id', 'n'])
    .merge(['size_bytes', 'sha256', 'storage_key'])
}

/**
 * Checks an assembled (or one-shot) upload: it must be audio (by its bytes and by ffmpeg finding
 * an audio stream) and within size and length. Then it is stored, playable at once, and queued
 * for transcription if the tenant can transcribe it now; if not (no provider, no minutes left) it
 * is `uploaded`, saying why, and can be transcribed later (`transcribeUploaded`).
 */
async function accept(session: SessionTenancy, recording: Recording, file: string) {
  const { size } = await stat(file)
  if (size > maxRecordingBytes()) {
    throw ApiError.validation([
      { field: 'file', message: `Recordings can be at most ${env.get('RECORDING_MAX_MB')} MB` },
    ])
  }
  const type = await fileTypeFromFile(file)
  const duration = type && /^(audio|video)\//.test(type.mime) ? await probeDuration(file) : null
  if (!duration) {
    throw ApiError.validation([
      { field: 'file', message: `This is not audio (${type?.mime ?? 'unknown type'})` },
    ])
  }
  if (duration > env.get('RECORDING_MAX_MINUTES') * 60) {
    throw ApiError.validation([
      {
        field: 'file',
        message: `Recordings can be at most ${env.get('RECORDING_MAX_MINUTES')} minutes long`,
      },
    ])
  }
  await drive
    .use()
    .putStream(originalKey(recording), createReadStream(file), { contentType: type!.mime })
  recording.merge({
    progress: 0,
    mimeType: type!.mime,
    sizeBytes: size,
    durationSeconds: duration,
    storageKey: originalKey(recording),
  })
  const blocked = await whyNotTranscribable(session, duration)
  if (blocked) {
    recording.merge({ status: 'uploaded', errorCode: blocked.errorCode, error: blocked.message })
    await recording.useTransaction(session.trx).save()
  } else {
    await queue(session, recording)
  }
  const ref = {
    tenantId: recording.tenantId,
    workspaceId: recording.workspaceId,
    recordingId: recording.id,
  }
  session.trx.after('commit', () => void schedulePeaks(ref))
}

/** Marks a recording queued; transcription starts once this commits (the outbox relays it). */
async function queue(session: SessionTenancy, recording: Recording) {
  recording.merge({ status: 'queued', progress: 0, errorCode: null, error: null })
  await recording.useTransaction(session.trx).save()
  await recordEvent(session.trx, 'recording:queued', {
    tenantId: recording.tenantId,
    workspaceId: recording.workspaceId,
    recordingId: recording.id,
  })
}

/** Why the tenant cannot transcribe `seconds` of audio now (no provider, no minutes left), if so. */
async function whyNotTranscribable(session: SessionTenancy, seconds: number) {
  if (!(await openAIConfigFor(session.trx, session.tenantId))) return providerNotConfigured()
  try {
    await assertMinutesLeft(session, seconds)
    return null
  } catch (error) {
    if (error instanceof ApiError && error.errorCode === 'QUOTA_EXCEEDED') return error
    throw error
  }
}

/**
 * Transcribes a recording that was kept `uploaded` (a provider was set since, or minutes came
 * back): 424 or 402 while it still cannot, naming why; the recording stays playable either way.
 */
export async function transcribeUploaded(session: SessionTenancy, recording: Recording) {
  // The row is the lock: two clicks queue it once.
  const current = await Recording.query({ client: session.trx })
    .where('tenant_id', recording.tenantId)
    .where('id', recording.id)
    .forUpdate()
    .firstOrFail()
  if (current.status !== 'uploaded') {
    throw new ApiError('CONFLICT', `The recording is already ${current.status}`)
  }
  const blocked = await whyNotTranscribable(session, current.durationSeconds ?? 0)
  if (blocked) throw blocked
  await queue(session, current)
  return current
}

/**
 * Minutes transcribed this period against the workspace's plan (services/billing/entitlements),
 * or, for a workspace without a plan, this month (UTC) against its quota, or else its tenant's.
 */
async function assertMinutesLeft(session: SessionTenancy, seconds: number) {
  await assertAvailable(session, 'transcriptionMinutes', seconds / 60)
}

/**
 * POST …/complete { chunks: N }: assembles chunks 0..N-1 in order, then as accept(). On a
 * recording already `uploaded`, it asks for its transcription (no `chunks` needed).
 */
export async function completeUpload(
  session: SessionTenancy,
  recording: Recording,
  chunks?: number,
  sha256?: string
): Promise<Recording> {
  if (recording.status === 'uploaded') return transcribeUploaded(session, recording)
  if (recording.status !== 'uploading') {
    throw new ApiError('CONFLICT', `The recording is already ${recording.status}`)
  }
  if (chunks === undefined) {
    throw ApiError.validation([{ field: 'chunks', message: 'How many chunks were uploaded' }])
  }
  const stored = await session.trx
    .from('recording_chunks')
    .where('tenant_id', recording.tenantId)
    .where('recording_id', recording.id)
    .orderBy('n')
    .select('n', 'storage_key')
  const have = new Set(stored.map((c) => c.n))
  const missing = Array.from({ length: chunks }, (_, n) => n).filter((n) => !have.has(n))
  if (missing.length) {
    throw ApiError.validation([
      { field: 'chunks', message: `Chunks missing: ${missing.slice(0, 20).join(', ')}` },
    ])
  }
  if (stored.some((c) => c.n >= chunks)) {
    throw ApiError.validation([
      { field: 'chunks', message: `More than ${chunks} chunks were uploaded` },
    ])
  }
  const dir = await makeTempDir('assemble')
  try {
    const file = join(dir, 'assembled')
    // Chunks are at most 16 MB: appended one after the other, in order.
    for (const chunk of stored) {
      await appendFile(file, Buffer.from(await drive.use().getBytes(chunk.storage_key)))
    }
    if (sha256) {
      const hash = createHash('sha256')
      await pipeline(createReadStream(file), hash)
      if (hash.digest('hex') !== sha256) {
        throw ApiError.validation([
          { field: 'sha256', message: 'The assembled chunks do not match this SHA-256' },
        ])
      }
    }
    await accept(session, recording, file)
    session.trx.after('commit', async () => {
      for (const chunk of stored)
        await drive
          .use()
          .delete(chunk.storage_key)
          .catch(() => {})
    })
    await session.trx
      .from('recording_chunks')
      .where('tenant_id', recording.tenantId)
      .where('recording_id', recording.id)
      .delete()
    return recording
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** POST /v1/recordings/upload: an existing file, at once. */
export async function acceptUpload(session: SessionTenancy, recording: Recording, tmpPath: string) {
  await accept(session, recording, tmpPath)
}

/** Removes the audio, its pieces and chunks, and (by cascade) the transcript. */
export async function deleteRecording(session: SessionTenancy, recording: Recording) {
  const prefix = `${recording.tenantId}/${recording.workspaceId}/recordings/${recording.id}`
  await recording.useTransaction(session.trx).delete()
  session.trx.after(
    'commit',
    () =>
      void drive
        .use()
        .deleteAll(prefix)
        .catch(() => {})
  )
}

/**
 * Bytes `start`..`end` (inclusive) of a stored file, as a stream: read from that offset on the
 * local disk; on other disks the stream is read from the start and the bytes before `start`
 * dropped. Never the whole file in memory.
 */
export async function readStoredRange(key: string, start: number, end: number): Promise<Readable> {
  const disk = drive.use()
  const location = (disk.driver as { options?: { location?: unknown } }).options?.location
  if (env.get('DRIVE_DISK') === 'fs' && (typeof location === 'string' || location instanceof URL)) {
    const root = typeof location === 'string' ? location : fileURLToPath(location)
    return createReadStream(join(root, key), { start, end })
  }
  const source = await disk.getStream(key)
  let position = 0
  const slice = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const from = Math.max(0, start - position)
      const to = Math.min(chunk.length, end + 1 - position)
      position += chunk.length
      if (to > from) this.push(chunk.subarray(from, to))
      if (position > end) {
        this.push(null)
        source.destroy()
      }
      done()
    },
  })
  return source.pipe(slice)
}

/** The size in bytes of a stored file. */
export async function storedSize(key: string) {
  const meta = await drive.use().getMetaData(key)
  return meta.contentLength
}

/** The transcript's lines in time order, as the exports and the API give them. */
export async function segmentsOf(
  session: SessionTenancy,
  recording: Recording
): Promise<Segment[]> {
  const rows = await TranscriptSegment.scoped(session)
    .where('recording_id', recording.id)
    .orderBy('start_seconds')
    .orderBy('position')
  return rows.map((r) => ({
    id: r.id,
    start: r.startSeconds,
    end: r.endSeconds,
    speaker: r.speaker,
    text: r.text,
    edited: r.edited,
  }))
}

/** Corrections by a person: each line's new text, kept as edited; an unknown line is a 422. */
export async function correctTranscript(
  session: SessionTenancy,
  recording: Recording,
  segments: { id: string; text: string }[]
) {
  for (const [i, s] of segments.entries()) {
    const changed = await TranscriptSegment.scoped(session)
      .where('recording_id', recording.id)
      .where('id', s.id)
      .update({ text: s.text, edited: true })
    if (!Number(changed)) {
      throw ApiError.validation([
        { field: `segments.${i}.id`, message: 'No such segment in this transcript' },
      ])
    }
  }
}
