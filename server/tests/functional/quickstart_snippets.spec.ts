import { test } from '@japa/runner'
import { baseUrl, makeTenant } from '#tests/helpers'
import { snippet } from '#tests/doc_snippets'
import { freePort, snippetFolder, startSnippet } from '#tests/snippet_process'

/*
 * docs/quickstart.md's backends, run as written: each is copied with the page's index.html and
 * app.js into a folder, started against this test server with a fresh tenant's secret key, and
 * asked for a session the way the page asks. The token must be a real one (GET /v1/me answers
 * for the quick start's user), and a wrong key must not produce one.
 */

const DOC = 'docs/quickstart.md'

const backends = [
  { name: 'Node', file: 'server.mjs', command: process.execPath },
  { name: 'Python', file: 'server.py', command: 'python3' },
]

async function runBackend(backend: (typeof backends)[number], secretKey: string) {
  const folder = snippetFolder({
    [backend.file]: snippet(DOC, backend.file),
    'index.html': snippet(DOC, 'index.html'),
    'app.js': snippet(DOC, 'app.js'),
  })
  const port = await freePort()
  const server = startSnippet(backend.command, [backend.file], {
    cwd: folder.dir,
    env: { PARLEY_URL: baseUrl(), PARLEY_SECRET_KEY: secretKey, PORT: String(port) },
    ready: /Listening on http:\/\/localhost:\d+/,
  })
  await server.started
  return {
    url: `http://127.0.0.1:${port}`,
    output: server.output,
    stop: () => {
      server.stop()
      folder.cleanup()
    },
  }
}

test.group('docs/quickstart.md backends', () => {
  for (const backend of backends) {
    test(`${backend.name} mints a session the page can use, and serves the page`, async ({
      assert,
      cleanup,
    }) => {
      const tenant = await makeTenant('Quick start')
      const server = await runBackend(backend, tenant.secretKey)
      cleanup(server.stop)

      const response = await fetch(`${server.url}/parley-session`, { method: 'POST' })
      assert.equal(response.status, 200, server.output())
      const body = (await response.json()) as { token: string; expiresAt: string }
      assert.match(body.token, /^v1\./)
      assert.isAbove(new Date(body.expiresAt).getTime(), Date.now())

      const me = await fetch(`${baseUrl()}/v1/me`, {
        headers: { Authorization: `Bearer ${body.token}` },
      })
      assert.equal(me.status, 200)
      const who = (await me.json()) as any
      assert.equal(who.tenant.id, tenant.tenant.id)
      assert.equal(who.workspace.externalId, 'acme-co')
      assert.equal(who.member.externalId, 'u_17')

      const page = await fetch(`${server.url}/`)
      assert.equal(page.status, 200)
      assert.include(await page.text(), '<parley-launcher widget="inbox"')
      const script = await fetch(`${server.url}/app.js`)
      assert.include(await script.text(), "fetch('/parley-session', { method: 'POST' })")
      const source = await fetch(`${server.url}/${backend.file}`)
      assert.equal(source.status, 404, 'the server does not serve its own source')
    })

    test(`${backend.name} gets no token with a wrong secret key`, async ({ assert, cleanup }) => {
      const tenant = await makeTenant('Quick start')
      const wrongKey = tenant.secretKey.slice(0, -4) + 'AAAA'
      const server = await runBackend(backend, wrongKey)
      cleanup(server.stop)

      const response = await fetch(`${server.url}/parley-session`, { method: 'POST' })
      assert.notEqual(response.status, 200)
      assert.notInclude(await response.text(), 'v1.')
    })
  }
})
