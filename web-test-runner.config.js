import { esbuildPlugin } from '@web/dev-server-esbuild'
import { chromeLauncher } from '@web/test-runner-chrome'

/**
 * Browser tests for widgets, themes (in the browser) and the loader, in Debian's Chromium with a
 * fake microphone for the recorder. Each *.test.ts runs in its own page.
 */
export default {
  files: ['widgets/**/*.test.ts', 'embed/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  // Keyboard and focus tests need the page to have focus: one page at a time.
  concurrency: 1,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'widgets/tsconfig.json', target: 'es2022', json: true })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
        ],
      },
    }),
  ],
}
