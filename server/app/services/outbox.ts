import { v7 as uuidv7 } from 'uuid'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { DomainEventName, DomainEvents } from '#events/domain_events'

/**
 * Records a domain event in the transaction of the change it describes: it reaches listeners if,
 * and only if, the change commits, whatever Redis is doing at that moment. `pg_notify` is
 * delivered at commit, which wakes the relay on every instance at once (outbox_relay.ts).
 */
export async function recordEvent<Name extends DomainEventName>(
  trx: TransactionClientContract,
  name: Name,
  event: DomainEvents[Name]
) {
  const payload = { ...event, eventId: uuidv7(), occurredAt: new Date().toISOString() }
  await trx.rawQuery(
    // One round trip; no RETURNING, since the application role may add events but read none.
    `with recorded as (
       insert into outbox (tenant_id, workspace_id, name, payload) values (?, ?, ?, ?::jsonb))
     select pg_notify('${OUTBOX_CHANNEL}', '')`,
    [
      event.tenantId,
      ('workspaceId' in event && event.workspaceId) || null,
      name,
      JSON.stringify(payload),
    ] as never[]
  )
  trx.after('commit', () => outboxHooks.committed())
}

export const OUTBOX_CHANNEL = 'parley_outbox'

/** Set by the relay of this process, so a commit here is relayed without waiting for NOTIFY. */
export const outboxHooks = { committed: () => {} }
