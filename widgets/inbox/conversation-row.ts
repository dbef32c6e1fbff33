import { html, nothing, svg } from 'lit'
import '../kit/primitives/avatar.js'
import '../kit/primitives/badge.js'
import {
  avatarName,
  contactLabel,
  longTime,
  previewOf,
  shortTime,
  type Translate,
} from './row-text.js'
import type { Conversation, Member } from './inbox.types.js'

/** Height of one conversation row; the list renders only the rows in view. */
export const ROW_HEIGHT = 84

/** Tags shown on a row before "+N". */
const TAGS_SHOWN = 2

/** Each channel's mark (drawn: no icon font to load). */
const CHANNEL_ICONS: Record<Conversation['channel'], ReturnType<typeof svg>> = {
  // A globe: the website's chat.
  web: svg`<circle cx="12" cy="12" r="9" /><path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />`,
  // A speech bubble with a handset: WhatsApp.
  whatsapp: svg`<path d="M4 20l1.3-3.9A8.5 8.5 0 1 1 8 19z" /><path d="M9.5 9.5c0 2.5 2.5 5 5 5l1-1.2-1.6-.9-.8.8c-1 -.4-1.9-1.3-2.3-2.3l.8-.8-.9-1.6z" />`,
  // Two people: members among themselves.
  internal: svg`<circle cx="9" cy="8" r="3.5" /><path d="M2.5 20a6.5 6.5 0 0 1 13 0" /><path d="M16 4.6a3.5 3.5 0 0 1 0 6.8M18.5 20a6.5 6.5 0 0 0-3-5.5" />`,
}

/** What a row needs besides its conversation. */
export interface RowContext {
  t: Translate
  locale: string
  /** The time "now" is (the list ticks it, so times age without a reload). */
  now: number
  me?: string
  members: Member[]
  selected?: string
  select(id: string): void
}

/**
 * One conversation in the list: who it is with (and through which channel), the last message
 * with its author, how long ago, unread (bold, with a count), and what the team set on it:
 * priority when it is not normal, status when it is not open, tags, the assignee's avatar.
 */
export function renderRow(c: Conversation, index: number, total: number, ctx: RowContext) {
  const { t } = ctx
  const label = contactLabel(c, t)
  const preview = previewOf(c, ctx.me, ctx.members, t)
  const unread = c.unread ?? 0
  const at = c.lastMessage?.createdAt ?? c.lastMessageAt
  const assignee = c.assigneeId ? ctx.members.find((m) => m.id === c.assigneeId) : undefined
  const assigneeName = assignee?.name ?? (c.assigneeId ? t('inbox.assignee') : '')
  const tags = c.tags ?? []
  const channel = t(`inbox.channel.${c.channel}`)
  const long = longTime(at, ctx.now, ctx.locale)
  return html`<li aria-posinset=${index + 1} aria-setsize=${total}>
    <button
      class=${unread > 0 ? 'item unread' : 'item'}
      aria-current=${String(c.id === ctx.selected)}
      @click=${() => ctx.select(c.id)}
    >
      <parley-avatar
        class="who-avatar"
        aria-hidden="true"
        name=${avatarName(c)}
        src=${c.contact?.avatarUrl ?? nothing}
      ></parley-avatar>
      <span class="line">
        <span class="name">${label}</span>
        <time datetime=${at} title=${long}
          ><span aria-hidden="true">${shortTime(at, ctx.now, ctx.locale, t)}</span
          ><span class="visually-hidden">${long}</span></time
        >
      </span>
      <span class="line">
        <span class=${preview.muted ? 'preview muted' : 'preview'}
          >${preview.prefix ? html`<span class="by">${preview.prefix}</span> ` : nothing}${
            preview.text
          }</span
        >
        <parley-badge .count=${unread}></parley-badge>
      </span>
      <span class="line meta">
        <span class="channel ${c.channel}" title=${channel}
          ><svg viewBox="0 0 24 24" aria-hidden="true">${CHANNEL_ICONS[c.channel]}</svg
          ><span class="visually-hidden">${channel}</span></span
        >
        ${
          c.priority !== 'normal'
            ? html`<span class="chip priority ${c.priority}"
                ><span class="visually-hidden">${t('inbox.priorityLabel')}: </span>${t(
                  `inbox.priority.${c.priority}`
                )}</span
              >`
            : nothing
        }
        ${
          c.status !== 'open'
            ? html`<span class="chip state">${t(`inbox.status.${c.status}`)}</span>`
            : nothing
        }
        ${tags.slice(0, TAGS_SHOWN).map((tag) => html`<span class="chip tag">${tag}</span>`)}
        ${
          tags.length > TAGS_SHOWN
            ? html`<span class="chip more" title=${tags.slice(TAGS_SHOWN).join(', ')}
                ><span aria-hidden="true">+${tags.length - TAGS_SHOWN}</span
                ><span class="visually-hidden"
                  >${t('inbox.moreTags', { count: tags.length - TAGS_SHOWN })}</span
                ></span
              >`
            : nothing
        }
        ${
          c.assigneeId
            ? html`<span class="assignee" title=${t('inbox.assignedTo', { name: assigneeName })}
                ><parley-avatar aria-hidden="true" size="sm" name=${assigneeName}></parley-avatar
                ><span class="visually-hidden"
                  >${t('inbox.assignedTo', { name: assigneeName })}</span
                ></span
              >`
            : nothing
        }
      </span>
    </button>
  </li>`
}
