import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { issueSessionToken, issueVisitorToken } from '#services/session_tokens'
import { baseUrl, makeTenant, mintSession, ORIGIN } from '#tests/helpers'

/**
 * A fuzz suite generated from the route table: every route the router knows (a route added
 * later is fuzzed without editing this file) gets missing, wrong, tampered and expired
 * credentials and malformed paths and query strings; every route that takes a body gets
 * malformed JSON, wrong types, unknown fields, NUL bytes and unpaired surrogates in each string
 * (and key), 1 MB strings, 10,000 levels of nesting, wrong content types, oversized and chunked
 * bodies. Whatever the route does with them, it must answer below 500, in the contract's error
 * shape on a 4xx, with X-Request-Id, and leave no temporary upload file behind.
 */

type Auth = 'none' | 'secret' | 'publishable' | 'member' | 'visitor' | 'both'
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

interface FuzzRoute {
  name: string
  method: string
  pattern: string
  auth: Auth
  throttled: boolean
}

interface Case {
  label: string
  path: string
  headers?: Record<string, string>
  body?: Buffer
  /** Sent with Transfer-Encoding: chunked, in pieces of this many bytes. */
  chunked?: number
  /** A credentials case: must be refused with 401 or 403. */
  refused?: boolean
}

interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const REQUEST_ID = /^[0-9a-f-]{36}$/

/** Every route and method of the router, with the credentials its middleware asks for. */
function routeTable(): FuzzRoute[] {
  return Object.values(router.toJSON())
    .flat()
    .flatMap((route) => {
      const middleware = [...route.middleware.all()] as any[]
      const named = (name: string) => middleware.find((m) => m.name === name)
      const session = named('sessionToken')
      const accept = session?.args?.accept ?? 'members'
      const auth: Auth = named('secretKey')
        ? 'secret'
        : named('publishableKey')
          ? 'publishable'
          : session
            ? ({ members: 'member', visitors: 'visitor', both: 'both' } as const)[
                accept as 'members'
              ]
            : 'none'
      const throttled = middleware.some((m) => typeof m === 'function' && /Throttle$/.test(m.name))
      return route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({
          name: route.name ?? route.pattern,
          method,
          pattern: route.pattern,
          auth,
          throttled,
        }))
    })
}

/**
 * Bodies close to valid for the routes that exist today, so mutations reach past the first
 * check. A route missing here still gets every generic case, and a body made of the fields its
 * 422 names.
 */
