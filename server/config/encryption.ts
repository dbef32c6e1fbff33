import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/encryption'

/** Used for provider secrets at rest; APP_KEY rotation adds a key in front of the old one. */
export default defineConfig({
  default: 'gcm',
  list: {
    gcm: drivers.aes256gcm({ id: 'gcm', keys: [env.get('APP_KEY')] }),
  },
})
