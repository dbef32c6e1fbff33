import { dispatch } from '#services/queues'
import { failRecording, prepareRecording, type RecordingRef } from '#services/recordings/pipeline'
import { Job } from '#jobs/job'
import TranscribePiece from '#jobs/transcribe_piece'

/**
 * A recording's audio, normalised and cut at silences into pieces (in parallel), each queued as
 * a TranscribePiece job of its own as soon as it is stored, so the provider works on the first
 * pieces while the last are still being encoded. Queued by the QueueSideJobs listener once the
 * upload is complete.
 */
export default class PrepareRecording extends Job<RecordingRef> {
  static queue = 'recordings'
  static jobName = 'prepare-recording'

  async handle(ref: RecordingRef) {
    await prepareRecording(ref, async (piece) => {
      await dispatch(TranscribePiece, piece, {
        jobId: `rec-${ref.recordingId}-piece-${piece.piece}-${this.job.id}`,
      })
    })
  }

  async failed(ref: RecordingRef, error: unknown) {
    await failRecording(ref, error)
  }
}
