import { WakeSnoozedConversation } from '#jobs/wake_snoozed_conversation'
import { DeliverWebhook } from '#jobs/deliver_webhook'
import { PurgeUnsentUploads } from '#jobs/purge_unsent_uploads'

/** Every job the workers run. */
export const JOBS = [WakeSnoozedConversation, DeliverWebhook, PurgeUnsentUploads]
