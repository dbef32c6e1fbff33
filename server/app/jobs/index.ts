import { WakeSnoozedConversation } from '#jobs/wake_snoozed_conversation'

/** Every job the workers run. */
export const JOBS = [WakeSnoozedConversation]
