import { test } from '@japa/runner'
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http'
import { mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import drive from '@adonisjs/drive/services/main'
import env from '#start/env'
import { makeTenant, mintSession, png, until, visit } from '#tests/helpers'
import { sweepTempFiles, uploadTempDir } from '#services/uploads'

const MB = 1024 * 1024
const BOUNDARY = 'parley-test-boundary'

interface Sent {
  status: number | null
  body: any
  /** Body bytes written when the answer arrived. */
  sentAtAnswer: number | null
  /** Body bytes the client managed to write in all. */
  sent: number
  /** Whether the whole body went out (the server read it, or buffers held it). */
  finished: boolean
  answerMs: number | null
}

/**
 * Sends a body of `total` bytes (after `head`, before `tail`) through node:http, 64 kB at a
 * time as the socket takes them, chunked unless a Content-Length is given. It keeps writing
 * after the answer, as a careless client would, to see whether the server keeps reading.
 */
function send(
  method: string,
  path: string,
  headers: OutgoingHttpHeaders,
  {
    head = Buffer.alloc(0),
    total,
    tail = Buffer.alloc(0),
  }: { head?: Buffer; total: number; tail?: Buffer },
  { abortAfter }: { abortAfter?: number } = {}
): Promise<Sent> {
  return new Promise((resolve) => {
    const started = performance.now()
    const result: Sent = {
      status: null,
      body: null,
      sentAtAnswer: null,
      sent: 0,
      finished: false,
      answerMs: null,
    }
    let done = false
    const finish = () => {
      if (done) return
      done = true
      clearTimeout(timer)
      resolve(result)
    }
    // A server that keeps reading would take the whole body: give it time to show that.
    const timer = setTimeout(() => {
      req.destroy()
      finish()
    }, 30_000)
    const req = httpRequest({
      host: process.env.HOST,
      port: Number(process.env.PORT),
      method,
      path,
      headers,
    })
    req.on('response', (res) => {
      result.status = res.statusCode ?? null
      result.sentAtAnswer = result.sent
      result.answerMs = performance.now() - started
      const parts: Buffer[] = []
      res.on('data', (d) => parts.push(d))
      res.on('end', () => {
        const text = Buffer.concat(parts).toString()
        try {
          result.body = JSON.parse(text)
        } catch {
          result.body = text
        }
      })
    })
    req.on('error', () => finish())
    req.on('close', () => setTimeout(finish, 50))
    const chunk = Buffer.alloc(64 * 1024, 'a')
    const write = (bytes: Buffer) =>
      new Promise<boolean>((ok) => {
        if (req.destroyed) return ok(false)
        if (req.write(bytes)) return ok(true)
        const drained = () => {
          req.off('close', closed)
          ok(true)
        }
        const closed = () => {
          req.off('drain', drained)
          ok(false)
        }
        req.once('drain', drained)
        req.once('close', closed)
      })
    void (async () => {
      if (!(await write(head))) return
      while (result.sent < total) {
        if (abortAfter !== undefined && result.sent >= abortAfter) {
          req.destroy()
          return
        }
        const piece = chunk.subarray(0, Math.min(chunk.length, total - result.sent))
        if (!(await write(piece))) return
        result.sent += piece.length
      }
      if (!(await write(tail))) return
      result.finished = true
      req.end()
    })()
  })
}

const multipartHead = (filename = 'big.txt', field = 'file') =>
  Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: text/plain\r\n\r\n`
  )
const multipartTail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`)
const multipartType = { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` }

/** What is in the upload temp directory now. */
const leftovers = async () => (await readdir(uploadTempDir()).catch(() => [])).sort()

/** Temporary files go when the response closes, just after the client has its answer. */
async function assertNoTempFile(assert: any) {
  await until(async () => (await leftovers()).length === 0, 'the temp dir to be empty', 3000).catch(
    () => {}
  )
  assert.deepEqual(await leftovers(), [])
}

async function setup(client: any) {
  const tenant = await makeTenant()
  const agent = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'ana',
    role: 'agent',
  })
  const viewer = await mintSession(client, tenant.secretKey, {
    workspace: 'acme',
    user: 'vic',
    role: 'viewer',
  })
  return { tenant, agent, viewer }
}

test.group('Uploads: bounded, read after authorisation, cleaned', (group) => {
  // These tests read the temp directory as a whole: start it empty (a crash test before them,
  // recordings/worker_restart, leaves its killed worker's scratch folder, as a crash would).
  group.setup(() => rm(uploadTempDir(), { recursive: true, force: true }))
  // A 1 MB limit for attachments while these run, so a 50 MB body is fifty times over it.
  group.each.setup(() => {
    const attachments = env.get('ATTACHMENT_MAX_MB')
    const recordings = env.get('RECORDING_MAX_MB')
    env.set('ATTACHMENT_MAX_MB', 1)
    return () => {
      env.set('ATTACHMENT_MAX_MB', attachments)
      env.set('RECORDING_MAX_MB', recordings)
    }
  })

  test('a chunked multipart body over the limit gets 413 while it is still being sent, and the connection closes', async ({
    client,
    assert,
  }) => {
    const { agent } = await setup(client)
    const sent = await send(
      'POST',
      '/v1/attachments',
      { ...multipartType, Authorization: `Bearer ${agent.token}` },
      { head: multipartHead(), total: 50 * MB, tail: multipartTail }
    )
    assert.equal(sent.status, 413)
    assert.equal(sent.body.error.code, 'PAYLOAD_TOO_LARGE')
    assert.equal(sent.body.error.details[0].field, 'file')
    // Answered after about the limit (socket buffers hold a few MB more), not the 50 MB; and
    // the rest was never taken.
    assert.isBelow(sent.sentAtAnswer!, 20 * MB)
    assert.isFalse(sent.finished)
    assert.isBelow(sent.sent, 25 * MB)
    console.log(
      `  chunked 50 MB, 1 MB limit: 413 after ${(sent.sentAtAnswer! / MB).toFixed(1)} MB sent, ` +
        `${sent.answerMs!.toFixed(0)} ms; the client could write ${(sent.sent / MB).toFixed(1)} MB before the connection closed`
    )
    await assertNoTempFile(assert)
  }).timeout(60_000)

  test('a declared Content-Length over the limit gets 413 before a byte of the body is read', async ({
    client,
    assert,
  }) => {
    const { agent } = await setup(client)
    const total = 50 * MB
    const head = multipartHead()
    const sent = await send(
      'POST',
      '/v1/attachments',
      {
        ...multipartType,
        'Authorization': `Bearer ${agent.token}`,
        'Content-Length': head.length + total + multipartTail.length,
      },
      { head, total, tail: multipartTail }
    )
    assert.equal(sent.status, 413)
    assert.isBelow(sent.sentAtAnswer!, 20 * MB)
    assert.isFalse(sent.finished)
    await assertNoTempFile(assert)
  }).timeout(60_000)

  test('a multipart body with no boundary in it is bounded too', async ({ client, assert }) => {
    const { agent } = await setup(client)
    const sent = await send(
      'POST',
      '/v1/attachments',
      { ...multipartType, Authorization: `Bearer ${agent.token}` },
      { total: 50 * MB }
    )
    assert.equal(sent.status, 413)
    assert.isFalse(sent.finished)
    await assertNoTempFile(assert)
  }).timeout(60_000)

  test('raw bodies over their limit get 413 quickly: a chunked CSV import and a recording chunk', async ({
    client,
    assert,
  }) => {
    const { agent } = await setup(client)
    const csv = await send(
      'POST',
      '/v1/contacts/import',
      { 'Content-Type': 'text/csv', 'Authorization': `Bearer ${agent.token}` },
      { head: Buffer.from('name\n'), total: 50 * MB }
    )
    assert.equal(csv.status, 413)
    assert.equal(csv.body.error.code, 'PAYLOAD_TOO_LARGE')
    assert.isBelow(csv.sentAtAnswer!, 20 * MB)
    assert.isFalse(csv.finished)

    env.set('RECORDING_MAX_MB', 1)
    const recording = await visit(client, 'recordings.store')
      .bearerToken(agent.token)
      .json({ title: 'x', mimeType: 'audio/webm' })
    const chunk = await send(
      'PUT',
      `/v1/recordings/${recording.body().id}/chunks/0`,
      { 'Content-Type': 'application/octet-stream', 'Authorization': `Bearer ${agent.token}` },
      { total: 50 * MB }
    )
    assert.equal(chunk.status, 413)
    assert.isBelow(chunk.sentAtAnswer!, 20 * MB)
    assert.isFalse(chunk.finished)
    await assertNoTempFile(assert)
  }).timeout(60_000)

  test('an upload refused by role (or without a token) is answered before its body is read, and leaves no temp file', async ({
    client,
    assert,
  }) => {
    const { viewer } = await setup(client)
    for (const authorization of [`Bearer ${viewer.token}`, undefined]) {
      const sent = await send(
        'POST',
        '/v1/attachments',
        { ...multipartType, ...(authorization ? { Authorization: authorization } : {}) },
        { head: multipartHead(), total: 50 * MB, tail: multipartTail }
      )
      assert.equal(sent.status, authorization ? 403 : 401)
      assert.isBelow(sent.sentAtAnswer!, 20 * MB)
      assert.isFalse(sent.finished)
    }
    // Small enough to arrive whole: still refused, still nothing written.
    const small = await visit(client, 'attachments.store')
      .bearerToken(viewer.token)
      .file('file', png(), { filename: 'a.png' })
    small.assertStatus(403)
    const csv = await send(
      'POST',
      '/v1/contacts/import',
      { 'Content-Type': 'text/csv', 'Authorization': `Bearer ${viewer.token}` },
      { head: Buffer.from('name\n'), total: 50 * MB }
    )
    assert.equal(csv.status, 403)
    assert.isFalse(csv.finished)
    await assertNoTempFile(assert)
  }).timeout(60_000)

  test('no temporary file is left on success, 422, 5xx or a client that gives up', async ({
    client,
    assert,
  }) => {
    const { agent } = await setup(client)
    const ok = await visit(client, 'attachments.store')
      .bearerToken(agent.token)
      .file('file', png(), { filename: 'a.png' })
    ok.assertStatus(201)
    await assertNoTempFile(assert)

    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0')])
    exe.writeUInt32LE(64, 60)
    const refused = await visit(client, 'attachments.store')
      .bearerToken(agent.token)
      .file('file', Buffer.concat([exe, Buffer.alloc(512)]), { filename: 'x.exe' })
    refused.assertStatus(422)
    await assertNoTempFile(assert)

    // The disk fails while the upload is stored.
    const disk = drive.use()
    const putStream = disk.putStream
    disk.putStream = async () => {
      throw new Error('disk full')
    }
    try {
      const failed = await visit(client, 'attachments.store')
        .bearerToken(agent.token)
        .file('file', png(), { filename: 'a.png' })
      failed.assertStatus(500)
    } finally {
      disk.putStream = putStream
    }
    await assertNoTempFile(assert)

    // A client that stops half-way through a file under the limit.
    const gaveUp = await send(
      'POST',
      '/v1/attachments',
      { ...multipartType, Authorization: `Bearer ${agent.token}` },
      { head: multipartHead(), total: 900 * 1024, tail: multipartTail },
      { abortAfter: 512 * 1024 }
    )
    assert.isNull(gaveUp.status)
    await assertNoTempFile(assert)
  }).timeout(60_000)

  test("a recording's chunks are capped in total by RECORDING_MAX_MB; a replaced chunk counts once", async ({
    client,
    assert,
  }) => {
    const { agent } = await setup(client)
    env.set('RECORDING_MAX_MB', 1)
    const id = (
      await visit(client, 'recordings.store')
        .bearerToken(agent.token)
        .json({ title: 'Long', mimeType: 'audio/webm' })
    ).body().id
    const put = (n: number, bytes: number, chunked = false) =>
      send(
        'PUT',
        `/v1/recordings/${id}/chunks/${n}`,
        {
          'Content-Type': 'application/octet-stream',
          'Authorization': `Bearer ${agent.token}`,
          ...(chunked ? {} : { 'Content-Length': bytes }),
        },
        { total: bytes }
      )
    assert.equal((await put(0, 600 * 1024)).status, 204)
    const over = await put(1, 600 * 1024)
    assert.equal(over.status, 413)
    assert.equal(over.body.error.code, 'PAYLOAD_TOO_LARGE')
    assert.match(over.body.error.message, /exceed 1 MB/)
    const overChunked = await put(1, 600 * 1024, true)
    assert.equal(overChunked.status, 413)
    // Chunk 0 again replaces itself: still 600 kB stored, so 424 kB more fit exactly.
    assert.equal((await put(0, 600 * 1024, true)).status, 204)
    assert.equal((await put(1, 1024 * 1024 - 600 * 1024, true)).status, 204)
    assert.equal((await put(2, 1)).status, 413)
    await assertNoTempFile(assert)
  }).timeout(60_000)

  test('the sweep removes old leftovers of ours, keeps fresh ones and files of others', async ({
    assert,
  }) => {
    const dir = uploadTempDir()
    await mkdir(join(dir, 'parley-prepare-old'), { recursive: true })
    const old = (Date.now() - 2 * 3600_000) / 1000
    const files = {
      oldFile: join(dir, 'parley-upload-old'),
      oldInDir: join(dir, 'parley-prepare-old', 'normalized.mp3'),
      fresh: join(dir, 'parley-upload-fresh'),
      foreign: join(dir, 'someone-else'),
    }
    for (const path of Object.values(files)) await writeFile(path, 'x')
    for (const path of [
      files.oldFile,
      files.oldInDir,
      join(dir, 'parley-prepare-old'),
      files.foreign,
    ])
      await utimes(path, old, old)
    // A directory with an old file but one written to just now is at work: kept.
    await mkdir(join(dir, 'parley-piece-busy'))
    await writeFile(join(dir, 'parley-piece-busy', 'old.mp3'), 'x')
    await utimes(join(dir, 'parley-piece-busy', 'old.mp3'), old, old)
    await writeFile(join(dir, 'parley-piece-busy', 'now.mp3'), 'x')

    assert.equal(await sweepTempFiles(), 2)
    assert.deepEqual(await leftovers(), [
      'parley-piece-busy',
      'parley-upload-fresh',
      'someone-else',
    ])
    assert.equal(await sweepTempFiles(), 0)
    // Everything is old an hour from now, except what is not ours.
    assert.equal(await sweepTempFiles(3600_000, Date.now() + 2 * 3600_000), 2)
    assert.deepEqual(await leftovers(), ['someone-else'])
    await rm(files.foreign)
  })
})
