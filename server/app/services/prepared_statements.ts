import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Named prepared statements on the connection of a request's transaction, for the hot paths
 * (inbox pages, the session check). PostgreSQL parses a statement once per pooled connection and,
 * after a few runs, keeps a generic plan: the list's plan took 4–12 ms of planning under load,
 * its execution about as much (docs/operations.md, "Performance"). Rows come back as `pg` gives
 * them, without the query builder or model hydration in between. Row-level security is unchanged:
 * the statement runs in the same transaction, as the same role, with the same settings.
 */

/** A statement's name, derived from its text: one name per distinct SQL, whatever the values. */
const names = new Map<string, string>()
function nameOf(text: string) {
  let name = names.get(text)
  if (!name) {
    name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    names.set(text, name)
  }
  return name
}

/** `?` placeholders (as the query builder writes them) to pg's `$1`, `$2`…, as knex numbers them. */
export function numbered(sql: string) {
  let n = 0
  return sql.replace(/(\\*)\?/g, (_, escapes: string) => (escapes.length % 2 ? '?' : `$${++n}`))
}

interface PgConnection {
  query(config: {
    name: string
    text: string
    values: unknown[]
  }): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>
}

/** The `pg` client a Lucid transaction holds (knex keeps it for the transaction's life). */
async function connectionOf(trx: TransactionClientContract): Promise<PgConnection> {
  if (trx.isCompleted) throw new Error('The transaction is already complete')
  const knexTrx = trx.knexClient as unknown as {
    client: { acquireConnection(): Promise<PgConnection> }
  }
  return knexTrx.client.acquireConnection()
}

/**
 * Runs `text` (with `$n` placeholders) as a named prepared statement in the transaction and
 * returns its rows. Only for statements whose text is fixed by the code (values are always
 * bound), so the number of names stays small.
 */
export async function preparedRows<Row>(
  trx: TransactionClientContract,
  text: string,
  values: unknown[]
): Promise<Row[]> {
  const connection = await connectionOf(trx)
  const result = await connection.query({ name: nameOf(text), text, values })
  return result.rows as Row[]
}
