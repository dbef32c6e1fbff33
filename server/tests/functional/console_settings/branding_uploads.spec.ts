import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { test } from '@japa/runner'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync } from 'node:zlib'
import env from '#start/env'
import { baseUrl, makeTenant, ORIGIN, png, until, visit } from '#tests/helpers'
import { startDnsServer } from '#tests/doubles/dns_server'
import { targetHost } from '#services/domains/hostnames'
import { uploadTempDir } from '#services/uploads'
import { Browser, makeConsoleUser } from '../console/browser.js'

/**
 * A 1×1 lossless WebP: the RIFF container (its size field = the file's length − 8), a VP8L
 * chunk with a 14-bit width and height of 1 and one green pixel.
 */
const webp = () =>
  Buffer.from('524946461a000000574542505650384c0d0000002f0000001007101111888' + '8fe0700', 'hex')

/** A UIntBase128 (WOFF2's variable-length integers), as the table directory stores lengths. */
function base128(value: number) {
  const bytes = [value & 0x7f]
  for (let v = value >>> 7; v > 0; v >>>= 7) bytes.unshift((v & 0x7f) | 0x80)
  return Buffer.from(bytes)
}

/**
 * A WOFF2 file as the format lays it out: the 48-byte header (signature, TrueType flavour, the
 * file's length, one table), the table directory ('name', known-tag 5, null transform) and the
 * Brotli-compressed table data. The server checks the container; fonts' tables are the browser's
 * sanitiser's business.
 */
function woff2() {
  const table = Buffer.from('\0\0\0\0\0\0Parley test font, a name table and nothing more')
  const data = brotliCompressSync(table)
  const directory = Buffer.concat([Buffer.from([5]), base128(table.length)])
  const header = Buffer.alloc(48)
  const length = header.length + directory.length + data.length
  const padded = length + ((4 - (length % 4)) % 4)
  header.write('wOF2', 0, 'latin1')
  header.writeUInt32BE(0x00010000, 4)
  header.writeUInt32BE(padded, 8)
  header.writeUInt16BE(1, 12)
  header.writeUInt32BE(12 + 16 + table.length, 16) // the sfnt it decodes to
  header.writeUInt32BE(data.length, 20)
  header.writeUInt16BE(1, 24)
  return Buffer.concat([header, directory, data, Buffer.alloc(padded - length)])
}

const upload = (client: any, kind: 'logo' | 'font', key: string, bytes: Buffer, name: string) =>
  visit(client, `branding.${kind}.store`).bearerToken(key).file('file', bytes, { filename: name })

/** The asset's path on whatever host answers (the URL's origin is PUBLIC_URL's). */
const pathOf = (url: string) => new URL(url).pathname

/** A multipart upload from a signed-in console browser (cookie, CSRF header). */
async function consoleUpload(browser: Browser, kind: 'logo' | 'font', bytes: Buffer) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)]), 'logo.png')
  const response = await fetch(`${baseUrl()}/v1/branding/${kind}`, {
    method: 'POST',
    body: form,
    headers: {
      'accept': 'application/json',
      'cookie': [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-xsrf-token': browser.cookies.get('XSRF-TOKEN') ?? '',
    },
  })
  return { status: response.status, body: await response.json() }
}

