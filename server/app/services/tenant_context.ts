import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** Who a piece of work runs for: the database sees only this tenant's (and workspace's) rows. */
export interface Scope {
  tenantId: string
  workspaceId?: string | null
}

/**
 * Runs `work` in a transaction of the application role whose RLS settings name the scope.
 * `set_config(…, true)` is transaction-local: the pooled connection forgets the tenant at commit
 * or rollback, so the next transaction on it starts with no tenant and sees nothing.
 */
export async function withTenant<T>(
  scope: Scope,
  work: (trx: TransactionClientContract) => Promise<T>,
  connection = 'app'
): Promise<T> {
  return db.connection(connection).transaction(async (trx) => {
    await setScope(trx, scope)
    return work(trx)
  })
}

/** Narrows (or widens) the scope of an open transaction, e.g. once a workspace is known. */
export async function setScope(trx: TransactionClientContract, scope: Scope) {
  // In the same round trip: no parallel workers for these short transactions. Under concurrent
  // load a parallel scan takes three cores for one request (docs/operations.md, benchmarks).
  await trx.rawQuery(
    `select set_config('parley.tenant_id', ?, true), set_config('parley.workspace_id', ?, true),
            set_config('max_parallel_workers_per_gather', '0', true)`,
    [scope.tenantId, scope.workspaceId ?? '']
  )
}
