import { WakeSnoozedConversation } from '#jobs/wake_snoozed_conversation'
import { DeliverWebhook } from '#jobs/deliver_webhook'
import { PurgeUnsentUploads } from '#jobs/purge_unsent_uploads'
import { PrepareRecording, TranscribePiece } from '#services/recordings/pipeline'

/** Every job the workers run. */
export const JOBS = [
  WakeSnoozedConversation,
  DeliverWebhook,
  PurgeUnsentUploads,
  PrepareRecording,
  TranscribePiece,
]