const SEEDS: Record<string, (ids: Fixture['ids']) => Json> = {
  'sessions.store': () => ({
    workspace: { id: 'acme', name: 'Acme' },
    user: { id: 'u_fuzz', name: 'Ana', email: 'ana@acme.test', role: 'agent' },
    widgets: ['inbox'],
    ttlSeconds: 900,
  }),
  'sessionPolicy.update': () => ({ maxTtlSeconds: 900, widgets: ['inbox'] }),
  'workspaces.update': () => ({
    name: 'Acme',
    webChat: { enabled: true },
    transcriptionMinutesQuota: 10,
  }),
  'chat.sessions.store': () => ({
    workspace: { id: 'acme' },
    contact: { id: 'user-1', name: 'Eva', email: 'eva@x.test' },
    ttlSeconds: 600,
  }),
  'theme.update': () => ({ tokens: { 'color-primary': '#2f5bd3' } }),
  'providers.openai.update': () => ({
    apiKey: 'sk-test',
    baseUrl: 'http://127.0.0.1:1/v1',
    transcriptionModel: 'whisper-1',
  }),
  'chat.visitors.store': () => ({ workspace: 'acme', name: 'Eva', email: 'eva@x.test' }),
  'chat.conversations.store': () => ({
    subject: 'Hello',
    body: 'Hi there',
    attachmentIds: [randomUUID()],
  }),
  'chat.conversations.messages.store': () => ({
    body: 'Hi',
    attachmentIds: [],
    idempotencyKey: 'k1',
  }),
  'chat.conversations.read': (ids) => ({ upTo: ids.chatMessage }),
  'realtime.subscribe': () => ({ uid: 'u1', channel: 'tenants/x/workspaces/y/inbox' }),
  'realtime.unsubscribe': () => ({ uid: 'u1', channel: 'tenants/x/workspaces/y/inbox' }),
  'realtime.ticket': () => ({ stream: 'inbox' }),
  'conversations.store': () => ({
    contact: { name: 'Dora', email: 'dora@x.test', phone: '+14155550100' },
    channel: 'web',
    subject: 'Subject',
    body: 'Body',
  }),
  'conversations.bulk': (ids) => ({
    ids: [ids.conversation],
    status: 'resolved',
    assigneeId: null,
    addTags: ['a'],
    removeTags: ['b'],
  }),
  'conversations.update': (ids) => ({
    status: 'pending',
    priority: 'high',
    assigneeId: ids.member,
    tags: ['vip'],
    snoozedUntil: null,
  }),
  'conversations.messages.store': (ids) => ({
    body: 'Hello',
    type: 'note',
    idempotencyKey: 'k1',
    mentions: [ids.member],
    attachmentIds: [],
  }),
  'conversations.messages.update': () => ({ body: 'Edited' }),
  'conversations.read': (ids) => ({ upTo: ids.message }),
  'contacts.store': () => ({
    name: 'Nina',
    phone: '+14155550101',
    email: 'nina@x.test',
    tags: ['a'],
    attributes: { plan: 'pro' },
    blocked: false,
  }),
  'contacts.update': () => ({ name: 'Nina B', tags: ['b'], attributes: { plan: 'team' } }),
  'recordings.store': () => ({ title: 'Call', mimeType: 'audio/webm', language: 'en' }),
  'recordings.complete': () => ({ chunks: 1 }),
  'recordings.transcript.update': () => ({ segments: [{ id: 's1', text: 'Hello' }] }),
  'presence.store': () => ({ status: 'online' }),
  'whatsapp.numbers.store': () => ({
    label: 'Sales',
    pacing: { dailyCap: 100 },
    groupsEnabled: false,
  }),
  'whatsapp.numbers.update': () => ({ label: 'Sales 2' }),
  'whatsapp.numbers.pairingCode': () => ({ phone: '+14155550100' }),
  'cannedResponses.store': () => ({ shortcut: 'hello', body: 'Hello there' }),
  'cannedResponses.update': () => ({ shortcut: 'hello2', body: 'Hi' }),
  'webhooks.store': () => ({ url: 'http://127.0.0.1:1/hook', events: ['message.created'] }),
  'campaigns.store': (ids) => ({
    name: 'Launch',
    kind: 'broadcast',
    channel: 'whatsapp',
    audience: { contactIds: [ids.contact] },
    steps: [
      {
        delayMinutes: 0,
        variants: [{ body: 'Hi {{ contact.firstName | default: "there" }}', weight: 2 }],
      },
    ],
    schedule: { sendAt: '2031-07-01T09:00:00', timezone: 'Europe/Lisbon' },
    limits: { quietHours: { start: '21:00', end: '08:00' }, stopOnReply: true, perMinute: 30 },
  }),
}

/** One tenant with everything a route may name: keys, a member, a visitor and their data. */
interface Fixture {
  secretKey: string
  publishableKey: string
  member: string
  visitor: string
  ids: Record<
    | 'tenant'
    | 'workspace'
    | 'member'
    | 'conversation'
    | 'message'
    | 'contact'
    | 'recording'
    | 'canned'
    | 'chatConversation'
    | 'chatMessage',
    string
  >
}

async function api(method: string, path: string, token: string, body?: Json) {
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      origin: ORIGIN,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return response.ok ? ((await response.json()) as any) : {}
}

