/*
|--------------------------------------------------------------------------
| Domain events and their listeners
|--------------------------------------------------------------------------
|
| Use cases record events in the outbox inside their transaction (#services/outbox); the relay
| emits them here once committed (#services/outbox_relay). Listeners must be idempotent by the
| event's `eventId`: after a crash an event may be emitted again. See docs/architecture.md.
|
*/

import emitter from '@adonisjs/core/services/emitter'

const PublishInboxEvents = () => import('#listeners/publish_inbox_events')
const QueueWebhooks = () => import('#listeners/queue_webhooks')
const QueueSideJobs = () => import('#listeners/queue_side_jobs')
const CloseRevokedStreams = () => import('#listeners/close_revoked_streams')
const ClassifyCampaignReplies = () => import('#listeners/classify_campaign_replies')
const PublishBillingEvents = () => import('#listeners/publish_billing_events')
const RunCampaigns = () => import('#listeners/run_campaigns')
const PublishCampaignEvents = () => import('#listeners/publish_campaign_events')

emitter.on('conversation:created', [PublishInboxEvents, 'conversationCreated'])
emitter.on('conversation:created', [QueueWebhooks, 'conversationCreated'])

emitter.on('conversation:updated', [PublishInboxEvents, 'conversationUpdated'])
emitter.on('conversation:updated', [QueueWebhooks, 'conversationUpdated'])
emitter.on('conversation:updated', [QueueSideJobs, 'wakeSnoozed'])

emitter.on('message:created', [PublishInboxEvents, 'messageCreated'])
emitter.on('message:created', [QueueWebhooks, 'messageCreated'])
emitter.on('message:created', [QueueSideJobs, 'sendWhatsApp'])
emitter.on('message:created', [ClassifyCampaignReplies, 'messageCreated'])

emitter.on('message:updated', [PublishInboxEvents, 'messageUpdated'])
emitter.on('conversation:read', [PublishInboxEvents, 'conversationRead'])

emitter.on('recording:queued', [QueueSideJobs, 'prepareRecording'])
emitter.on('webhook:redelivery-requested', [QueueWebhooks, 'redeliver'])

emitter.on('access:changed', [CloseRevokedStreams, 'handle'])
emitter.on('campaign:changed', [PublishCampaignEvents, 'changed'])

emitter.on('campaign:changed', [RunCampaigns, 'campaignChanged'])
emitter.on('message:updated', [RunCampaigns, 'messageUpdated'])
emitter.on('message:created', [RunCampaigns, 'messageCreated'])
emitter.on('conversation:read', [RunCampaigns, 'conversationRead'])

emitter.on('billing:changed', [PublishBillingEvents, 'changed'])
emitter.on('billing:alert', [PublishBillingEvents, 'alert'])
