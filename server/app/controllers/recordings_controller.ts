import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#exceptions/api_error'
import Recording from '#models/recording'
import RecorderPolicy from '#policies/recorder_policy'
import { paginate } from '#services/pagination'
import {
  acceptUpload,
  completeUpload,
  deleteRecording,
  findRecording,
  maxRecordingBytes,
  readStoredRange,
  storeChunk,
  storedSize,
  segmentsOf,
  correctTranscript,
} from '#services/recordings/recordings'
import { readMultipartFile } from '#services/uploads'
import { toSrt, toTxt, toVtt } from '#services/recordings/transcript_formats'
import {
  RecordingTransformer,
  audioPath,
  type RecordingView,
} from '#transformers/recording_transformer'
import { openAIConfigFor } from '#services/recordings/provider'
import { ensurePeaks } from '#services/recordings/peaks'
import type { SessionTenancy } from '#services/tenancy'
import { verifyFileLink } from '#services/attachments'
import { withTenant } from '#services/tenant_context'
import { UUID_PATTERN } from '#validators/rules'
import { validateBody, validateQuery } from '#validators/strict'
import {
  completeValidator,
  correctTranscriptValidator,
  createRecordingValidator,
  listRecordingsValidator,
  transcriptQueryValidator,
  uploadFieldsValidator,
} from '#validators/recordings'

/**
 * The one byte range a `Range` header asks of `size` bytes: [start, end] inclusive, null to
 * send everything (no header, one it does not understand, or several ranges), or
 * 'unsatisfiable' (416).
 */
function byteRange(
  header: string | undefined,
  size: number
): [number, number] | null | 'unsatisfiable' {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '')
  if (!match || (!match[1] && !match[2])) return null
  if (!match[1]) {
    // The last N bytes.
    const suffix = Number(match[2])
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return [Math.max(0, size - suffix), size - 1]
  }
  const start = Number(match[1])
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1
  if (start >= size || start > end) return 'unsatisfiable'
  return [start, end]
}

/** What the answer needs beyond the rows: whether `uploaded` ones can be transcribed now. */
async function viewFor(session: SessionTenancy, recordings: Recording[]): Promise<RecordingView> {
  if (!recordings.some((r) => r.status === 'uploaded')) return {}
  return { providerConfigured: (await openAIConfigFor(session.trx, session.tenantId)) !== null }
}

