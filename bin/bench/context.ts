import type { spawn } from 'node:child_process'
import type autocannon from 'autocannon'
import type { startDemoHost } from '../../embed/demo-host/server.js'

/** What every part of `npm run bench` gets from bin/bench.ts: the server under test and helpers. */
export interface BenchContext {
  root: URL
  /** The environment the server runs with (production mode, the bench's database and Redis). */
  env: NodeJS.ProcessEnv
  /** Runs `node ace …` against the bench's database. */
  ace: (...args: string[]) => string
  /** The server under test. */
  base: string
  /** The measured tenant, and another tenant's noise. */
  tenant: { tenantId: string; secretKey: string; publishableKey: string }
  noise: { tenantId: string; secretKey: string; publishableKey: string }
  /** A session of the measured workspace. */
  session: { token: string; tenantId: string; workspaceId: string }
  mint: (
    secretKey: string,
    workspace: string,
    user: string
  ) => Promise<{ token: string; tenantId: string; workspaceId: string }>
  /** autocannon at 50 connections for `seconds`. */
  cannon: (opts: autocannon.Options) => Promise<autocannon.Result>
  say: (line: string) => void
  seconds: number
  /** Printed at the end, one row each. */
  results: [string, string][]
  startDemo: () => Promise<{
    demo: Awaited<ReturnType<typeof startDemoHost>>
    demoOrigin: string
  }>
  /** Processes to stop at the end. */
  children: ReturnType<typeof spawn>[]
  adminUrl: string
  appUrl: string
  ORIGIN: string
}
