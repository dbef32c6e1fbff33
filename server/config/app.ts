import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/core/http'
import proxyaddr from 'proxy-addr'

/** Public URL of this server: what embed snippets, realtime URLs and docs point at. */
export const publicUrl = env.get('PUBLIC_URL') ?? `http://localhost:${env.get('PORT')}`

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: true,
  // X-Forwarded-For counts only from TRUSTED_PROXIES (none by default): otherwise any client
  // could name its own address and step around the per-address rate limits.
  trustProxy: proxyaddr.compile(env.get('TRUSTED_PROXIES')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
})
