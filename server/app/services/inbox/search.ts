import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { numbered, preparedRows } from '#services/prepared_statements'

/**
 * Full-text search of the conversation list (its messages and its contact), fast for common and
 * rare words under row-level security (issue 17; migration 0037, docs/operations.md
 * "Performance").
 *
 * A common word is found by walking the newest conversations: most of them match, so a page comes
 * quickly. A rare word is found through the GIN indexes, which RLS keeps from the app role's own
 * queries; `inbox_search_hits` reads them as its own role, for the transaction's tenant and
 * workspace only, and answers ids that the list then reads under RLS as usual.
 */

/** A piece of SQL with `?` placeholders and their values (as page_sql.ts builds them). */
interface Sql {
  text: string
  values: unknown[]
}

/** Conversations walked before asking the indexes: a common word fills a page well within it. */
const WINDOW = 100
/** Hits beyond which a word counts as common (a walk then finds a page faster than a list). */
const HITS_CAP = 2000

/** What inbox_search_hits answers: every hit, or `complete` false when there were too many. */
interface Hits {
  conversation_ids: string[]
  conversations_complete: boolean
  contact_ids: string[]
  contacts_complete: boolean
}

const byMessage = `exists (select 1 from messages where messages.tenant_id = conversations.tenant_id
  and messages.conversation_id = conversations.id and messages.search @@ plainto_tsquery('simple', ?))`
const byContact = `exists (select 1 from contacts where contacts.tenant_id = conversations.tenant_id
  and contacts.id = conversations.contact_id and contacts.search @@ plainto_tsquery('simple', ?))`

/**
 * SQL selecting the ids of a set of conversations that holds the newest `page` of those matching
 * `words`, for the list's page query to order and cut. `filteredIds(limit, extra)` selects the
 * workspace's conversations that pass the list's filters and cursor (and `extra`), newest first.
 */
export async function searchedIds(
  trx: TransactionClientContract,
  words: string,
  filteredIds: (limit: number, extra?: Sql) => Sql,
  page: number
): Promise<Sql> {
  // The newest conversations first: when they hold a page of matches, that page is the answer.
  const size = Math.max(WINDOW, page * 2)
  const window = filteredIds(size)
  const walk = filteredIds(page, {
    text: `conversations.id in (${window.text}) and (${byMessage} or ${byContact})`,
    values: [...window.values, words, words],
  })
  // Prepared (the text depends only on which filters are present), as the page statement is.
  const [{ ids, seen }] = await preparedRows<{ ids: string[]; seen: number }>(
    trx,
    numbered(
      `select array(${walk.text}) as ids, (select count(*) from (${window.text}) w)::int as seen`
    ),
    [...walk.values, ...window.values]
  )
  const found = { text: 'select unnest(?::uuid[])', values: [ids] }
  if (ids.length >= page || seen < size) return found

  // Fewer than a page among them: the word is rare here, or the filters are narrow. Each half
  // reads the ids the index listed, or walks all the way when it listed too many to be worth it.
  const [hits] = await preparedRows<Hits>(
    trx,
    'select * from inbox_search_hits($1::text, $2::integer)',
    [words, HITS_CAP]
  )
  const half = (complete: boolean, listedIds: string[], column: string, match: string) =>
    !complete
      ? [filteredIds(page, { text: match, values: [words] })]
      : listedIds.length
        ? [
            filteredIds(page, {
              text: `conversations.${column} = any(?::uuid[])`,
              values: [listedIds],
            }),
          ]
        : []
  const halves = [
    ...half(hits.conversations_complete, hits.conversation_ids, 'id', byMessage),
    ...half(hits.contacts_complete, hits.contact_ids, 'contact_id', byContact),
  ]
  if (!halves.length) return { text: 'select null::uuid where false', values: [] }
  return {
    text: halves.map((h) => `(${h.text})`).join(' union all '),
    values: halves.flatMap((h) => h.values),
  }
}
