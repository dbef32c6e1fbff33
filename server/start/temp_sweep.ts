/*
|--------------------------------------------------------------------------
| Temporary files at start
|--------------------------------------------------------------------------
|
| What a crashed server left in the upload temp directory is removed when the next one starts
| (in the background: starting does not wait for it). Workers do the same in queue:work, and
| hourly through the sweep-temp-files job.
|
*/

import logger from '@adonisjs/core/services/logger'
import { sweepTempFiles } from '#services/uploads'

void sweepTempFiles()
  .then((removed) => {
    if (removed) logger.info({ removed }, 'swept temporary files left by a crash')
  })
  .catch((error) => logger.warn({ err: error }, 'could not sweep temporary files'))
