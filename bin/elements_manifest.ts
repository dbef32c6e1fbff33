import { execFileSync } from 'node:child_process'

/**
 * Writes custom-elements.json at the root (@custom-elements-manifest/analyzer, --litelement):
 * the elements' API from their JSDoc, for the build, Storybook's controls and docs, and lint.
 */
export function writeElementsManifest() {
  execFileSync(
    process.execPath,
    [
      'node_modules/@custom-elements-manifest/analyzer/cem.js',
      'analyze',
      '--config',
      'custom-elements-manifest.config.mjs',
      '--quiet',
    ],
    { cwd: new URL('../', import.meta.url).pathname, stdio: 'inherit' }
  )
}
