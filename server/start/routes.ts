/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| The public contract is ../shared/design/API.md (copied into docs/api.md); every route is named
| and functional tests call them by name.
|
*/

import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { throttleChat, throttleConfig, throttleSessions, throttleVisitors } from '#start/limiter'
import '#start/console_settings_routes'

const HealthController = () => import('#controllers/health_controller')
const SessionsController = () => import('#controllers/sessions_controller')
const EmbedConfigsController = () => import('#controllers/embed_configs_controller')
const MembersController = () => import('#controllers/members_controller')
const AuditEventsController = () => import('#controllers/audit_events_controller')
const SessionPoliciesController = () => import('#controllers/session_policies_controller')
const ThemesController = () => import('#controllers/themes_controller')
const AssetsController = () => import('#controllers/assets_controller')
const ConsolePagesController = () => import('#controllers/console_pages_controller')
const RealtimeController = () => import('#controllers/realtime_controller')
const ConversationsController = () => import('#controllers/conversations_controller')
const MessagesController = () => import('#controllers/messages_controller')
const ContactsController = () => import('#controllers/contacts_controller')
const InboxSummariesController = () => import('#controllers/inbox_summaries_controller')
const WebhooksController = () => import('#controllers/webhooks_controller')
const CannedResponsesController = () => import('#controllers/canned_responses_controller')
const SegmentsController = () => import('#controllers/segments_controller')
const CampaignsController = () => import('#controllers/campaigns_controller')
const AttachmentsController = () => import('#controllers/attachments_controller')
const ChatController = () => import('#controllers/chat_controller')
const PresenceController = () => import('#controllers/presence_controller')
const WhatsAppNumbersController = () => import('#controllers/whatsapp_numbers_controller')
const RecordingsController = () => import('#controllers/recordings_controller')
const PlansController = () => import('#controllers/plans_controller')
const BillingController = () => import('#controllers/billing_controller')
const StripeWebhooksController = () => import('#controllers/stripe_webhooks_controller')

router.get('/health', [HealthController, 'show']).as('health')

// What browsers download: the loader and the widget chunks (npm run build:widgets).
router.get('/embed.js', [AssetsController, 'loader']).as('embed.loader')
router.get('/v1/embed.js', [AssetsController, 'loader']).as('embed.loader.v1')
router.get('/widgets/:file', [AssetsController, 'chunk']).as('widgets.show')

// The partner console: its bundle, and one HTML shell for every page under /console.
router.get('/console/assets/:file', [ConsolePagesController, 'asset']).as('console.assets.show')
router.get('/console', [ConsolePagesController, 'show']).as('console.index')
router.get('/console/*', [ConsolePagesController, 'show']).as('console.show')
// The platform admin, the same way under /admin.
router.get('/admin/assets/:file', [ConsolePagesController, 'adminAsset']).as('admin.assets.show')
router.get('/admin', [ConsolePagesController, 'admin']).as('admin.index')
router.get('/admin/*', [ConsolePagesController, 'admin']).as('admin.show')

// Attachments, read through signed links (the signature is the permission).
router.get('/v1/files/:tenantId/:workspaceId/:id', [AttachmentsController, 'show']).as('files.show')
router
  .get('/v1/recording-audio/:tenantId/:workspaceId/:id', [RecordingsController, 'audio'])
  .as('recordingAudio.show')

// Realtime: the event stream (single-use ticket) and @adonisjs/transmit-client's subscribe calls.
router.get('/__transmit/events', [RealtimeController, 'stream']).as('realtime.stream')
router
  .group(() => {
    router.post('/__transmit/subscribe', [RealtimeController, 'subscribe']).as('realtime.subscribe')
    router
      .post('/__transmit/unsubscribe', [RealtimeController, 'unsubscribe'])
      .as('realtime.unsubscribe')
  })
  .use(middleware.sessionToken({ accept: 'both' }))

