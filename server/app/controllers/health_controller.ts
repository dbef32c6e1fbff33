import type { HttpContext } from '@adonisjs/core/http'
import { probes } from '#services/health_probes'

async function probe(check: () => Promise<unknown>, timeoutMs = 2000): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      check(),
      new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs))
      ),
    ])
    return 'ok'
  } catch {
    return 'down'
  } finally {
    clearTimeout(timer)
  }
}

/** GET /health: 200 when the database and Redis answer, 503 naming the part that does not. */
export default class HealthController {
  async show({ response }: HttpContext) {
    const [database, cache] = await Promise.all([probe(probes.db), probe(probes.redis)])
    const healthy = database === 'ok' && cache === 'ok'
    const body = { status: healthy ? 'ok' : 'degraded', db: database, redis: cache }
    return response.status(healthy ? 200 : 503).json(body)
  }
}
