import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { checkResponsesAgainstContract } from '#tests/contract_responses'

export const plugins: Config['plugins'] = [assert(), apiClient(), pluginAdonisJS(app)]

// Every API client response of a /v1 route is checked against GET /v1/openapi.json's schemas.
checkResponsesAgainstContract()

/** Migrations run as the operator role (the owner); every request then runs as the app role. */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      await testUtils.db('operator').migrate()
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
