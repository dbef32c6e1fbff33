import type { MessageKey } from '../kit/localize.js'
import type { Conversation, LastMessage, Member } from './inbox.types.js'

/** What a row's words come from: the list's `t()`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/**
 * Who a conversation is with, in words: the name they gave, their number, their email; a web
 * visitor without any by their place and browser ("Visitor from Lisbon · Chrome"), or a short
 * id so that two of them never read alike; else the subject.
 */
export function contactLabel(c: Conversation, t: Translate) {
  const contact = c.contact
  const known = contact?.name ?? contact?.phone ?? contact?.email
  if (known) return known
  const visitor = contact?.visitor
  if (contact && (visitor || c.channel === 'web')) {
    const city = visitor?.city?.trim()
    const browser = visitor?.browser?.trim()
    // Without a place, a browser alone would name every Chrome visitor alike: the end of the id
    // tells them apart (uuidv7 ids start with their time, so the end differs within a minute).
    const id = contact.id.replace(/-/g, '').slice(-4)
    if (city && browser) return t('inbox.visitor.cityBrowser', { city, browser })
    if (city) return t('inbox.visitor.city', { city })
    if (browser) return t('inbox.visitor.browser', { id, browser })
    return t('inbox.visitor.id', { id })
  }
  if (c.subject) return c.subject
  return t(c.channel === 'internal' ? 'inbox.internalConversation' : 'inbox.unknownContact')
}

/**
 * What a row's avatar draws its initials from: the name; a visitor's city or browser ("LI" for
 * Lisbon rather than "VL" for every "Visitor from…"); `#` for a number alone.
 */
export function avatarName(c: Conversation) {
  const contact = c.contact
  if (!contact) return c.subject ?? ''
  if (contact.name) return contact.name
  if (contact.email) return contact.email
  if (contact.phone) return '#'
  return contact.visitor?.city ?? contact.visitor?.browser ?? ''
}

const KIND_KEYS = {
  image: 'inbox.preview.photo',
  audio: 'inbox.preview.audio',
  voice: 'inbox.preview.voice',
  video: 'inbox.preview.video',
  file: 'inbox.preview.file',
} as const

/** The words of a last message without its author: its text, or what it is (a photo, a voice message). */
function messageWords(m: LastMessage, t: Translate) {
  const body = m.body.replace(/\s+/g, ' ').trim()
  if (m.type === 'location') return t('inbox.preview.location')
  if (m.type === 'contact') return t('inbox.preview.contactCard')
  if (m.type === 'reaction') return t('inbox.preview.reaction', { emoji: body })
  if (body) return body
  if (m.attachmentKind) return t(KIND_KEYS[m.attachmentKind])
  return ''
}

/**
 * A row's preview of its last message: "Note: …", "You: …", a teammate's first name, or the
 * contact's words as they are; "Message deleted" for a deleted one. `muted` marks words that
 * are about the message rather than from it.
 */
export function previewOf(
  c: Conversation,
  me: string | undefined,
  members: Member[],
  t: Translate
): { prefix: string; text: string; muted: boolean } {
  const m = c.lastMessage
  if (!m) return { prefix: '', text: c.subject ?? '', muted: false }
  if (m.deleted) return { prefix: '', text: t('inbox.preview.deleted'), muted: true }
  const words = messageWords(m, t)
  const muted = !m.body.trim() || m.type !== 'text'
  if (m.type === 'note') return { prefix: t('inbox.preview.note'), text: words, muted }
  if (m.authorMemberId && m.authorMemberId === me)
    return { prefix: t('inbox.preview.you'), text: words, muted }
  if (m.authorMemberId) {
    const name = members.find((member) => member.id === m.authorMemberId)?.name
    const first = name?.trim().split(/\s+/)[0]
    if (first) return { prefix: t('inbox.preview.by', { name: first }), text: words, muted }
  }
  return { prefix: '', text: words, muted }
}

/**
 * Whether a new last message adds to the member's unread count: the rule of the server's
 * UNREAD_SQL (server/app/services/inbox/read_marks.ts). From contacts, from other members in
 * internal conversations, and notes that mention the member; never their own, teammates'
 * replies or other notes.
 */
export function countsAsUnread(
  m: LastMessage,
  me: string | undefined,
  channel: Conversation['channel']
) {
  if (m.deleted || (m.authorMemberId !== null && m.authorMemberId === me)) return false
  return (
    m.direction === 'inbound' ||
    (channel === 'internal' && m.type !== 'note') ||
    (m.type === 'note' && !!me && m.mentions.includes(me))
  )
}

/** Intl formatters are costly to make and rows re-render as the list scrolls: one per kind and locale. */
const formatters = new Map<
  string,
  Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat
>()
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => F
): F {
  let made = formatters.get(key) as F | undefined
  if (!made) formatters.set(key, (made = make()))
  return made
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * A row's time, short: "now", "2m", "3h", "Mon", "Mar 4", "Mar 4, 2024" (in the locale's
 * words: "2 min", "lun", "4 mar").
 */
export function shortTime(iso: string, now: number, locale: string, t: Translate) {
  const at = new Date(iso)
  const ago = Math.max(0, now - at.getTime())
  const unit = (u: 'minute' | 'hour', n: number) =>
    formatter(
      `${locale}:${u}`,
      () => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'narrow' })
    ).format(n)
  if (ago < MINUTE) return t('inbox.time.now')
  if (ago < HOUR) return unit('minute', Math.floor(ago / MINUTE))
  if (ago < DAY) return unit('hour', Math.floor(ago / HOUR))
  if (ago < 6 * DAY)
    return formatter(
      `${locale}:weekday`,
      () => new Intl.DateTimeFormat(locale, { weekday: 'short' })
    ).format(at)
  const sameYear = at.getFullYear() === new Date(now).getFullYear()
  return formatter(
    `${locale}:date:${sameYear}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        month: 'short',
        day: 'numeric',
        ...(sameYear ? {} : { year: 'numeric' }),
      })
  ).format(at)
}

/** The same time in full words for screen readers and the tooltip ("2 minutes ago"). */
export function longTime(iso: string, now: number, locale: string) {
  const at = new Date(iso)
  const ago = Math.max(0, now - at.getTime())
  const relative = formatter(
    `${locale}:relative`,
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  )
  if (ago < HOUR) return relative.format(-Math.floor(ago / MINUTE), 'minute')
  if (ago < DAY) return relative.format(-Math.floor(ago / HOUR), 'hour')
  return formatter(
    `${locale}:full`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  ).format(at)
}
