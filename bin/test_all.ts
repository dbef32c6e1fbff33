/*
|--------------------------------------------------------------------------
| npm test
|--------------------------------------------------------------------------
|
| Runs every suite (Japa; Web Test Runner and end-to-end once they exist), streams their output,
| and ends with the one line CI reads: `N passed, N failed`. Exits non-zero when anything failed,
| including a suite that crashed before printing its summary.
|
*/

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { stripVTControlCharacters } from 'node:util'

interface Suite {
  name: string
  command: string[]
  /** Reads passed/failed counts from the suite's own output. */
  summary: (output: string) => { passed: number; failed: number } | null
  enabled: () => boolean
}

const stripAnsi = (text: string) => stripVTControlCharacters(text)

const japaSummary = (output: string) => {
  const match = /Tests\s+(?:(\d+) passed)?(?:,?\s*(\d+) failed)?(?:,?\s*\d+ \w+)*\s*\((\d+)\)/.exec(
    stripAnsi(output)
  )
  if (!match) return null
  return { passed: Number(match[1] ?? 0), failed: Number(match[2] ?? 0) }
}

/** Web Test Runner redraws a progress line; the last `N passed, N failed` is the final one. */
const wtrSummary = (output: string) => {
  const last = [...stripAnsi(output).matchAll(/(\d+) passed, (\d+) failed/g)].at(-1)
  if (!last) return null
  return { passed: Number(last[1]), failed: Number(last[2]) }
}

const suites: Suite[] = [
  {
    name: 'server (Japa)',
    command: ['ace.js', 'test', 'unit', 'functional'],
    summary: japaSummary,
    enabled: () => true,
  },
  {
    name: 'widgets (Web Test Runner)',
    command: ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.js'],
    summary: wtrSummary,
    enabled: () => existsSync('web-test-runner.config.js'),
  },
  {
    name: 'end-to-end (Japa + Playwright)',
    command: ['ace.js', 'test', 'e2e'],
    summary: japaSummary,
    enabled: () => existsSync('server/tests/e2e'),
  },
]

function run(suite: Suite): Promise<{ passed: number; failed: number }> {
  return new Promise((resolve) => {
    process.stdout.write(`\n=== ${suite.name} ===\n`)
    const child = spawn(process.execPath, suite.command, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    })
    let output = ''
    child.stdout.on('data', (chunk) => ((output += chunk), process.stdout.write(chunk)))
    child.stderr.on('data', (chunk) => ((output += chunk), process.stderr.write(chunk)))
    child.on('close', (code) => {
      const counts = suite.summary(output)
      if (!counts) return resolve({ passed: 0, failed: 1 })
      // A non-zero exit with no failed test still counts as a failure (a crash after the summary).
      resolve(code !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts)
    })
  })
}

let passed = 0
let failed = 0
for (const suite of suites.filter((s) => s.enabled())) {
  const result = await run(suite)
  passed += result.passed
  failed += result.failed
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
process.exitCode = failed > 0 ? 1 : 0
