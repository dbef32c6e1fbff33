import { test } from '@japa/runner'
import { appRoleProblems } from '#services/database_role'

test.group('Database role check at start', () => {
  test('finds nothing wrong with the application role', async ({ assert }) => {
    assert.deepEqual(await appRoleProblems('app'), [])
  })

  test('refuses the operator role, which owns the tables', async ({ assert }) => {
    const problems = await appRoleProblems('operator')
    assert.isAbove(problems.length, 0)
    assert.isTrue(problems.some((p) => p.includes('owns') || p.includes('SUPERUSER')))
  })
})
