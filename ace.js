/*
|--------------------------------------------------------------------------
| JavaScript entrypoint for running ace commands
|--------------------------------------------------------------------------
|
| Registers the TypeScript hook (ts-exec) and boots bin/console.ts.
|
*/

import '@poppinss/ts-exec'

await import('./bin/console.js')
