import { test } from '@japa/runner'
import { execFileSync } from 'node:child_process'

test.group('Imports', () => {
  test('no file imports in a circle, and no widget imports another (bin/check_cycles.ts)', ({
    assert,
  }) => {
    const out = execFileSync(
      process.execPath,
      ['--import=@poppinss/ts-exec', 'bin/check_cycles.ts'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
    )
    assert.match(out, /no cycle, no widget imports another/)
  }).timeout(30_000)
})
