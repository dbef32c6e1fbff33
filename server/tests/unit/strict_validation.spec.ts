import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import { unknownFields } from '#validators/strict'

const validator = vine.create(
  vine.object({
    a: vine.string().optional(),
    nested: vine.object({ b: vine.number() }).optional(),
    list: vine.array(vine.object({ c: vine.string() })).optional(),
  })
)
const schema = (validator.toJSON() as any).schema.schema

test.group('Unknown field detection', () => {
  test('reports unknown fields at any depth with their path', ({ assert }) => {
    const found = unknownFields(schema, {
      a: 'x',
      z: 1,
      nested: { b: 1, y: 2 },
      list: [{ c: 'ok' }, { c: 'ok', w: 3 }],
    })
    assert.deepEqual(
      found.map((d) => d.field),
      ['z', 'nested.y', 'list.1.w']
    )
  })

  test('accepts known fields, including ones set to null', ({ assert }) => {
    assert.deepEqual(unknownFields(schema, { a: null, nested: { b: 1 }, list: [] }), [])
  })
})
