import { html, svg } from 'lit'
import type { MessageKey } from '../kit/localize.js'
import { when, type Campaign, type Channel } from './campaign-model.js'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

/** The channel's mark: WhatsApp's phone in a bubble, the web chat's bubble. */
const GLYPHS: Record<Channel, ReturnType<typeof svg>> = {
  whatsapp: svg`<path d="M12 3a9 9 0 0 0-7.8 13.5L3 21l4.6-1.2A9 9 0 1 0 12 3Z"/><path d="M9 8.5c0 3.5 3 6.5 6.5 6.5l1-1.5-2-1-1 .8a4.5 4.5 0 0 1-2.3-2.3l.8-1-1-2Z"/>`,
  web: svg`<path d="M4 5h16v11H9l-5 4Z"/><path d="M8 9.5h8M8 12.5h5"/>`,
}

export function channelIcon(channel: Channel, label: string) {
  return html`<span class="channel c-${channel}" part="channel" role="img" aria-label=${label}
    ><svg viewBox="0 0 24 24" aria-hidden="true">${GLYPHS[channel]}</svg></span
  >`
}

/** The status as a badge (colour and words; the words carry it for everyone). */
export function statusBadge(status: Campaign['status'], t: T) {
  return html`<span class="status s-${status}" part="status"
    >${t(`campaigns.status.${status}`)}</span
  >`
}

/** When it sends or sent, in the user's locale (the schedule's zone named when it has one). */
export function timing(c: Campaign, locale: string, t: T) {
  if (c.status === 'draft' && c.schedule)
    return t('campaigns.sendsAt', {
      time: `${c.schedule.sendAt.replace('T', ' ').slice(0, 16)} (${c.schedule.timezone})`,
    })
  if (c.status === 'scheduled' && c.sendAt)
    return t('campaigns.sendsAt', { time: when(c.sendAt, locale) })
  if (c.launchedAt) return t('campaigns.sentAt', { time: when(c.launchedAt, locale) })
  return t('campaigns.created', { time: when(c.createdAt, locale) })
}

/** Icon, name, kind and status: a campaign's title line (the list's rows, the page's header). */
export function campaignHeading(c: Campaign, locale: string, t: T, tag: 'h2' | 'span') {
  const name =
    tag === 'h2' ? html`<h2 class="name">${c.name}</h2>` : html`<span class="name">${c.name}</span>`
  return html`<span class="title-line"
      >${channelIcon(c.channel, t(`campaigns.channel.${c.channel}`))}${name}${statusBadge(c.status, t)}</span
    >
    <span class="meta"
      >${t(`campaigns.kind.${c.kind}`)} · ${t(`campaigns.channel.${c.channel}`)} ·
      ${timing(c, locale, t)}</span
    >`
}
