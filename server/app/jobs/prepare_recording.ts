import { dispatch } from '#services/queues'
import { failRecording, prepareRecording, type RecordingRef } from '#services/recordings/pipeline'
import { Job } from '#jobs/job'
import TranscribePiece from '#jobs/transcribe_piece'

/**
 * A recording's audio, normalised and cut at silences into pieces, each then transcribed by a
 * TranscribePiece job of its own (in parallel). Queued by the QueueSideJobs listener once the
 * upload is complete.
 */
export default class PrepareRecording extends Job<RecordingRef> {
  static queue = 'recordings'
  static jobName = 'prepare-recording'

  async handle(ref: RecordingRef) {
    for (const piece of await prepareRecording(ref)) {
      await dispatch(TranscribePiece, piece, {
        jobId: `rec-${ref.recordingId}-piece-${piece.piece}-${this.job.id}`,
      })
    }
  }

  async failed(ref: RecordingRef, error: unknown) {
    await failRecording(ref, error)
  }
}
