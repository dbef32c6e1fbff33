import { createReadStream } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { availableParallelism } from 'node:os'
import { pipeline as streamPipeline } from 'node:stream/promises'
import { createWriteStream } from 'node:fs'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import redis from '@adonisjs/redis/services/main'
import { v7 as uuidv7 } from 'uuid'
import env from '#start/env'
import Recording from '#models/recording'
import { withTenant } from '#services/tenant_context'
import { recordUsage } from '#services/billing/usage'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import { probeDuration } from '#services/recordings/audio'
import { cutInParallel } from '#services/recordings/cutting'
import { openAIClient, openAIConfigFor, providerFailureReason } from '#services/recordings/provider'
import { makeTempDir } from '#services/uploads'
import { RecordingTransformer } from '#transformers/recording_transformer'

/**
 * Transcription, in the background: the audio is normalised (16 kHz mono), cut at silences into
 * pieces well under the provider's 25 MiB limit, each piece transcribed as its own job (in
 * parallel, retried), and the segments stitched back with each piece's offset. Progress and the
 * outcome are published on the recording's channel.
 */

/** The recording a job works on. */
export interface RecordingRef {
  tenantId: string
  workspaceId: string
  recordingId: string
}

/** One piece of a recording, and where it starts in the whole. */
export interface PiecePayload extends RecordingRef {
  piece: number
  offset: number
}

const scopeOf = (r: RecordingRef) => ({ tenantId: r.tenantId, workspaceId: r.workspaceId })
const pieceKey = (r: RecordingRef, piece: number) =>
  `${r.tenantId}/${r.workspaceId}/recordings/${r.recordingId}/piece-${piece}.mp3`
const doneKey = (r: RecordingRef) => `parley:recording:${r.recordingId}:pieces-done`

async function load(ref: RecordingRef) {
  return withTenant(scopeOf(ref), (trx) =>
    Recording.query({ client: trx })
      .where('tenant_id', ref.tenantId)
      .where('id', ref.recordingId)
      .first()
  )
}

async function update(
  ref: RecordingRef,
  patch: Partial<Recording>,
  event?: 'recording.progress' | 'recording.ready' | 'recording.failed'
) {
  const recording = await withTenant(scopeOf(ref), async (trx) => {
    const row = await Recording.query({ client: trx })
      .where('tenant_id', ref.tenantId)
      .where('id', ref.recordingId)
      .first()
    if (!row) return null
    row.merge(patch)
    await row.useTransaction(trx).save()
    return row
  })
  if (recording && event) {
    await publish(
      channelNames.recording(ref.tenantId, ref.workspaceId, ref.recordingId),
      event,
      RecordingTransformer.transform(recording)
    )
  }
  return recording
}

/** Marks the recording failed with a reason people can read, and says so on its channel. */
export async function failRecording(ref: RecordingRef, error: unknown) {
  logger.warn({ err: error, recording: ref.recordingId }, 'transcription failed')
  const message =
    providerFailureReason(error) ??
    ((error as { message?: string }).message ?? 'Transcription failed').slice(0, 500)
  await update(
    ref,
    { status: 'failed', error: message, errorCode: 'TRANSCRIPTION_FAILED' },
    'recording.failed'
  )
}

async function download(key: string, file: string) {
  await streamPipeline(await drive.use().getStream(key), createWriteStream(file))
}

/** The recording was deleted while it was being cut: its pieces are removed, nothing is sent. */
class RecordingGone extends Error {}

/**
 * Step 1: normalise and cut (in parallel, see cutting.ts), store the pieces. Each piece is
 * handed to `onPiece` (which queues its transcription) as soon as it is stored, once the cut
 * points, and so the number of pieces, are stored; returns every piece, or nothing when the
 * recording is gone or already ready.
 */
