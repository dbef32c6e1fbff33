import { failRecording, transcribePiece, type PiecePayload } from '#services/recordings/pipeline'
import { Job } from '#jobs/job'

/** One piece of a recording sent to the provider (once: its text is checkpointed); the last stitches. */
export default class TranscribePiece extends Job<PiecePayload> {
  static queue = 'recordings'
  static jobName = 'transcribe-piece'

  async handle(payload: PiecePayload) {
    await transcribePiece(payload)
  }

  async failed(payload: PiecePayload, error: unknown) {
    await failRecording(payload, error)
  }
}
