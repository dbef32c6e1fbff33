import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { preparedRows } from '#services/prepared_statements'
import { assertServedHere } from '#services/domains/served_here'

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
  // Prepared once per connection: every request's transaction starts with it.
  await preparedRows(
    trx,
    `select set_config('parley.tenant_id', $1, true), set_config('parley.workspace_id', $2, true),
            set_config('max_parallel_workers_per_gather', '0', true)`,
    [scope.tenantId, scope.workspaceId ?? '']
  )
}

const ROLLBACK = Symbol('rollback')

/**
 * `withTenant` around the rest of a request (the tenancy middlewares). AdonisJS answers an error
 * thrown further down the chain before `next()` returns, so `next()` resolves and a plain
 * `withTenant` would commit whatever the failed request wrote before it threw (a member added,
 * then refused with 402). Here the transaction commits only when the answer is not an error.
 */
export async function withTenantRequest<T>(
  ctx: HttpContext,
  scope: Scope,
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  assertServedHere(ctx, scope.tenantId)
  let result: T
  try {
    return await withTenant(scope, async (trx) => {
      result = await work(trx)
      if (ctx.response.getStatus() >= 400) throw ROLLBACK
      return result
    })
  } catch (error) {
    if (error === ROLLBACK) return result!
    throw error
  }
}
