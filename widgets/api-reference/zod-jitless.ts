/**
 * Evaluated before the renderer is imported (widgets/api-reference/main.ts). Zod compiles object parsers with
 * `new Function` unless told not to; under a CSP without 'unsafe-eval' its probe for that is itself
 * a reported violation. One shared Zod instance is bundled, so this setting reaches the renderer's.
 */
import { config } from 'zod'

config({ jitless: true })
