import WakeSnoozedConversation from '#jobs/wake_snoozed_conversation'
import DeliverWebhook from '#jobs/deliver_webhook'
import PurgeUnsentUploads from '#jobs/purge_unsent_uploads'
import SweepTempFiles from '#jobs/sweep_temp_files'
import PrepareRecording from '#jobs/prepare_recording'
import TranscribePiece from '#jobs/transcribe_piece'
import ReportUsage from '#jobs/report_usage'
import ClassifyCampaignReply from '#jobs/classify_campaign_reply'
import PlanCampaign from '#jobs/plan_campaign'
import DispatchCampaign from '#jobs/dispatch_campaign'
import TickCampaigns from '#jobs/tick_campaigns'
import VerifyCustomDomains from '#jobs/verify_custom_domains'

/** Every job the workers run. */
export const JOBS = [
  WakeSnoozedConversation,
  DeliverWebhook,
  PurgeUnsentUploads,
  SweepTempFiles,
  PrepareRecording,
  TranscribePiece,
  ClassifyCampaignReply,
  PlanCampaign,
  DispatchCampaign,
  TickCampaigns,
  VerifyCustomDomains,
  ReportUsage,
]