async function makeFixture(client: any): Promise<Fixture> {
  const tenant = await makeTenant('Fuzz')
  const owner = await mintSession(client, tenant.secretKey, { workspace: 'acme', user: 'owner' })
  await fetch(`${baseUrl()}/v1/workspaces/${owner.workspaceId}`, {
    method: 'PATCH',
    headers: { 'authorization': `Bearer ${tenant.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ webChat: { enabled: true } }),
  })
  const visitor = await (
    await fetch(`${baseUrl()}/v1/chat/visitors?key=${tenant.publishableKey}`, {
      method: 'POST',
      headers: { 'origin': ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: 'acme' }),
    })
  ).json()
  const chat = await api('POST', '/v1/chat/conversations', visitor.token, { body: 'Hi' })
  const conversation = await api('POST', '/v1/conversations', owner.token, {
    channel: 'internal',
    body: 'Hello',
  })
  const contact = await api('POST', '/v1/contacts', owner.token, { name: 'Carla' })
  const recording = await api('POST', '/v1/recordings', owner.token, {
    title: 'Call',
    mimeType: 'audio/webm',
  })
  const canned = await api('POST', '/v1/canned-responses', owner.token, {
    shortcut: 'hi',
    body: 'Hi',
  })
  const or = (id: unknown) => (typeof id === 'string' ? id : randomUUID())
  return {
    secretKey: tenant.secretKey,
    publishableKey: tenant.publishableKey,
    member: owner.token,
    visitor: visitor.token,
    ids: {
      tenant: owner.tenantId,
      workspace: owner.workspaceId,
      member: owner.userId,
      conversation: or(conversation.id),
      message: or(conversation.lastMessage?.id),
      contact: or(contact.id),
      recording: or(recording.id),
      canned: or(canned.id),
      chatConversation: or(chat.id),
      chatMessage: or(chat.message?.id),
    },
  }
}

/** A value for a route parameter: the fixture's object of that kind, else an unknown id. */
function paramValue(pattern: string, param: string, fx: Fixture) {
  const before = pattern.slice(0, pattern.indexOf(`:${param}`))
  const resource = before
    .split('/')
    .filter((s) => s && !s.startsWith(':'))
    .at(-1)
  if (param === 'n') return '0'
  if (param === 'file') return 'fuzz.js'
  if (param === 'messageId') return fx.ids.message
  if (param === 'tenantId') return fx.ids.tenant
  if (param === 'workspaceId') return fx.ids.workspace
  if (param !== 'id') return randomUUID()
  if (pattern.includes('/chat/')) return fx.ids.chatConversation
  const byResource: Record<string, string> = {
    'conversations': fx.ids.conversation,
    'contacts': fx.ids.contact,
    'recordings': fx.ids.recording,
    'members': fx.ids.member,
    'workspaces': fx.ids.workspace,
    'canned-responses': fx.ids.canned,
  }
  return byResource[resource ?? ''] ?? randomUUID()
}

const fillPath = (route: FuzzRoute, fx: Fixture, override?: (param: string) => string) =>
  route.pattern.replace(/:(\w+)\??/g, (_, param: string) =>
    override ? override(param) : encodeURIComponent(paramValue(route.pattern, param, fx))
  )

/** Credentials the route accepts, as headers and a query string. */
function validAuth(route: FuzzRoute, fx: Fixture): { headers: Record<string, string>; qs: string } {
  const headers: Record<string, string> = { origin: ORIGIN }
  switch (route.auth) {
    case 'secret':
      return { headers: { ...headers, authorization: `Bearer ${fx.secretKey}` }, qs: '' }
    case 'publishable':
      return { headers, qs: `key=${fx.publishableKey}` }
    case 'visitor':
      return { headers: { ...headers, authorization: `Bearer ${fx.visitor}` }, qs: '' }
    case 'member':
    case 'both':
      return { headers: { ...headers, authorization: `Bearer ${fx.member}` }, qs: '' }
    default:
      return { headers, qs: '' }
  }
}

const withQuery = (path: string, ...parts: string[]) => {
  const qs = parts.filter(Boolean).join('&')
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path
}

/** The token with one character of its payload changed (the signature no longer matches). */
function tamper(token: string) {
  const at = Math.floor(token.length / 2)
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1)
}

/** The same claims, signed properly, but expired a minute ago. */
function expired(token: string) {
  const [kind, payload] = token.split('.')
  const { iat, exp, jti, ...claims } = JSON.parse(Buffer.from(payload, 'base64url').toString())
  ;(void iat, exp, jti)
  return kind === 'c1' ? issueVisitorToken(claims, -60).token : issueSessionToken(claims, -60).token
}

function credentialCases(route: FuzzRoute, fx: Fixture): Case[] {
  if (route.auth === 'none') return []
  const path = fillPath(route, fx)
  const bearer = (token: string) => ({ origin: ORIGIN, authorization: `Bearer ${token}` })
  const kinds: Record<string, string> = {
    secret: fx.secretKey,
    publishable: fx.publishableKey,
    member: fx.member,
    visitor: fx.visitor,
  }
  const accepted = new Set(route.auth === 'both' ? ['member', 'visitor'] : [route.auth])
  const cases: Case[] = [{ label: 'no credentials', path, headers: { origin: ORIGIN } }]
  for (const [kind, token] of Object.entries(kinds)) {
    if (accepted.has(kind)) continue
    cases.push(
      route.auth === 'publishable'
        ? {
            label: `a ${kind} token as ?key`,
            path: withQuery(path, `key=${token}`),
            headers: { origin: ORIGIN },
          }
        : { label: `a ${kind} token`, path, headers: bearer(token) }
    )
  }
  const valid = kinds[route.auth === 'both' ? 'member' : route.auth]
  cases.push(
    route.auth === 'publishable'
      ? {
          label: 'a tampered key',
          path: withQuery(path, `key=${tamper(valid)}`),
          headers: { origin: ORIGIN },
        }
      : { label: 'a tampered token', path, headers: bearer(tamper(valid)) },
    { label: 'a bearer of garbage', path, headers: bearer('\u00ff\u00fe not a token') }
  )
  if (route.auth === 'publishable') {
    cases.push({ label: 'no Origin', path: withQuery(path, `key=${valid}`) })
  } else {
    cases.push({
      label: 'Basic instead of Bearer',
      path,
      headers: { authorization: `Basic ${valid}` },
    })
  }
  if (['member', 'visitor', 'both'].includes(route.auth)) {
    cases.push({ label: 'an expired token', path, headers: bearer(expired(valid)) })
  }
  return cases.map((c) => ({ ...c, refused: true }))
}

function pathAndQueryCases(route: FuzzRoute, fx: Fixture): Case[] {
  const auth = validAuth(route, fx)
  const path = fillPath(route, fx)
  const at = (p: string, ...qs: string[]) => withQuery(p, auth.qs, ...qs)
  const cases: Case[] = [
    { label: 'NUL in the query string', path: at(path, 'q=a%00b', 'cursor=%00', 'limit=%00') },
    {
      label: 'a lone surrogate (WTF-8) in the query',
      path: at(path, 'q=%ED%A0%80', 'cursor=%ED%B0%80'),
    },
    { label: 'a bad escape in the query', path: at(path, 'q=%E0%A4%A', 'cursor=%') },
    {
      label: 'wrong types and unknown parameters in the query',
      path: at(path, 'limit=abc', 'limit=-1', 'cursor[a][b]=1', 'status[]=x', 'zz=1'),
    },
    { label: 'a 6 kB query value', path: at(path, `q=${'x'.repeat(6000)}`) },
    { label: 'a bad percent-escape in the path', path: at(`${path}/%E0%A4%A`) },
  ]
  if (route.pattern.includes(':')) {
    cases.push(
      { label: 'NUL in route parameters', path: at(fillPath(route, fx, () => 'a%00b')) },
      {
        label: 'a lone surrogate in route parameters',
        path: at(fillPath(route, fx, () => '%ED%A0%80')),
      },
      {
        label: 'a malformed escape in route parameters',
        path: at(fillPath(route, fx, () => '%E0%A4%A')),
      },
      {
        label: 'an overlong route parameter',
        path: at(fillPath(route, fx, () => 'x'.repeat(3000))),
      },
      { label: 'a non-UUID route parameter', path: at(fillPath(route, fx, () => "1'%20or%201=1")) }
    )
  }
  return cases.map((c) => ({ ...c, headers: { ...auth.headers, ...c.headers } }))
}

/** Every leaf of a JSON value with its path, objects included (for unknown fields). */
function leaves(
  value: Json,
  path: (string | number)[] = []
): { path: (string | number)[]; value: Json }[] {
  const here = { path, value }
  if (Array.isArray(value)) return [here, ...value.flatMap((v, i) => leaves(v, [...path, i]))]
  if (value && typeof value === 'object') {
    return [here, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))]
  }
  return [here]
}

function setAt(root: Json, path: (string | number)[], value: Json): Json {
  if (!path.length) return value
  const copy: any = structuredClone(root)
  let node = copy
  for (const key of path.slice(0, -1)) node = node[key]
  node[path.at(-1)!] = value
  return copy
}

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)
const json = (value: Json) => Buffer.from(JSON.stringify(value))

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = `fuzz${randomUUID()}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
      )
    )
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: image/png\r\n\r\n`
      ),
      file.bytes,
      Buffer.from('\r\n')
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` }
}