router
  .group(() => {
    // Server to server: secret key.
    router
      .group(() => {
        router
          .post('/sessions', [SessionsController, 'store'])
          .as('sessions.store')
          .use(throttleSessions)
        router.post('/chat/sessions', [ChatController, 'session']).as('chat.sessions.store')
        // Billing: the reseller's plans (its Stripe account: console_settings_routes.ts).
        router.get('/plans', [PlansController, 'index']).as('plans.index')
        router.post('/plans', [PlansController, 'store']).as('plans.store')
        router.get('/plans/:id', [PlansController, 'show']).as('plans.show')
        router.patch('/plans/:id', [PlansController, 'update']).as('plans.update')
        router.delete('/plans/:id', [PlansController, 'destroy']).as('plans.destroy')
      })
      .use(middleware.secretKey())

    // Tenant settings: a secret key, or a console session whose role allows the area
    // (tenant_settings_auth_middleware.ts; owner · admin · developer · support).
    router
      .get('/audit-events', [AuditEventsController, 'index'])
      .as('auditEvents.index')
      .use(middleware.tenantSettings({ area: 'auditEvents' }))
    router
      .get('/session-policy', [SessionPoliciesController, 'show'])
      .as('sessionPolicy.show')
      .use(middleware.tenantSettings({ area: 'sessionPolicy' }))
    router
      .put('/session-policy', [SessionPoliciesController, 'update'])
      .as('sessionPolicy.update')
      .use(middleware.tenantSettings({ area: 'sessionPolicy' }))
    router
      .get('/theme', [ThemesController, 'show'])
      .as('theme.show')
      .use(middleware.tenantSettings({ area: 'theme' }))
    router
      .put('/theme', [ThemesController, 'update'])
      .as('theme.update')
      .use(middleware.tenantSettings({ area: 'theme' }))

    // Stripe → Parley: signed by Stripe (checked over the raw bytes), no other credential.
    // Connect events (they carry `account`) here; own-account mode at the tenant's own URL.
    router
      .post('/stripe/webhooks', [StripeWebhooksController, 'connect'])
      .as('stripe.webhooks.store')
    router
      .post('/stripe/webhooks/:tenantId', [StripeWebhooksController, 'own'])
      .as('stripe.webhooks.storeForTenant')

    // Browser: publishable key from an allowed origin.
    router
      .get('/embed/config', [EmbedConfigsController, 'show'])
      .as('embed.config')
      .use([middleware.publishableKey(), throttleConfig])
    router
      .get('/theme.css', [ThemesController, 'css'])
      .as('theme.css')
      .use([middleware.publishableKey(), throttleConfig])

    // Web chat: anonymous visitors arrive with the publishable key ...
    router
      .post('/chat/visitors', [ChatController, 'visitor'])
      .as('chat.visitors.store')
      .use([middleware.publishableKey(), throttleVisitors])
    router
      .get('/chat/workspaces/:id', [ChatController, 'profile'])
      .as('chat.workspaces.show')
      .use([middleware.publishableKey(), throttleConfig])
    // ... and then, like the host's signed-in users, hold a visitor token (`c1.…`).
    router
      .group(() => {
        router.get('/chat/workspace', [ChatController, 'workspace']).as('chat.workspace.show')
        router.get('/chat/contact', [ChatController, 'contact']).as('chat.contact.show')
        router
          .patch('/chat/contact', [ChatController, 'updateContact'])
          .as('chat.contact.update')
          .use(throttleChat)
        router
          .get('/chat/conversations', [ChatController, 'conversations'])
          .as('chat.conversations.index')
        router
          .post('/chat/conversations', [ChatController, 'start'])
          .as('chat.conversations.store')
          .use(throttleChat)
        router
          .get('/chat/conversations/:id/messages', [ChatController, 'messages'])
          .as('chat.conversations.messages.index')
        router
          .post('/chat/conversations/:id/messages', [ChatController, 'send'])
          .as('chat.conversations.messages.store')
          .use(throttleChat)
        router
          .post('/chat/conversations/:id/typing', [ChatController, 'typing'])
          .as('chat.conversations.typing')
        router
          .post('/chat/conversations/:id/read', [ChatController, 'read'])
          .as('chat.conversations.read')
        router
          .post('/chat/attachments', [ChatController, 'upload'])
          .as('chat.attachments.store')
          .use(throttleChat)
      })
      .use(middleware.sessionToken({ accept: 'visitors' }))

    // Realtime for members and visitors alike: each reads only the channels it may.
    router
      .group(() => {
        router.post('/realtime/ticket', [RealtimeController, 'ticket']).as('realtime.ticket')
        router.get('/events', [RealtimeController, 'events']).as('events.index')
      })
      .use(middleware.sessionToken({ accept: 'both' }))

    // Widgets: session token.
    router
      .group(() => {
        router.get('/me', [MembersController, 'me']).as('me.show')
        router.get('/members', [MembersController, 'index']).as('members.index')
        router.get('/members/:id', [MembersController, 'show']).as('members.show')
        // Inbox
        router.get('/conversations', [ConversationsController, 'index']).as('conversations.index')
        router.post('/conversations', [ConversationsController, 'store']).as('conversations.store')
        router
          .post('/conversations/bulk', [ConversationsController, 'bulk'])
          .as('conversations.bulk')
        router.get('/conversations/:id', [ConversationsController, 'show']).as('conversations.show')
        router
          .patch('/conversations/:id', [ConversationsController, 'update'])
          .as('conversations.update')
        router
          .get('/conversations/:id/messages', [MessagesController, 'index'])
          .as('conversations.messages.index')
        router
          .post('/conversations/:id/messages', [MessagesController, 'store'])
          .as('conversations.messages.store')
        router
          .patch('/conversations/:id/messages/:messageId', [MessagesController, 'update'])
          .as('conversations.messages.update')
        router
          .delete('/conversations/:id/messages/:messageId', [MessagesController, 'destroy'])
          .as('conversations.messages.destroy')
        router
          .get('/conversations/:id/messages/:messageId/revisions', [
            MessagesController,
            'revisions',
          ])
          .as('conversations.messages.revisions.index')
        router
          .post('/conversations/:id/read', [MessagesController, 'read'])
          .as('conversations.read')
        router
          .post('/conversations/:id/typing', [MessagesController, 'typing'])
          .as('conversations.typing')
        router.post('/attachments', [AttachmentsController, 'store']).as('attachments.store')
        router.get('/contacts', [ContactsController, 'index']).as('contacts.index')
        router.post('/contacts/import', [ContactsController, 'import']).as('contacts.import')
        router.get('/contacts/export', [ContactsController, 'export']).as('contacts.export')
        router.post('/contacts', [ContactsController, 'store']).as('contacts.store')
        router.get('/contacts/:id', [ContactsController, 'show']).as('contacts.show')
        router.patch('/contacts/:id', [ContactsController, 'update']).as('contacts.update')
        router.delete('/contacts/:id', [ContactsController, 'destroy']).as('contacts.destroy')
        router.get('/inbox/summary', [InboxSummariesController, 'show']).as('inbox.summary.show')
        router.get('/recordings', [RecordingsController, 'index']).as('recordings.index')
        router.post('/recordings', [RecordingsController, 'store']).as('recordings.store')
        router.post('/recordings/upload', [RecordingsController, 'upload']).as('recordings.upload')
        router.get('/recordings/:id', [RecordingsController, 'show']).as('recordings.show')
        router.delete('/recordings/:id', [RecordingsController, 'destroy']).as('recordings.destroy')
        router
          .put('/recordings/:id/chunks/:n', [RecordingsController, 'chunk'])
          .as('recordings.chunks.update')
        router
          .post('/recordings/:id/complete', [RecordingsController, 'complete'])
          .as('recordings.complete')
        router
          .get('/recordings/:id/transcript', [RecordingsController, 'transcript'])
          .as('recordings.transcript.show')
        router
          .patch('/recordings/:id/transcript', [RecordingsController, 'correct'])
          .as('recordings.transcript.update')
        router.get('/presence', [PresenceController, 'index']).as('presence.index')
        router
          .get('/whatsapp/numbers', [WhatsAppNumbersController, 'index'])
          .as('whatsapp.numbers.index')
        router
          .post('/whatsapp/numbers', [WhatsAppNumbersController, 'store'])
          .as('whatsapp.numbers.store')
        router
          .get('/whatsapp/numbers/:id', [WhatsAppNumbersController, 'show'])
          .as('whatsapp.numbers.show')
        router
          .patch('/whatsapp/numbers/:id', [WhatsAppNumbersController, 'update'])
          .as('whatsapp.numbers.update')
        router
          .delete('/whatsapp/numbers/:id', [WhatsAppNumbersController, 'destroy'])
          .as('whatsapp.numbers.destroy')
        router
          .post('/whatsapp/numbers/:id/pairing-code', [WhatsAppNumbersController, 'pairingCode'])
          .as('whatsapp.numbers.pairingCode')
        router
          .post('/whatsapp/numbers/:id/reconnect', [WhatsAppNumbersController, 'reconnect'])
          .as('whatsapp.numbers.reconnect')
        router.post('/presence', [PresenceController, 'update']).as('presence.store')
        router
          .get('/canned-responses', [CannedResponsesController, 'index'])
          .as('cannedResponses.index')
        router
          .post('/canned-responses', [CannedResponsesController, 'store'])
          .as('cannedResponses.store')
        router
          .patch('/canned-responses/:id', [CannedResponsesController, 'update'])
          .as('cannedResponses.update')
        router
          .delete('/canned-responses/:id', [CannedResponsesController, 'destroy'])
          .as('cannedResponses.destroy')
        router.post('/segments/preview', [SegmentsController, 'preview']).as('segments.preview')
        router.get('/segments', [SegmentsController, 'index']).as('segments.index')
        router.post('/segments', [SegmentsController, 'store']).as('segments.store')
        router.get('/segments/:id', [SegmentsController, 'show']).as('segments.show')
        router.patch('/segments/:id', [SegmentsController, 'update']).as('segments.update')
        router.delete('/segments/:id', [SegmentsController, 'destroy']).as('segments.destroy')
        router.get('/campaigns', [CampaignsController, 'index']).as('campaigns.index')
        router.post('/campaigns', [CampaignsController, 'store']).as('campaigns.store')
        router.get('/campaigns/:id', [CampaignsController, 'show']).as('campaigns.show')
        router.patch('/campaigns/:id', [CampaignsController, 'update']).as('campaigns.update')
        router.delete('/campaigns/:id', [CampaignsController, 'destroy']).as('campaigns.destroy')
        router
          .post('/campaigns/:id/preview', [CampaignsController, 'preview'])
          .as('campaigns.preview')
        router.post('/campaigns/:id/launch', [CampaignsController, 'launch']).as('campaigns.launch')
        router.post('/campaigns/:id/pause', [CampaignsController, 'pause']).as('campaigns.pause')
        router.post('/campaigns/:id/resume', [CampaignsController, 'resume']).as('campaigns.resume')
        router.post('/campaigns/:id/cancel', [CampaignsController, 'cancel']).as('campaigns.cancel')
        router
          .post('/campaigns/:id/enrolments', [CampaignsController, 'enrol'])
          .as('campaigns.enrolments.store')
        router
          .get('/campaigns/:id/stats', [CampaignsController, 'stats'])
          .as('campaigns.stats.show')
        router
          .get('/campaigns/:id/recipients', [CampaignsController, 'recipients'])
          .as('campaigns.recipients.index')
        // Billing (<parley-billing>): owners manage, admins read.
        router.get('/billing', [BillingController, 'show']).as('billing.show')
        router.get('/billing/plans', [BillingController, 'plans']).as('billing.plans.index')
        router.post('/billing/preview', [BillingController, 'preview']).as('billing.preview')
        router
          .post('/billing/subscription', [BillingController, 'subscribe'])
          .as('billing.subscription.store')
        router
          .delete('/billing/subscription', [BillingController, 'cancel'])
          .as('billing.subscription.destroy')
        router
          .post('/billing/subscription/resume', [BillingController, 'resume'])
          .as('billing.subscription.resume')
        router
          .post('/billing/payment-method/setup', [BillingController, 'setup'])
          .as('billing.paymentMethod.setup')
        router
          .post('/billing/payment-method/checkout', [BillingController, 'checkout'])
          .as('billing.paymentMethod.checkout')
        router
          .get('/billing/invoices', [BillingController, 'invoices'])
          .as('billing.invoices.index')
        router.get('/webhooks', [WebhooksController, 'index']).as('webhooks.index')
        router.post('/webhooks', [WebhooksController, 'store']).as('webhooks.store')
        router.delete('/webhooks/:id', [WebhooksController, 'destroy']).as('webhooks.destroy')
        router
          .get('/webhooks/:id/deliveries', [WebhooksController, 'deliveries'])
          .as('webhooks.deliveries.index')
        router
          .post('/webhooks/:id/deliveries/:deliveryId/redeliver', [WebhooksController, 'redeliver'])
          .as('webhooks.deliveries.redeliver')
      })
      .use(middleware.sessionToken())
  })
  .prefix('/v1')