test.group('Branding uploads', (group) => {
  // A temp directory of this group's own, so that "nothing left behind" is about these uploads.
  let tempDir: string
  group.each.setup(async () => {
    const before = env.get('UPLOAD_TMP_DIR')
    tempDir = await mkdtemp(join(tmpdir(), 'branding-uploads-test-'))
    env.set('UPLOAD_TMP_DIR', tempDir)
    return async () => {
      env.set('UPLOAD_TMP_DIR', before as string)
      if (before === undefined) delete process.env.UPLOAD_TMP_DIR
      await rm(tempDir, { recursive: true, force: true })
    }
  })
  const assertNoTempFile = async (assert: any) => {
    const leftovers = async () => readdir(uploadTempDir()).catch(() => [])
    await until(async () => (await leftovers()).length === 0, 'no temp files', 3000).catch(() => {})
    assert.deepEqual(await leftovers(), [])
  }

  test('a PNG, a WebP and a WOFF2 are stored and served back byte for byte, cacheable and loadable from any origin', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant('Acme')
    for (const [kind, bytes, name, type] of [
      ['logo', png(4), 'logo.png', 'image/png'],
      ['logo', webp(), 'logo.webp', 'image/webp'],
      ['font', woff2(), 'brand.woff2', 'font/woff2'],
    ] as const) {
      const response = await upload(client, kind, tenant.secretKey, bytes, name)
      response.assertStatus(201)
      const url: string = response.body()[`${kind}Url`]
      assert.match(
        pathOf(url),
        new RegExp(
          `^/v1/branding-assets/${tenant.tenant.id}/${kind}-[0-9a-f]{32}\\.${name.split('.')[1]}$`
        )
      )
      const served = await client.get(pathOf(url)).header('origin', 'https://any-host.test')
      served.assertStatus(200)
      assert.equal(served.header('content-type'), type)
      assert.equal(served.header('cache-control'), 'public, max-age=31536000, immutable')
      assert.equal(served.header('x-content-type-options'), 'nosniff')
      assert.equal(served.header('access-control-allow-origin'), '*')
      assert.equal(served.header('cross-origin-resource-policy'), 'cross-origin')
      const raw = await fetch(baseUrl() + pathOf(url))
      assert.deepEqual(Buffer.from(await raw.arrayBuffer()), bytes)
      // Revalidation by the hash in the name.
      const again = await fetch(baseUrl() + pathOf(url), {
        headers: { 'if-none-match': raw.headers.get('etag')! },
      })
      assert.equal(again.status, 304)
    }
    const branding = (await visit(client, 'branding.show').bearerToken(tenant.secretKey)).body()
    assert.match(branding.logoUrl, /logo-[0-9a-f]{32}\.webp$/)
    assert.match(branding.fontUrl, /font-[0-9a-f]{32}\.woff2$/)
    const config = await visit(client, 'embed.config')
      .qs({ key: tenant.publishableKey })
      .header('origin', ORIGIN)
    assert.equal(config.body().tenant.logoUrl, branding.logoUrl)
    assert.equal(config.body().tenant.fontUrl, branding.fontUrl)
    const log = (await visit(client, 'auditEvents.index').bearerToken(tenant.secretKey)).body()
    const uploads = log.data.filter((e: any) => e.action === 'tenant.branding_uploaded')
    assert.lengthOf(uploads, 3)
    await assertNoTempFile(assert)
  })

  test('types are read from the bytes: a .png that is text, a borrowed signature, a font as a logo are 422 naming the field', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const text = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    const signatureOnly = Buffer.concat([png().subarray(0, 8), Buffer.from('just text after it')])
    const truncated = png(8).subarray(0, -12)
    for (const [kind, bytes, name] of [
      ['logo', text, 'logo.png'],
      ['logo', Buffer.from('hello, I am plain text'), 'logo.png'],
      ['logo', signatureOnly, 'logo.png'],
      ['logo', truncated, 'logo.png'],
      ['logo', woff2(), 'logo.png'],
      ['font', png(), 'font.woff2'],
      ['font', woff2().subarray(0, 60), 'font.woff2'],
      ['logo', Buffer.alloc(0), 'empty.png'],
    ] as const) {
      const response = await upload(client, kind, tenant.secretKey, bytes, name)
      assert.equal(response.status(), 422, `${kind} ${bytes.subarray(0, 12).toString('hex')}`)
      assert.equal(response.body().error.code, 'VALIDATION_ERROR')
      assert.equal(response.body().error.details[0].field, 'file')
    }
    const svg = await upload(client, 'logo', tenant.secretKey, text, 'logo.png')
    assert.match(svg.body().error.details[0].message, /PNG, JPEG or WebP/)
    // Nothing sent as the file at all.
    const none = await visit(client, 'branding.logo.store')
      .bearerToken(tenant.secretKey)
      .field('name', 'x')
    none.assertStatus(422)
    assert.equal(none.body().error.details[0].field, 'file')
    ;(await visit(client, 'branding.show').bearerToken(tenant.secretKey)).assertBodyContains({
      logoUrl: null,
      fontUrl: null,
    })
    await assertNoTempFile(assert)
  })

  test('a logo larger than 2048 pixels on a side is 422 naming its size; 2048 is accepted', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    // Compressed, both are a few kilobytes: the byte limit alone would let the larger through.
    const large = png(2049)
    assert.isBelow(large.length, 512 * 1024)
    const refused = await upload(client, 'logo', tenant.secretKey, large, 'logo.png')
    assert.equal(refused.status(), 422)
    assert.equal(refused.body().error.details[0].field, 'file')
    assert.match(
      refused.body().error.details[0].message,
      /at most 2048×2048 pixels \(this one is 2049×2049\)/
    )
    const accepted = await upload(client, 'logo', tenant.secretKey, png(2048), 'logo.png')
    assert.equal(accepted.status(), 201, JSON.stringify(accepted.body()))
    await assertNoTempFile(assert)
  })

  test('a file over its limit is 413 in the error shape (512 KB logo, 1 MB font), and leaves nothing behind', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const big = Buffer.concat([png(), Buffer.alloc(513 * 1024)])
    const logo = await upload(client, 'logo', tenant.secretKey, big, 'logo.png')
    logo.assertStatus(413)
    assert.equal(logo.body().error.code, 'PAYLOAD_TOO_LARGE')
    assert.deepEqual(logo.body().error.details, [
      { field: 'file', message: 'The file must be at most 512 KB' },
    ])
    const font = await upload(
      client,
      'font',
      tenant.secretKey,
      Buffer.concat([woff2(), Buffer.alloc(1024 * 1024)]),
      'font.woff2'
    )
    font.assertStatus(413)
    assert.match(font.body().error.message, /at most 1 MB/)
    assert.isNull(
      (await visit(client, 'branding.show').bearerToken(tenant.secretKey)).body().logoUrl
    )
    await assertNoTempFile(assert)
  })

  test('an upload whose change is rolled back leaves no file behind; the one in use stays', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const kept = (await upload(client, 'logo', tenant.secretKey, png(4), 'a.png')).body().logoUrl
    const fileOf = (bytes: Buffer) =>
      `/v1/branding-assets/${tenant.tenant.id}/logo-${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.png`
    // A fault after the file is stored: the audit row of this tenant's next upload cannot be written.
    const constraint = `no_upload_${tenant.tenant.id.replaceAll('-', '')}`
    await db.connection('operator').rawQuery(
      `alter table audit_events add constraint ${constraint}
         check (tenant_id <> '${tenant.tenant.id}' or action <> 'tenant.branding_uploaded') not valid`
    )
    try {
      const failed = await upload(client, 'logo', tenant.secretKey, png(5), 'b.png')
      assert.equal(failed.status(), 500)
      await until(async () => (await client.get(fileOf(png(5)))).status() === 404, 'file removed')
    } finally {
      await db
        .connection('operator')
        .rawQuery(`alter table audit_events drop constraint ${constraint}`)
    }
    // The logo in use is untouched.
    ;(await client.get(pathOf(kept))).assertStatus(200)
    ;(await visit(client, 'branding.show').bearerToken(tenant.secretKey)).assertBodyContains({
      logoUrl: kept,
    })
  })

  test('replacing or clearing a logo deletes the old file; the same bytes again keep it', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const first = (await upload(client, 'logo', tenant.secretKey, png(2), 'a.png')).body().logoUrl
    ;(await client.get(pathOf(first))).assertStatus(200)
    const same = (await upload(client, 'logo', tenant.secretKey, png(2), 'b.png')).body().logoUrl
    assert.equal(same, first)
    ;(await client.get(pathOf(first))).assertStatus(200)

    const second = (await upload(client, 'logo', tenant.secretKey, png(3), 'c.png')).body().logoUrl
    assert.notEqual(second, first)
    ;(await client.get(pathOf(second))).assertStatus(200)
    await until(async () => (await client.get(pathOf(first))).status() === 404, 'old logo gone')

    // A font beside it is untouched when the logo goes; a URL elsewhere replaces a file too.
    const font = (await upload(client, 'font', tenant.secretKey, woff2(), 'f.woff2')).body().fontUrl
    const cleared = await visit(client, 'branding.update')
      .bearerToken(tenant.secretKey)
      .json({ logoUrl: null })
    cleared.assertStatus(200)
    await until(async () => (await client.get(pathOf(second))).status() === 404, 'logo gone')
    ;(await client.get(pathOf(font))).assertStatus(200)
    await visit(client, 'branding.update')
      .bearerToken(tenant.secretKey)
      .json({ fontUrl: 'https://cdn.acme.test/brand.woff2' })
    await until(async () => (await client.get(pathOf(font))).status() === 404, 'font gone')

    // A stored file's URL can only be set by uploading it.
    const reuse = await visit(client, 'branding.update')
      .bearerToken(tenant.secretKey)
      .json({ logoUrl: first })
    reuse.assertStatus(422)
    assert.equal(reuse.body().error.details[0].field, 'logoUrl')
  })

  test("another tenant's files are out of reach of this tenant's credentials; the public URL is public by design", async ({
    client,
    assert,
  }) => {
    const one = await makeTenant('One')
    const two = await makeTenant('Two')
    const url = (await upload(client, 'logo', one.secretKey, png(5), 'a.png')).body().logoUrl
    const file = pathOf(url).split('/').pop()!
    // Under the other tenant's id, the same name is nothing.
    ;(await visit(client, 'brandingAssets.show', { tenantId: two.tenant.id, file })).assertStatus(
      404
    )
    ;(await visit(client, 'branding.show').bearerToken(two.secretKey)).assertBodyContains({
      logoUrl: null,
    })
    // Two uploads the same bytes: its own copy, which it may replace and clear without
    // touching One's.
    const theirs = (await upload(client, 'logo', two.secretKey, png(5), 'a.png')).body().logoUrl
    assert.include(theirs, `/${two.tenant.id}/`)
    await visit(client, 'branding.update').bearerToken(two.secretKey).json({ logoUrl: null })
    await until(async () => (await client.get(pathOf(theirs))).status() === 404, 'their copy gone')
    ;(await client.get(pathOf(url))).assertStatus(200)
    // Malformed names and ids.
    for (const path of [
      `/v1/branding-assets/${one.tenant.id}/..%2F..%2Fx.png`,
      `/v1/branding-assets/${one.tenant.id}/logo.png`,
      `/v1/branding-assets/not-a-uuid/${file}`,
    ])
      assert.equal((await client.get(path)).status(), 404, path)
    // The public URL needs no credential, from any origin.
    ;(await client.get(pathOf(url)).header('origin', 'https://elsewhere.test')).assertStatus(200)
  })

  test('console roles: support is refused (403), a developer uploads', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const support = await makeConsoleUser(tenant.tenant.id, { role: 'support' })
    const developer = await makeConsoleUser(tenant.tenant.id, { role: 'developer' })
    const asSupport = new Browser()
    await asSupport.signIn(support.email, support.password)
    const asDeveloper = new Browser()
    await asDeveloper.signIn(developer.email, developer.password)

    const refused = await consoleUpload(asSupport, 'logo', png())
    assert.equal(refused.status, 403)
    assert.equal(refused.body.error.code, 'AUTHORIZATION_ERROR')
    const done = await consoleUpload(asDeveloper, 'logo', png())
    assert.equal(done.status, 201)
    assert.match(done.body.logoUrl, /logo-[0-9a-f]{32}\.png$/)
    ;(await upload(client, 'logo', 'sk_nope', png(), 'a.png')).assertStatus(401)
    await assertNoTempFile(assert)
  })

  test('through a verified custom domain, the embed config names the logo and font there, and they are served there', async ({
    client,
    assert,
  }) => {
    const dns = await startDnsServer()
    const before = env.get('DNS_SERVERS')
    env.set('DNS_SERVERS', dns.address)
    try {
      const tenant = await makeTenant()
      const hostname = `widgets-brand-${Date.now()}.acme.test`
      const domain = (
        await visit(client, 'domains.store').bearerToken(tenant.secretKey).json({ hostname })
      ).body()
      dns.txt.set(`_parley.${hostname}`, [domain.verification.value])
      dns.cname.set(hostname, targetHost())
      ;(
        await visit(client, 'domains.verify', { id: domain.id }).bearerToken(tenant.secretKey)
      ).assertStatus(200)

      const bytes = png(6)
      const url = (await upload(client, 'logo', tenant.secretKey, bytes, 'a.png')).body().logoUrl
      const font = (await upload(client, 'font', tenant.secretKey, woff2(), 'f.woff2')).body()
        .fontUrl
      const config = (host?: string) => {
        const request = visit(client, 'embed.config')
          .qs({ key: tenant.publishableKey })
          .header('origin', ORIGIN)
        return host ? request.header('host', host) : request
      }
      const viaDomain = (await config(hostname)).body().tenant
      assert.equal(viaDomain.logoUrl, `http://${hostname}${pathOf(url)}`)
      assert.equal(viaDomain.fontUrl, `http://${hostname}${pathOf(font)}`)
      // Asked through PUBLIC_URL (or an unverified name), the stored URL as it is.
      assert.equal((await config()).body().tenant.logoUrl, url)
      assert.equal((await config('unverified.acme.test')).body().tenant.logoUrl, url)

      const served = await fetch(baseUrl() + pathOf(url), { headers: { host: hostname } })
      assert.equal(served.status, 200)
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes)
    } finally {
      env.set('DNS_SERVERS', before ?? '')
      await dns.close()
    }
  })
})
