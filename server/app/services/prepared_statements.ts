import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LucidModel } from '@adonisjs/lucid/types/model'

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
/** Bumped when PostgreSQL refuses a prepared statement whose columns changed under it. */
let generation = 0
function nameOf(text: string) {
  let name = names.get(text)
  if (!name) {
    name = `p${generation}_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    names.set(text, name)
  }
  return name
}

/**
 * The columns of a model's table as the model declares them (`conversations.id, …`), to select
 * in a prepared statement and make the model from: never `*`, since a column added by a
 * migration while the server runs would change the statement's result, which PostgreSQL refuses.
 */
export function columnsOf(model: LucidModel) {
  return [...model.$columnsDefinitions.values()]
    .map((column) => `${model.table}.${column.columnName}`)
    .join(', ')
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
  try {
    const result = await connection.query({ name: nameOf(text), text, values })
    return result.rows as Row[]
  } catch (error) {
    // "cached plan must not change result type": a table changed under a statement prepared on
    // this connection. This transaction is lost; later ones prepare again under new names.
    if ((error as { code?: string }).code === '0A000') {
      generation++
      names.clear()
    }
    throw error
  }
}
