import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import HttpExceptionHandler from '#exceptions/handler'
import { baseUrl, makeTenant, mintSession, png, visit } from '#tests/helpers'

const NUL = 'Ana\u0000'
const LONE = 'Ana\uD800'

const problemFields = (body: any) =>
  (body.error.details as { field: string }[]).map((d) => d.field).sort()

test.group('One input boundary: NUL bytes and unpaired surrogates', () => {
  test('answers 422 naming each field of a JSON body, at any depth', async ({ client, assert }) => {
    const tenant = await makeTenant()
    for (const bad of [NUL, LONE, '\uDC00x']) {
      const response = await visit(client, 'sessions.store')
        .bearerToken(tenant.secretKey)
        .json({
          workspace: { id: 'acme', name: 'Acme' },
          user: { id: 'u_1', name: bad, email: 'ana@acme.test', role: 'owner' },
        })
      response.assertStatus(422)
      assert.equal(response.body().error.code, 'VALIDATION_ERROR')
      assert.deepEqual(problemFields(response.body()), ['user.name'])
    }
    // A surrogate pair (an emoji) is well-formed text and passes.
    ;(
      await visit(client, 'sessions.store')
        .bearerToken(tenant.secretKey)
        .json({
          workspace: { id: 'acme', name: 'Acme 🚀' },
          user: { id: 'u_1', name: 'Ana 🚀', email: 'ana@acme.test', role: 'owner' },
        })
    ).assertStatus(201)
  })

  test('a message body with an unpaired surrogate is refused, not stored', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey)
    const created = await visit(client, 'conversations.store')
      .bearerToken(ana.token)
      .json({ channel: 'internal', body: 'hello' })
    created.assertStatus(201)
    const id = created.body().id
    const refused = await visit(client, 'conversations.messages.store', { id })
      .bearerToken(ana.token)
      .json({ body: LONE, type: 'text' })
    refused.assertStatus(422)
    assert.deepEqual(problemFields(refused.body()), ['body'])
    const messages = await visit(client, 'conversations.messages.index', { id }).bearerToken(
      ana.token
    )
    assert.notInclude(JSON.stringify(messages.body()), 'Ana')

    // Field names count too (free-form attributes reach a jsonb column).
    const contact = await visit(client, 'contacts.store')
      .bearerToken(ana.token)
      .json({ name: 'Eva', attributes: { 'pl\u0000an': 'pro', 'tags': ['ok', NUL] } })
    contact.assertStatus(422)
    assert.deepEqual(problemFields(contact.body()), ['attributes.pl\\u0000an', 'attributes.tags.1'])
  })

  test('answers 422 for the query string and route parameters', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey)
    const query = await fetch(`${baseUrl()}/v1/contacts?q=a%00b`, {
      headers: { authorization: `Bearer ${ana.token}` },
    })
    assert.equal(query.status, 422)
    assert.deepEqual(problemFields(await query.json()), ['q'])
    const param = await fetch(`${baseUrl()}/v1/contacts/a%00b`, {
      headers: { authorization: `Bearer ${ana.token}` },
    })
    assert.equal(param.status, 422)
    assert.deepEqual(problemFields(await param.json()), ['id'])
  })

  test('answers 422 for multipart field values and file names', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey)
    const name = await visit(client, 'attachments.store')
      .bearerToken(ana.token)
      .file('file', png(), { filename: 'a\u0000.png', contentType: 'image/png' })
    name.assertStatus(422)
    assert.deepEqual(problemFields(name.body()), ['file'])
    const field = await visit(client, 'recordings.upload')
      .bearerToken(ana.token)
      .field('title', NUL)
      .file('file', png(), { filename: 'a.png', contentType: 'image/png' })
    field.assertStatus(422)
    assert.deepEqual(problemFields(field.body()), ['title'])
  })

  test('answers 422 for a CSV cell, naming its line and column, and imports nothing', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey)
    const response = await fetch(`${baseUrl()}/v1/contacts/import`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${ana.token}`, 'content-type': 'text/csv' },
      body: 'name,email,plan\nDora,dora@x.test,pro\nEva\u0000,eva@x.test,pro\n',
    })
    assert.equal(response.status, 422)
    assert.deepEqual(problemFields(await response.json()), ['csv.3.name'])
    const contacts = await visit(client, 'contacts.index').bearerToken(ana.token)
    assert.lengthOf(contacts.body().data, 0)
  })
})

test.group('Malformed paths', () => {
  test('a bad percent-escape answers 400 in the error shape with X-Request-Id', async ({
    assert,
  }) => {
    for (const path of ['/v1/conversations/%E0%A4%A', '/v1/%C0%80', '/v1/contacts?q=%E0%A4%A']) {
      const response = await fetch(`${baseUrl()}${path}`)
      const requestId = response.headers.get('x-request-id')
      assert.match(requestId ?? '', /^[0-9a-f-]{36}$/, path)
      if (path.includes('?')) {
        // A bad escape in the query string is only a bad value: the route still answers.
        assert.notEqual(response.status, 400, path)
        continue
      }
      assert.equal(response.status, 400, path)
      assert.include(response.headers.get('content-type') ?? '', 'application/json')
      const body = (await response.json()) as any
      assert.equal(body.error.code, 'BAD_REQUEST')
      assert.equal(body.error.requestId, requestId)
    }
  })
})

test.group('Conflicts', () => {
  test('two of the host’s users with the same email each get a web chat session of their own', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const ana = await mintSession(client, tenant.secretKey, { workspace: 'acme' })
    const mint = (contact: Record<string, string>) =>
      visit(client, 'chat.sessions.store')
        .bearerToken(tenant.secretKey)
        .json({ workspace: { id: 'acme' }, contact })
    const first = await mint({ id: 'user-1', name: 'Eva', email: 'team@x.test' })
    first.assertStatus(201)
    const second = await mint({ id: 'user-2', name: 'Leo', email: 'Team@x.test' })
    second.assertStatus(201)
    assert.notEqual(second.body().contactId, first.body().contactId)
    // Each comes back to its own contact; the second keeps the shared address as an attribute.
    const again = await mint({ id: 'user-2', email: 'team@x.test' })
    assert.equal(again.body().contactId, second.body().contactId)
    const leo = await visit(client, 'contacts.show', { id: second.body().contactId }).bearerToken(
      ana.token
    )
    assert.equal(leo.body().email, null)
    assert.equal(leo.body().attributes.email, 'team@x.test')
    const eva = await visit(client, 'contacts.show', { id: first.body().contactId }).bearerToken(
      ana.token
    )
    assert.equal(eva.body().email, 'team@x.test')

    // A user whose email changes to one an agent already gave another contact keeps its own.
    await visit(client, 'contacts.store')
      .bearerToken(ana.token)
      .json({ name: 'Known', email: 'k@x.test' })
    const moved = await mint({ id: 'user-1', email: 'k@x.test' })
    moved.assertStatus(201)
    assert.equal(moved.body().contactId, first.body().contactId)
  })

  test('concurrent first sessions of one user link to one contact', async ({ client, assert }) => {
    const tenant = await makeTenant()
    await mintSession(client, tenant.secretKey, { workspace: 'acme' })
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        visit(client, 'chat.sessions.store')
          .bearerToken(tenant.secretKey)
          .json({ workspace: { id: 'acme' }, contact: { id: 'same-user', email: 's@x.test' } })
      )
    )
    for (const response of responses) response.assertStatus(201)
    assert.lengthOf(new Set(responses.map((r) => r.body().contactId)), 1)
  })

  test('any other unique or foreign-key violation answers 409 CONFLICT, never 500', async ({
    assert,
  }) => {
    const handler = new HttpExceptionHandler()
    for (const code of ['23505', '23503']) {
      const ctx = await testUtils.createHttpContext()
      const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
        code,
        constraint: 'contacts_email_unique',
      })
      await handler.handle(error, ctx)
      assert.equal(ctx.response.getStatus(), 409, code)
      const body = ctx.response.getBody() as any
      assert.equal(body.error.code, 'CONFLICT')
      assert.notInclude(JSON.stringify(body), 'contacts_email_unique')
    }
  })
})

test.group('Rate limit headers', () => {
  test('limited responses carry X-RateLimit-Limit, -Remaining and -Reset; 429 adds Retry-After', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const limit = Number(process.env.RATE_LIMIT_SESSIONS_PER_MINUTE)
    let last
    for (let i = 0; i <= limit; i++) {
      last = await visit(client, 'sessions.store')
        .bearerToken(tenant.secretKey)
        .json({
          workspace: { id: 'acme', name: 'Acme' },
          user: { id: 'u_1', name: 'Ana', role: 'owner' },
        })
      if (i === 0) {
        last.assertStatus(201)
        assert.equal(last.header('x-ratelimit-limit'), String(limit))
        assert.equal(last.header('x-ratelimit-remaining'), String(limit - 1))
        const reset = Date.parse(last.header('x-ratelimit-reset') ?? '')
        assert.isAbove(reset, Date.now())
        assert.isBelow(reset, Date.now() + 61_000)
        assert.isUndefined(last.header('retry-after'))
      }
    }
    last!.assertStatus(429)
    assert.equal(last!.header('x-ratelimit-limit'), String(limit))
    assert.equal(last!.header('x-ratelimit-remaining'), '0')
    assert.isAbove(Date.parse(last!.header('x-ratelimit-reset') ?? ''), Date.now())
    assert.isAbove(Number(last!.header('retry-after')), 0)
    assert.equal(last!.body().error.code, 'RATE_LIMITED')
  })
})