/** Recordings of the session's workspace: upload (chunked or at once), follow, read, correct, export. */
export default class RecordingsController {
  async index({ request, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(RecorderPolicy).authorize('read')
    const page = await validateQuery(request, listRecordingsValidator)
    const query = Recording.query({ client: session.trx })
      .where('tenant_id', session.tenantId)
      .where('workspace_id', session.workspaceId)
    const { data, nextCursor } = await paginate(query, page)
    const view = await viewFor(session, data)
    return { data: data.map((r) => RecordingTransformer.transform(r, view)), nextCursor }
  }

  async store({ request, response, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(RecorderPolicy).authorize('write')
    const payload = await validateBody(request, createRecordingValidator)
    const recording = await Recording.create(
      {
        tenantId: session.tenantId,
        workspaceId: session.workspaceId,
        createdByMemberId: session.memberId,
        title: payload.title,
        mimeType: payload.mimeType,
        language: payload.language ?? null,
        status: 'uploading',
        progress: 0,
        piecesDone: 0,
        actionItems: [],
      },
      { client: session.trx }
    )
    return response.created(RecordingTransformer.transform(recording))
  }

  async show({ params, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(RecorderPolicy).authorize('read')
    const recording = await findRecording(session, params.id)
    ensurePeaks(recording)
    const view = await viewFor(session, [recording])
    return RecordingTransformer.transform(recording, { ...view, peaks: true })
  }

  /** PUT /v1/recordings/:id/chunks/:n (raw bytes) → 204 */
  async chunk(ctx: HttpContext) {
    const { params, response, bouncer } = ctx
    const session = ctx.member
    await bouncer.with(RecorderPolicy).authorize('write')
    const recording = await findRecording(session, params.id)
    const n = Number(params.n)
    if (!Number.isInteger(n) || n < 0 || n >= 100_000) {
      throw ApiError.validation([{ field: 'n', message: 'Chunks are numbered 0, 1, 2…' }])
    }
    await storeChunk(session, recording, n, ctx)
    return response.noContent()
  }

  /** POST /v1/recordings/:id/complete { chunks } → 202 (queued) */
  async complete({ params, request, response, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(RecorderPolicy).authorize('write')
    const recording = await findRecording(session, params.id)
    const { chunks, sha256 } = await validateBody(request, completeValidator)
    const completed = await completeUpload(session, recording, chunks, sha256)
    return response.accepted(
      RecordingTransformer.transform(completed, await viewFor(session, [completed]))
    )
  }

  /** POST /v1/recordings/upload (multipart `file`, `title`, `language`) → 201 (queued) */
  async upload(ctx: HttpContext) {
    const { request, response, bouncer } = ctx
    const session = ctx.member
    await bouncer.with(RecorderPolicy).authorize('write')
    const file = await readMultipartFile(ctx, { limit: maxRecordingBytes(), what: 'Recordings' })
    if (!file?.tmpPath)
      throw ApiError.validation([{ field: 'file', message: 'Send the audio as `file`' }])
    const fields = await uploadFieldsValidator.validate({
      title: request.input('title') ?? undefined,
      language: request.input('language') ?? undefined,
    })
    const recording = await Recording.create(
      {
        tenantId: session.tenantId,
        workspaceId: session.workspaceId,
        createdByMemberId: session.memberId,
        title: fields.title ?? file.clientName.slice(0, 200),
        mimeType: 'application/octet-stream',
        language: fields.language ?? null,
        status: 'uploading',
        progress: 0,
        piecesDone: 0,
        actionItems: [],
      },
      { client: session.trx }
    )
    await acceptUpload(session, recording, file.tmpPath)
    return response.created(
      RecordingTransformer.transform(recording, await viewFor(session, [recording]))
    )
  }

  /** GET /v1/recordings/:id/transcript?format=json|txt|srt|vtt */
  async transcript({ params, request, response, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(RecorderPolicy).authorize('read')
    const recording = await findRecording(session, params.id)
    const { format = 'json' } = await validateQuery(request, transcriptQueryValidator)
    if (recording.status !== 'ready') {
      throw new ApiError(
        'CONFLICT',
        `The transcript is not ready (the recording is ${recording.status})`
      )
    }
    const segments = await segmentsOf(session, recording)
    if (format === 'json') {
      return {
        recordingId: recording.id,
        language: recording.language,
        durationSeconds: recording.durationSeconds,
        summary: recording.summary,
        actionItems: recording.actionItems,
        segments,
      }
    }
    const [body, type] =
      format === 'srt'
        ? [toSrt(segments), 'application/x-subrip']
        : format === 'vtt'
          ? [toVtt(segments), 'text/vtt']
          : [toTxt(segments), 'text/plain']
    const name = `${recording.title.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'transcript'}.${format}`
    response.header('Content-Type', `${type}; charset=utf-8`)
    response.header('Content-Disposition', `attachment; filename="${name}"`)
    return response.send(body)
  }

  /** PATCH /v1/recordings/:id/transcript { segments: [{ id, text }] }: corrections, kept as edited. */
  async correct({ params, request, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(RecorderPolicy).authorize('write')
    const recording = await findRecording(session, params.id)
    const { segments } = await validateBody(request, correctTranscriptValidator)
    await correctTranscript(session, recording, segments)
    return { segments: await segmentsOf(session, recording) }
  }

  /**
   * GET /v1/recording-audio/:tenantId/:workspaceId/:id?exp&sig: the original audio, for the
   * player (with byte ranges, so it can seek). The signature is the permission.
   */
  async audio({ params, request, response }: HttpContext) {
    const { tenantId, workspaceId, id } = params
    const wellFormed = [tenantId, workspaceId, id].every((v) => UUID_PATTERN.test(v))
    const { exp, sig } = request.qs()
    if (!wellFormed || !verifyFileLink(audioPath({ tenantId, workspaceId, id }), exp, sig)) {
      throw ApiError.notFound('Audio (or the link has expired)')
    }
    const recording = await withTenant({ tenantId, workspaceId }, (trx) =>
      Recording.query({ client: trx }).where('tenant_id', tenantId).where('id', id).first()
    )
    if (!recording?.storageKey) throw ApiError.notFound('Audio')
    // Recorded at upload; asked of the disk for recordings stored before it was.
    const size = recording.sizeBytes ?? (await storedSize(recording.storageKey))
    response.header('Content-Type', recording.mimeType)
    response.header('Accept-Ranges', 'bytes')
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Cross-Origin-Resource-Policy', 'cross-origin')
    response.header('Cache-Control', 'private, max-age=3600')
    const range = byteRange(request.header('range'), size)
    if (range === 'unsatisfiable') {
      response.header('Content-Range', `bytes */${size}`)
      return response.status(416).send('')
    }
    const [start, end] = range ?? [0, size - 1]
    if (range) {
      response.status(206)
      response.header('Content-Range', `bytes ${start}-${end}/${size}`)
    }
    response.header('Content-Length', String(end - start + 1))
    if (size === 0) return response.send('')
    response.stream(await readStoredRange(recording.storageKey, start, end))
  }

  async destroy({ params, response, bouncer, member }: HttpContext) {
    const session = member
    await bouncer.with(RecorderPolicy).authorize('write')
    await deleteRecording(session, await findRecording(session, params.id))
    return response.noContent()
  }
}
