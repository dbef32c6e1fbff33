import { BaseModel, beforeCreate } from '@adonisjs/lucid/orm'
import { v7 as uuidv7 } from 'uuid'

/** Base for every Parley model: time-ordered UUID (v7) primary keys, assigned before insert. */
export default class ParleyModel extends BaseModel {
  static selfAssignPrimaryKey = true

  declare id: string

  @beforeCreate()
  static assignId(model: ParleyModel) {
    model.id ??= uuidv7()
  }
}

/** Stores a JSON value in a jsonb column (pg would send a JS array as a Postgres array). */
export const jsonColumn = {
  prepare: (value: unknown) => JSON.stringify(value ?? {}),
}
