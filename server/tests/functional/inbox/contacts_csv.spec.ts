import { test } from '@japa/runner'
import { baseUrl, makeTenant, mintSession, visit } from '#tests/helpers'

const post = (token: string, csv: string, type = 'text/csv') =>
  fetch(`${baseUrl()}/v1/contacts/import`, {
    method: 'POST',
    headers: { 'authorization': `Bearer ${token}`, 'content-type': type },
    body: csv,
  })

test.group('Contacts CSV import and export', () => {
  test('imports good rows, updates known contacts, and reports each bad row by line', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const agent = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'a' })
    await visit(client, 'contacts.store')
      .bearerToken(agent.token)
      .json({ name: 'Old Name', phone: '+5511987650001' })
    const csv = [
      'Name,Phone,Email,Tags,Plan',
      'Dora Alves,+55 11 98765-0001,dora@x.test,vip;br,pro',
      'Ethan Brooks,+1 415 555 0123,,lead,',
      'Nobody,12345,,,',
      ',,not-an-email,,',
      '"Smith, Jane",,jane@x.test,,enterprise',
    ].join('\n')
    const response = await post(agent.token, csv)
    assert.equal(response.status, 200)
    const report = (await response.json()) as any
    assert.equal(report.created, 2)
    assert.equal(report.updated, 1)
    assert.deepEqual(
      report.errors.map((e: any) => [e.row, e.field]),
      [
        [4, 'phone'],
        [5, 'email'],
      ]
    )
    const dora = (
      await visit(client, 'contacts.index').qs({ q: 'dora' }).bearerToken(agent.token)
    ).body().data[0]
    assert.include(dora, { name: 'Dora Alves', phone: '+5511987650001', email: 'dora@x.test' })
    assert.deepEqual(dora.tags, ['vip', 'br'])
    assert.deepEqual(dora.attributes, { plan: 'pro' })
    const jane = (
      await visit(client, 'contacts.index').qs({ q: 'jane' }).bearerToken(agent.token)
    ).body().data[0]
    assert.equal(jane.name, 'Smith, Jane')
  })

  test('exports every contact as CSV with formula cells neutralised', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const agent = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'a' })
    await visit(client, 'contacts.store')
      .bearerToken(agent.token)
      .json({ name: '=HYPERLINK("http://evil.test")', email: 'e@x.test', tags: ['a', 'b'] })
    await visit(client, 'contacts.store')
      .bearerToken(agent.token)
      .json({ name: 'Plain, Name', phone: '+14155550100' })
    const response = await fetch(`${baseUrl()}/v1/contacts/export`, {
      headers: { authorization: `Bearer ${agent.token}` },
    })
    assert.equal(response.headers.get('content-type'), 'text/csv; charset=utf-8')
    const lines = (await response.text()).trim().split('\r\n')
    assert.equal(lines[0], 'name,phone,email,tags,blocked,attributes,created_at')
    assert.lengthOf(lines, 3)
    assert.isTrue(
      lines[1].startsWith(`"'=HYPERLINK(""http://evil.test"")",,e@x.test,a;b,false,{},`)
    )
    assert.isTrue(lines[2].startsWith('"Plain, Name",+14155550100,,,false,{},'))
  })

  test('refuses empty, oversized, malformed and non-CSV imports, viewers, and other workspaces see none of it', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const agent = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'a' })
    const viewer = await mintSession(client, tenant.secretKey, {
      workspace: 'acme',
      user: 'v',
      role: 'viewer',
    })
    const neighbour = await mintSession(client, tenant.secretKey, { workspace: 'other', user: 'a' })
    assert.equal((await post(agent.token, '')).status, 422)
    assert.equal((await post(agent.token, 'name\n"unclosed')).status, 422)
    assert.equal((await post(agent.token, 'name,phone\nA,+14155550100', 'text/plain')).status, 415)
    const tooMany = ['name', ...Array.from({ length: 5001 }, (_, i) => `n${i}`)].join('\n')
    assert.equal((await post(agent.token, tooMany)).status, 422)
    assert.equal((await post(viewer.token, 'name\nA')).status, 403)
    assert.equal((await post(agent.token, 'name\nOnly mine')).status, 200)
    const theirs = await fetch(`${baseUrl()}/v1/contacts/export`, {
      headers: { authorization: `Bearer ${neighbour.token}` },
    })
    assert.notInclude(await theirs.text(), 'Only mine')
  })
})
