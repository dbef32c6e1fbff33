import type { HttpContext } from '@adonisjs/core/http'
import { runHealthChecks } from '#start/health'

/** GET /health: 200 when the database and Redis answer, 503 naming the part that does not. */
export default class HealthController {
  async show({ response }: HttpContext) {
    const report = await runHealthChecks()
    const state = (name: string) =>
      report.checks.find((check) => check.name === name)?.status === 'ok' ? 'ok' : 'down'
    const body = {
      status: report.isHealthy ? 'ok' : 'degraded',
      db: state('db'),
      redis: state('redis'),
    }
    return response.status(report.isHealthy ? 200 : 503).json(body)
  }
}