let big: { body: Buffer; type: string } | undefined
/** 30 MB of multipart: over the attachment limit (25 MB by default), made once. */
const bigMultipart = () =>
  (big ??= multipart({}, { name: 'big.png', bytes: Buffer.alloc(30 * 1024 * 1024, 7) }))

function bodyCases(route: FuzzRoute, fx: Fixture, seed: Json): Case[] {
  if (!BODY_METHODS.has(route.method)) return []
  const auth = validAuth(route, fx)
  const path = withQuery(fillPath(route, fx), auth.qs)
  const asJson = (label: string, body: Buffer, extra: Partial<Case> = {}): Case => ({
    label,
    path,
    body,
    headers: { ...auth.headers, 'content-type': 'application/json' },
    ...extra,
  })
  const cases: Case[] = [
    asJson('the seed body', json(seed)),
    asJson('malformed JSON', Buffer.from('{"a": ')),
    asJson('JSON with a trailing comma', Buffer.from('{"a": 1,}')),
    asJson(
      'invalid UTF-8 in JSON',
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])
    ),
    asJson('an empty JSON body', Buffer.alloc(0)),
    ...(['[]', '"x"', '1', 'null', 'true'] as const).map((b) =>
      asJson(`the JSON body ${b}`, Buffer.from(b))
    ),
    asJson('a JSON escape of NUL', Buffer.from('{"name": "\\u0000", "body": "\\u0000"}')),
    asJson(
      'a JSON escape of a lone surrogate',
      Buffer.from('{"name": "\\ud800", "body": "\\udc00x"}')
    ),
    asJson('a NUL in a field name', json({ ...(seed as object), 'a\u0000': 1 })),
    asJson('a lone surrogate in a field name', json({ ...(seed as object), ['\uD800']: 1 })),
    asJson('a 1 MB string', json({ ...(seed as object), body: 'x'.repeat(1024 * 1024) })),
    asJson('10,000 levels of arrays', Buffer.from(nested(10_000))),
    asJson(
      '10,000 levels of objects',
      Buffer.from('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000))
    ),
    asJson('an oversized body (200 kB)', json({ ...(seed as object), pad: 'x'.repeat(200_000) })),
    asJson(
      'a prototype key',
      Buffer.from(`{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}`)
    ),
    asJson('the seed, chunked', json(seed), { chunked: 7 }),
    asJson('an oversized body, chunked (200 kB)', json({ pad: 'x'.repeat(200_000) }), {
      chunked: 16_384,
    }),
    asJson('malformed JSON, chunked', Buffer.from('{"a": [1, 2'), { chunked: 3 }),
    {
      label: 'JSON sent as text/plain',
      path,
      body: json(seed),
      headers: { ...auth.headers, 'content-type': 'text/plain' },
    },
    {
      label: 'a form-encoded body',
      path,
      body: Buffer.from('a=1&b[c]=%00&name=%ED%A0%80'),
      headers: { ...auth.headers, 'content-type': 'application/x-www-form-urlencoded' },
    },
    {
      label: 'a CSV body with a NUL cell',
      path,
      body: Buffer.from('name,email\nA\u0000,a@x.test\n'),
      headers: { ...auth.headers, 'content-type': 'text/csv' },
    },
    {
      label: 'a body with no content type',
      path,
      body: json(seed),
      headers: auth.headers,
    },
    {
      label: 'an XML body',
      path,
      body: Buffer.from('<?xml version="1.0"?><a>1</a>'),
      headers: { ...auth.headers, 'content-type': 'application/xml' },
    },
  ]

  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
  for (const [label, form] of [
    [
      'a multipart file named with NUL',
      multipart({ title: 'x' }, { name: 'a\u0000.png', bytes: png }),
    ],
    [
      'a multipart field with a lone surrogate',
      multipart({ title: '\uD800' }, { name: 'a.png', bytes: png }),
    ],
    ['a multipart body with no file', multipart({ title: 'x' })],
    [
      'a multipart body without its closing boundary',
      {
        body: Buffer.from(
          '--x\r\ncontent-disposition: form-data; name="file"; filename="a"\r\n\r\nabc'
        ),
        type: 'multipart/form-data; boundary=x',
      },
    ],
  ] as const) {
    cases.push({
      label,
      path,
      body: form.body,
      headers: { ...auth.headers, 'content-type': form.type },
    })
  }
  const large = bigMultipart()
  cases.push(
    {
      label: 'a 30 MB multipart file, chunked',
      path,
      body: large.body,
      chunked: 1024 * 1024,
      headers: { ...auth.headers, 'content-type': large.type },
    },
    {
      label: 'a 30 MB multipart file without credentials',
      path,
      body: large.body,
      headers: { 'origin': ORIGIN, 'content-type': large.type },
    }
  )

  // Mutations of each field of the seed: wrong types, NUL, lone surrogates, unknown siblings,
  // 1 MB strings and deep nesting where a value goes.
  for (const leaf of leaves(seed)) {
    const at = leaf.path.join('.') || '(body)'
    const mutate = (label: string, value: Json) =>
      asJson(`${at}: ${label}`, json(setAt(seed, leaf.path, value)))
    if (leaf.value && typeof leaf.value === 'object' && !Array.isArray(leaf.value)) {
      cases.push(mutate('an unknown field', { ...leaf.value, zzUnknown: 'x' }))
      if (leaf.path.length) cases.push(mutate('an array instead of an object', []))
      continue
    }
    if (!leaf.path.length) continue
    const wrong: Json[] =
      typeof leaf.value === 'string'
        ? [1, true, {}, [], null, '', ' '.repeat(50)]
        : typeof leaf.value === 'number'
          ? ['1', -1, 1e308, 1.5, null, {}]
          : typeof leaf.value === 'boolean'
            ? ['true', 1, null]
            : Array.isArray(leaf.value)
              ? ['x', {}, [null], [[]], Array.from({ length: 600 }, (_, i) => `t${i}`)]
              : ['x', 1, {}]
    for (const value of wrong)
      cases.push(mutate(`the wrong value ${JSON.stringify(value).slice(0, 30)}`, value))
    if (typeof leaf.value === 'string') {
      cases.push(
        mutate('a NUL byte', `${leaf.value}\u0000`),
        mutate('a lone high surrogate', `${leaf.value}\uD800`),
        mutate('a lone low surrogate', `\uDC00${leaf.value}`),
        mutate('a 60 kB string', 'x'.repeat(60_000)),
        mutate('a string of 5,000 emoji', '😀'.repeat(5_000)),
        mutate('right-to-left and zero-width characters', '\u202e\u200bx\ufeff')
      )
    }
    cases.push(mutate('4,000 levels of nesting', JSON.parse(nested(4_000))))
  }
  return cases
}

