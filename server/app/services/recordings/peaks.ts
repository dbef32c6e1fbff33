import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import Recording from '#models/recording'
import { withTenant } from '#services/tenant_context'
import { channelNames } from '#services/realtime/channels'
import { publish } from '#services/realtime/publisher'
import { computePeaks } from '#services/recordings/audio'
import { makeTempDir } from '#services/uploads'
import { RecordingTransformer } from '#transformers/recording_transformer'

/** The recording a level strip is computed for. */
interface RecordingRef {
  tenantId: string
  workspaceId: string
  recordingId: string
}

/**
 * A recording's level strip, computed once its audio is in, whatever the provider: in the
 * background of the process that stored the audio, one recording at a time, so `complete` answers
 * at once (decoding takes about 10 s of CPU per hour of audio). Announced as `recording.updated`
 * on the recording's channel. A process that stops before it finishes leaves `peaks` null, and
 * the next `GET /v1/recordings/:id` asks again (`ensurePeaks`).
 */

const pending = new Set<string>()
/** Recordings whose audio could not be decoded here: not tried again by this process. */
const undecodable = new Set<string>()
let queue: Promise<void> = Promise.resolve()

const scopeOf = (r: RecordingRef) => ({ tenantId: r.tenantId, workspaceId: r.workspaceId })

const find = (ref: RecordingRef) =>
  withTenant(scopeOf(ref), (trx) =>
    Recording.query({ client: trx })
      .where('tenant_id', ref.tenantId)
      .where('id', ref.recordingId)
      .first()
  )

async function analyse(ref: RecordingRef) {
  const recording = await find(ref)
  if (!recording?.storageKey || recording.peaks) return
  const dir = await makeTempDir('peaks')
  try {
    const file = join(dir, 'original')
    await pipeline(await drive.use().getStream(recording.storageKey), createWriteStream(file))
    const peaks = await computePeaks(file, recording.durationSeconds ?? 0)
    const updated = await withTenant(scopeOf(ref), async (trx) => {
      // Only this column: a transcription may be changing the row's status meanwhile.
      await Recording.query({ client: trx })
        .where('tenant_id', ref.tenantId)
        .where('id', ref.recordingId)
        .update({ peaks: JSON.stringify(peaks) })
      return Recording.query({ client: trx })
        .where('tenant_id', ref.tenantId)
        .where('id', ref.recordingId)
        .first()
    })
    if (!updated) return
    await publish(
      channelNames.recording(ref.tenantId, ref.workspaceId, ref.recordingId),
      'recording.updated',
      RecordingTransformer.transform(updated, { peaks: true })
    ).catch((error) =>
      // Stored all the same: the player reads it on its next load.
      logger.warn({ err: error, recording: ref.recordingId }, 'recording.updated not published')
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Queues the level strip of a recording whose audio is stored; no-op if already queued. */
export function schedulePeaks(ref: RecordingRef): Promise<void> {
  const id = ref.recordingId
  if (pending.has(id) || undecodable.has(id)) return queue
  pending.add(id)
  queue = queue
    .then(() => analyse(ref))
    .catch((error) => {
      undecodable.add(id)
      logger.warn({ err: error, recording: id }, 'the level strip could not be computed')
    })
    .finally(() => pending.delete(id))
  return queue
}

/** Asks again for a strip a stopped process never finished. */
export function ensurePeaks(recording: Recording) {
  if (!recording.storageKey || recording.peaks) return
  void schedulePeaks({
    tenantId: recording.tenantId,
    workspaceId: recording.workspaceId,
    recordingId: recording.id,
  })
}
