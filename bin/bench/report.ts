import { mkdir, readFile, writeFile } from 'node:fs/promises'

export interface PartResult {
  part: string
  seconds: number
  rows: [string, string][]
  error?: string
}

/**
 * The bench's JSON report, bench-results/<date>.json: one run per `npm run bench`, appended to
 * the day's file (a day may hold several runs, each with its machine) and rewritten after every
 * part, so figures survive a later crash.
 */
export async function openReport(root: URL, header: Record<string, unknown>) {
  const directory = new URL('bench-results/', root)
  await mkdir(directory, { recursive: true })
  const startedAt = new Date().toISOString()
  const file = new URL(`${startedAt.slice(0, 10)}.json`, directory)
  let runs: unknown[] = []
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8'))
    if (Array.isArray(parsed.runs)) runs = parsed.runs
  } catch {
    runs = []
  }
  const run = { startedAt, ...header, parts: [] as PartResult[] }
  runs.push(run)
  const save = () => writeFile(file, JSON.stringify({ runs }, null, 2) + '\n')
  await save()
  return {
    path: file.pathname,
    async add(result: PartResult) {
      run.parts.push(result)
      await save()
    },
  }
}