export async function prepareRecording(
  ref: RecordingRef,
  onPiece: (piece: PiecePayload) => Promise<void> = async () => {}
): Promise<PiecePayload[]> {
  const recording = await load(ref)
  if (!recording?.storageKey || recording.status === 'ready') return []
  const dir = await makeTempDir('prepare')
  let bounds: number[] = []
  try {
    await update(
      ref,
      { status: 'transcribing', progress: 0.02, error: null, errorCode: null },
      'recording.progress'
    )
    const original = join(dir, 'original')
    await download(recording.storageKey, original)
    const duration = recording.durationSeconds || (await probeDuration(original))
    if (!duration) throw new Error('The recording holds no audio')
    bounds = await cutInParallel({
      input: original,
      duration,
      pieceSeconds: env.get('RECORDING_PIECE_SECONDS'),
      dir,
      concurrency: availableParallelism(),
      onPlanned: (planned) => plan(ref, duration, planned),
      onPiece: async ({ piece, start, file }) => {
        if (!(await load(ref))) throw new RecordingGone()
        await drive.use().put(pieceKey(ref, piece), await readFile(file), {
          contentType: 'audio/mpeg',
        })
        await rm(file, { force: true })
        await onPiece({ ...ref, piece, offset: start })
      },
    })
    return bounds.map((offset, piece) => ({ ...ref, piece, offset }))
  } catch (error) {
    if (!(error instanceof RecordingGone)) throw error
    await drive
      .use()
      .deleteAll(`${ref.tenantId}/${ref.workspaceId}/recordings/${ref.recordingId}`)
      .catch(() => {})
    return []
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Every cut point is known: the number of pieces is stored before any piece is queued (the last
 * piece to be transcribed stitches). A re-run (a retry) keeps the pieces already transcribed if
 * they were cut at the same places, as they are from the same audio; otherwise it starts its
 * pieces over.
 */
async function plan(ref: RecordingRef, duration: number, bounds: number[]) {
  const kept = await withTenant(scopeOf(ref), async (trx) => {
    const ofRecording = (table: string) =>
      trx.from(table).where('tenant_id', ref.tenantId).where('recording_id', ref.recordingId)
    const stored = await ofRecording('transcript_pieces').select('piece', 'offset_seconds')
    const same = stored.every(
      (p) => p.piece < bounds.length && Math.abs(Number(p.offset_seconds) - bounds[p.piece]) < 0.001
    )
    if (same) return stored.length
    await ofRecording('transcript_pieces').delete()
    await ofRecording('transcript_segments').delete()
    return 0
  })
  if (!kept) await redis.del(doneKey(ref))
  const updated = await update(
    ref,
    {
      durationSeconds: duration,
      piecesTotal: bounds.length,
      piecesDone: kept,
      progress: 0.1 + (0.85 * kept) / bounds.length,
    },
    'recording.progress'
  )
  if (!updated) throw new RecordingGone()
}

interface ProviderSegment {
  start: number
  end: number
  text: string
  speaker?: string
}

/** Whether this piece's text is already stored (an earlier attempt got it). */
async function transcribed(ref: RecordingRef, piece: number) {
  const row = await withTenant(scopeOf(ref), (trx) =>
    trx
      .from('transcript_pieces')
      .where('tenant_id', ref.tenantId)
      .where('recording_id', ref.recordingId)
      .where('piece', piece)
      .first()
  )
  return row !== undefined && row !== null
}

/**
 * Sends one piece to the provider and stores its text as it arrives, with the piece's
 * checkpoint, in one transaction: once stored, no retry sends it again.
 */
async function transcribe(payload: PiecePayload, recording: Recording, dir: string) {
  const ref: RecordingRef = payload
  const config = await withTenant(scopeOf(ref), (trx) => openAIConfigFor(trx, ref.tenantId))
  if (!config) throw new Error('No transcription provider is configured')
  const file = join(dir, `piece-${payload.piece}.mp3`)
  await writeFile(file, Buffer.from(await drive.use().getBytes(pieceKey(ref, payload.piece))))
  const model = recording.model ?? config.transcriptionModel
  const diarize = model.includes('diarize')
  const response = (await openAIClient(config).audio.transcriptions.create({
    file: createReadStream(file),
    model,
    ...(recording.language ? { language: recording.language } : {}),
    // whisper-1 gives segments with times; gpt-4o models give text (diarize: speaker turns).
    ...(model === 'whisper-1'
      ? { response_format: 'verbose_json', timestamp_granularities: ['segment'] }
      : diarize
        ? { response_format: 'diarized_json', chunking_strategy: 'auto' }
        : { response_format: 'json' }),
  } as never)) as unknown as {
    text?: string
    duration?: number
    segments?: ProviderSegment[]
    language?: string
  }
  const segments: ProviderSegment[] = response.segments?.length
    ? response.segments
    : response.text?.trim()
      ? [{ start: 0, end: response.duration ?? 0, text: response.text }]
      : []
  await withTenant(scopeOf(ref), async (trx) => {
    const checkpoint = await trx
      .table('transcript_pieces')
      .insert({
        tenant_id: ref.tenantId,
        workspace_id: ref.workspaceId,
        recording_id: ref.recordingId,
        piece: payload.piece,
        offset_seconds: payload.offset,
      })
      .onConflict(['tenant_id', 'recording_id', 'piece'])
      .ignore()
      .returning('piece')
    // Two attempts answered at once: the first one stored is the piece's text.
    if (checkpoint.length === 0) return
    // Segments an attempt stored before pieces were checkpointed are replaced.
    await trx
      .from('transcript_segments')
      .where('tenant_id', ref.tenantId)
      .where('recording_id', ref.recordingId)
      .where('piece', payload.piece)
      .delete()
    if (segments.length) {
      await trx.table('transcript_segments').insert(
        segments.map((s, position) => ({
          tenant_id: ref.tenantId,
          workspace_id: ref.workspaceId,
          recording_id: ref.recordingId,
          id: uuidv7(),
          piece: payload.piece,
          position,
          start_seconds: payload.offset + Number(s.start),
          end_seconds: payload.offset + Number(s.end),
          speaker: s.speaker ?? null,
          text: String(s.text).trim(),
        }))
      )
    }
    if (!recording.language && response.language) {
      await trx
        .from('recordings')
        .where('tenant_id', ref.tenantId)
        .where('id', ref.recordingId)
        .update({ language: response.language.slice(0, 16) })
    }
  })
}

/**
 * Step 2, per piece: the provider's segments, shifted by the piece's offset; the last one
 * stitches. A piece whose text is stored is not sent again (a retry after a worker died).
 */
export async function transcribePiece(payload: PiecePayload) {
  const ref: RecordingRef = payload
  const recording = await load(ref)
  if (!recording || recording.status === 'ready' || recording.status === 'failed') return
  const dir = await makeTempDir('piece')
  try {
    if (!(await transcribed(ref, payload.piece))) await transcribe(payload, recording, dir)
    const [[, added], [, done]] = (await redis
      .multi()
      .sadd(doneKey(ref), String(payload.piece))
      .scard(doneKey(ref))
      .expire(doneKey(ref), 7 * 86_400)
      .exec())! as [unknown, number][]
    const total = recording.piecesTotal ?? 1
    if (done >= total) {
      // The last piece stitches; so does a retry of it if stitching failed the first time.
      const current = added ? null : await load(ref)
      if (added || current?.status !== 'ready') await finish(ref)
    } else {
      await update(
        ref,
        { piecesDone: done, progress: 0.1 + (0.85 * done) / total },
        'recording.progress'
      )
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Step 3: summary and action items (best effort), minutes metered, ready. */
async function finish(ref: RecordingRef) {
  const recording = await load(ref)
  if (!recording) return
  const segments = await withTenant(scopeOf(ref), (trx) =>
    trx
      .from('transcript_segments')
      .where('tenant_id', ref.tenantId)
      .where('recording_id', ref.recordingId)
      .orderBy('start_seconds')
      .select('text', 'speaker')
  )
  const text = segments.map((s) => (s.speaker ? `${s.speaker}: ${s.text}` : s.text)).join('\n')
  const summary = await summarise(ref, text).catch((error) => {
    logger.warn(
      { err: error, recording: ref.recordingId },
      'summary failed; the transcript is ready without it'
    )
    return null
  })
  // Metered once per recording (the ledger is unique per source), however often this runs.
  await withTenant(scopeOf(ref), (trx) =>
    recordUsage(
      { trx, tenantId: ref.tenantId, workspaceId: ref.workspaceId },
      {
        feature: 'transcriptionMinutes',
        sourceId: ref.recordingId,
        quantity: Math.ceil(((recording.durationSeconds ?? 0) / 60) * 1000) / 1000,
      }
    )
  )
  for (let i = 0; i < (recording.piecesTotal ?? 0); i++)
    await drive
      .use()
      .delete(pieceKey(ref, i))
      .catch(() => {})
  await update(
    ref,
    {
      status: 'ready',
      progress: 1,
      piecesDone: recording.piecesTotal ?? 0,
      summary: summary?.summary ?? null,
      actionItems: summary?.actionItems ?? [],
    },
    'recording.ready'
  )
}

/** A short summary and the action items, through the same provider's chat API. */
async function summarise(ref: RecordingRef, transcript: string) {
  if (!transcript.trim()) return null
  const config = await withTenant(scopeOf(ref), (trx) => openAIConfigFor(trx, ref.tenantId))
  if (!config) return null
  const completion = await openAIClient(config).chat.completions.create({
    model: env.get('OPENAI_SUMMARY_MODEL') ?? 'gpt-4o-mini',
    response_format: { type: 'json_object' },
    messages: [
      {
        role: 'system',
        content:
          'Summarise the transcript in at most five sentences and list its action items. Answer as JSON: {"summary": string, "actionItems": string[]}. Use the transcript language.',
      },
      { role: 'user', content: transcript.slice(0, 100_000) },
    ],
  })
  const parsed = JSON.parse(completion.choices[0]?.message?.content ?? '{}') as {
    summary?: unknown
    actionItems?: unknown
  }
  return {
    summary: typeof parsed.summary === 'string' ? parsed.summary : null,
    actionItems: Array.isArray(parsed.actionItems)
      ? parsed.actionItems.filter((x): x is string => typeof x === 'string').slice(0, 50)
      : [],
  }
}
