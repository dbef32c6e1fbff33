import { BaseModel, beforeCreate } from '@adonisjs/lucid/orm'
import type { LucidModel, ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { v7 as uuidv7 } from 'uuid'
import { ApiError } from '#exceptions/api_error'
import { UUID_PATTERN } from '#validators/rules'

/** Where a query runs: the request's (or job's) transaction and the tenant and workspace it serves. */
export interface ModelScope {
  trx: TransactionClientContract
  tenantId: string
  workspaceId?: string
}

/**
 * Base for every Parley model: time-ordered UUID (v7) primary keys, assigned before insert, and
 * one way to query a tenant's rows. Row-level security already confines the transaction to its
 * tenant and workspace; naming them again here is the application's half of "isolation, twice".
 */
export default class ParleyModel extends BaseModel {
  static selfAssignPrimaryKey = true
  /** Whether rows belong to a workspace (most) or to the tenant as a whole. */
  static scopedBy: 'tenant' | 'workspace' = 'workspace'

  declare id: string

  @beforeCreate()
  static assignId(model: ParleyModel) {
    model.id ??= uuidv7()
  }

  /** This model's rows in the scope's tenant (and workspace), in its transaction. */
  static scoped<T extends LucidModel & typeof ParleyModel>(
    this: T,
    scope: ModelScope
  ): ModelQueryBuilderContract<T, InstanceType<T>> {
    const query = this.query({ client: scope.trx }).where(`${this.table}.tenant_id`, scope.tenantId)
    if (this.scopedBy === 'workspace' && scope.workspaceId) {
      query.where(`${this.table}.workspace_id`, scope.workspaceId)
    }
    return query
  }

  /**
   * One of the scope's rows by id, or 404 NOT_FOUND naming `what`: an id that is malformed,
   * unknown or another tenant's or workspace's is answered the same, revealing nothing.
   */
  static async findScoped<T extends LucidModel & typeof ParleyModel>(
    this: T,
    scope: ModelScope,
    id: string,
    what: string
  ): Promise<InstanceType<T>> {
    const found = UUID_PATTERN.test(id) ? await this.scoped(scope).where('id', id).first() : null
    if (!found) throw ApiError.notFound(what)
    return found
  }
}

/** Stores a JSON value in a jsonb column (pg would send a JS array as a Postgres array). */
export const jsonColumn = {
  prepare: (value: unknown) => JSON.stringify(value ?? {}),
}
