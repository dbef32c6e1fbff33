import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/shield'

/**
 * Shield runs only on the cookie-authenticated console and admin routes (never on the public API,
 * whose bearer tokens need no CSRF protection). CSRF follows the convention API.md names: the
 * readable `XSRF-TOKEN` cookie echoed in an `X-XSRF-TOKEN` header on every unsafe request.
 */
export default defineConfig({
  csrf: {
    enabled: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
    enableXsrfCookie: true,
    cookieOptions: { path: '/', sameSite: 'strict', secure: app.inProduction },
  },
  xFrame: { enabled: true, action: 'DENY' },
  contentTypeSniffing: { enabled: true },
  hsts: { enabled: false },
  csp: { enabled: false },
})
