import { BaseSchema } from '@adonisjs/lucid/schema'
import { isolate } from '#database/isolation'

/**
 * Billing through each reseller's own Stripe account (issue 15):
 * - `stripe_accounts`: the tenant's account, in plain what is not secret (its id, so a Connect
 *   webhook finds its tenant; the publishable key Stripe.js needs) and the meters made in it.
 *   The secret key and webhook secret of own-account mode are sealed in provider_credentials.
 * - `plans`: the tenant's plans, their prices and limits, and the Stripe objects they map to.
 * - `workspace_billing`: per workspace, its Stripe customer and the local copy of its
 *   subscription (what entitlements read: no Stripe call on a hot path).
 * - `stripe_events`: the events applied, once each.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('stripe_accounts', (table) => {
      table.uuid('tenant_id').primary().references('id').inTable('tenants').onDelete('CASCADE')
      table.string('mode', 10).notNullable()
      table.string('account_id', 100).notNullable()
      table.boolean('livemode').notNullable().defaultTo(false)
      table.string('publishable_key', 300).nullable()
      /** { "<feature>": "mtr_…" }: one Billing Meter per metered feature, made on first need. */
      table.jsonb('meters').notNullable().defaultTo('{}')
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    // One tenant per connected account: a Connect event's `account` names exactly one tenant.
    this.schema.raw(
      `CREATE UNIQUE INDEX stripe_accounts_connect ON stripe_accounts (account_id) WHERE mode = 'connect'`
    )
    this.schema.raw(isolate('stripe_accounts', 'tenant'))

    this.schema.createTable('plans', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.uuid('id').notNullable()
      table.string('name', 120).notNullable()
      table.string('description', 1000).nullable()
      /** [{ interval, amount, currency, stripePriceId }] */
      table.jsonb('prices').notNullable().defaultTo('[]')
      table.integer('trial_days').nullable()
      /** { seats?, transcriptionMinutes?, whatsappNumbers?, campaignRecipients? } */
      table.jsonb('limits').notNullable().defaultTo('{}')
      /** { "<feature>": { unitAmount, stripePriceIds: { "<interval>:<currency>": "price_…" } } } */
      table.jsonb('overage').notNullable().defaultTo('{}')
      table.boolean('public').notNullable().defaultTo(true)
      /** The price is per seat: the subscription's quantity follows the workspace's members. */
      table.boolean('per_seat').notNullable().defaultTo(false)
      table.string('stripe_product_id', 100).nullable()
      table.timestamp('archived_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'id'])
    })
    this.schema.raw(isolate('plans', 'tenant'))

    this.schema.createTable('workspace_billing', (table) => {
      table.uuid('tenant_id').notNullable()
      table.uuid('workspace_id').notNullable()
      table.string('stripe_customer_id', 100).nullable()
      table.uuid('plan_id').nullable()
      table.string('stripe_subscription_id', 100).nullable()
      /** Stripe's subscription status, or `active` for a free plan. */
      table.string('status', 30).nullable()
      table.string('interval', 10).nullable()
      table.string('currency', 3).nullable()
      table.integer('quantity').nullable()
      table.timestamp('current_period_start', { useTz: true }).nullable()
      table.timestamp('current_period_end', { useTz: true }).nullable()
      table.timestamp('cancel_at', { useTz: true }).nullable()
      table.timestamp('trial_end', { useTz: true }).nullable()
      table.string('cancel_reason', 500).nullable()
      /** A downgrade waiting for the period's end (a subscription schedule's next phase). */
      table.uuid('scheduled_plan_id').nullable()
      table.string('scheduled_interval', 10).nullable()
      /** The client secret of a payment waiting for 3-D Secure, while the subscription waits for it. */
      table.string('pending_client_secret', 300).nullable()
      /** { brand, last4, expMonth, expYear } */
      table.jsonb('payment_method').nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'workspace_id'])
      table
        .foreign(['tenant_id', 'workspace_id'])
        .references(['tenant_id', 'id'])
        .inTable('workspaces')
        .onDelete('CASCADE')
      table.index(['tenant_id', 'stripe_customer_id'])
      table.index(['tenant_id', 'stripe_subscription_id'])
    })
    this.schema.raw(isolate('workspace_billing', 'workspace'))

    this.schema.createTable('stripe_events', (table) => {
      table.uuid('tenant_id').notNullable().references('id').inTable('tenants').onDelete('CASCADE')
      table.string('event_id', 100).notNullable()
      table.string('type', 100).notNullable()
      table.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['tenant_id', 'event_id'])
    })
    this.schema.raw(isolate('stripe_events', 'tenant', ['SELECT', 'INSERT']))
  }

  async down() {
    for (const table of ['stripe_events', 'workspace_billing', 'plans', 'stripe_accounts']) {
      this.schema.dropTable(table)
    }
  }
}
