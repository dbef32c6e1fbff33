import { WakeSnoozedConversation } from '#jobs/wake_snoozed_conversation'
import { DeliverWebhook } from '#jobs/deliver_webhook'

/** Every job the workers run. */
export const JOBS = [WakeSnoozedConversation, DeliverWebhook]