/** Sends one case over a fresh connection; a body can be chunked. */
function send(method: string, c: Case): Promise<Answer> {
  const url = new URL(baseUrl())
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...c.headers, connection: 'close' }
    if (c.body && !c.chunked) headers['content-length'] = c.body.length
    // Said outright: Node's client frames a DELETE body as chunked only when told to.
    if (c.body && c.chunked) headers['transfer-encoding'] = 'chunked'
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      method,
      path: c.path,
      headers,
      timeout: 20_000,
    })
    let settled = false
    req.on('response', (res) => {
      const parts: Buffer[] = []
      res.on('data', (d) => parts.push(d))
      res.on('end', () => {
        settled = true
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(parts).toString(),
        })
      })
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')))
    // Once the server has answered (say 413 early), it may stop reading: a write error then is
    // expected. Without an answer it is a failure.
    req.on('error', (error) => {
      if (!settled) setTimeout(() => !settled && reject(error), 200)
    })
    if (!c.body) return req.end()
    if (!c.chunked) return req.end(c.body)
    let offset = 0
    const pump = () => {
      while (offset < c.body!.length) {
        const piece = c.body!.subarray(offset, offset + c.chunked!)
        offset += piece.length
        if (!req.write(piece)) return req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

/**
 * What is wrong with an answer, if anything. `unavailable`: the route answers 503 to a plain
 * request here (the loader without `npm run build:widgets`), so a 503 is not the input's doing.
 */
function problemsOf(c: Case, answer: Answer, unavailable = false): string[] {
  const problems: string[] = []
  if (answer.status >= 500 && !(unavailable && answer.status === 503)) {
    problems.push(`answered ${answer.status}`)
  }
  const requestId = answer.headers['x-request-id']
  if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) problems.push('no X-Request-Id')
  if (c.refused && ![401, 403].includes(answer.status)) {
    problems.push(`credentials case answered ${answer.status}, not 401/403`)
  }
  if (answer.status >= 400) {
    let error: any
    try {
      error = JSON.parse(answer.body).error
    } catch {
      problems.push(`a ${answer.status} that is not JSON: ${answer.body.slice(0, 80)}`)
    }
    if (error !== undefined) {
      if (typeof error?.code !== 'string' || typeof error?.message !== 'string') {
        problems.push(`a ${answer.status} not in the error shape: ${answer.body.slice(0, 120)}`)
      } else if (error.requestId !== requestId) {
        problems.push('error.requestId differs from X-Request-Id')
      }
    }
  }
  return problems
}

/** Files (not directories) under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries.filter((e) => !e.isDirectory()).map((e) => join(e.parentPath, e.name))
}

/** A seed for a route with none: the fields its 422 says are required, as strings. */
async function learnSeed(route: FuzzRoute, fx: Fixture): Promise<Json> {
  const auth = validAuth(route, fx)
  const answer = await send(route.method, {
    label: 'learn',
    path: withQuery(fillPath(route, fx), auth.qs),
    body: Buffer.from('{}'),
    headers: { ...auth.headers, 'content-type': 'application/json' },
  })
  let seed: Json = {}
  try {
    for (const detail of JSON.parse(answer.body).error?.details ?? []) {
      if (typeof detail.field === 'string' && /^[\w.]+$/.test(detail.field)) {
        const path = detail.field.split('.')
        let node: any = seed
        for (const key of path.slice(0, -1)) node = node[key] ??= {}
        node[path.at(-1)] = 'x'
      }
    }
  } catch {}
  return seed
}

test.group('Fuzz: every route of the router', (group) => {
  let tmp: string
  let previousTmp: string | undefined
  group.setup(async () => {
    // The body parser (and the upload spool) write temporary files under os.tmpdir(): a
    // directory of this run's own makes "nothing left behind" checkable with other runs around.
    previousTmp = process.env.TMPDIR
    tmp = await mkdtemp(join(tmpdir(), 'parley-fuzz-'))
    process.env.TMPDIR = tmp
    return async () => {
      if (previousTmp === undefined) delete process.env.TMPDIR
      else process.env.TMPDIR = previousTmp
      await rm(tmp, { recursive: true, force: true })
    }
  })

  test('no 5xx, the error shape, X-Request-Id and no temporary file left, on every route', async ({
    client,
    assert,
  }) => {
    const routes = routeTable()
    assert.isAbove(routes.length, 50, 'the route table was read')
    const failures: string[] = []
    // Upload temp files go under os.tmpdir() (the body parser's default) or UPLOAD_TMP_DIR
    // (services/uploads.ts) when set: both are watched.
    const uploadDir = process.env.UPLOAD_TMP_DIR
    const before = new Set(uploadDir ? await filesUnder(uploadDir) : [])
    let requests = 0
    let fixture = await makeFixture(client)
    for (const route of routes) {
      // A limited route gets a tenant of its own (and a fresh one every 30 requests), so its
      // cases reach the handler rather than the limiter.
      if (route.throttled) fixture = await makeFixture(client)
      const seed =
        SEEDS[route.name]?.(fixture.ids) ??
        (BODY_METHODS.has(route.method) ? await learnSeed(route, fixture) : {})
      const cases = [
        ...credentialCases(route, fixture),
        ...pathAndQueryCases(route, fixture),
        ...bodyCases(route, fixture, seed),
      ]
      const plain = validAuth(route, fixture)
      const baseline = await send(route.method, {
        label: 'a plain request',
        path: withQuery(fillPath(route, fixture), plain.qs),
        headers: plain.headers,
      })
      const unavailable = baseline.status === 503
      if (unavailable) console.log(`fuzz: ${route.method} ${route.pattern} answers 503 here`)
      let sinceFixture = 0
      for (const c of cases) {
        if (route.throttled && ++sinceFixture > 30) {
          fixture = await makeFixture(client)
          sinceFixture = 0
        }
        requests++
        let answer: Answer
        try {
          answer = await send(route.method, c)
        } catch (error) {
          failures.push(
            `${route.method} ${c.path.slice(0, 120)} [${route.name}] ${c.label}: ${(error as Error).message}`
          )
          continue
        }
        for (const problem of problemsOf(c, answer, unavailable)) {
          failures.push(
            `${route.method} ${c.path.slice(0, 120)} [${route.name}] ${c.label}: ${problem}`
          )
        }
      }
    }
    // Responses are sent before their request's files are removed: give cleanup a moment.
    await new Promise((r) => setTimeout(r, 500))
    const left = [
      ...(await filesUnder(tmp)),
      ...(uploadDir ? await filesUnder(uploadDir) : []).filter((f) => !before.has(f)),
    ]
    if (left.length)
      failures.push(`${left.length} temporary files left: ${left.slice(0, 5).join(', ')}`)
    console.log(`fuzz: ${routes.length} routes, ${requests} requests, ${failures.length} failures`)
    assert.deepEqual(failures, [])
  }).timeout(600_000)
})
