import type { Role } from '#models/member'
import type { Widget } from '#models/tenant'

/** Who is asking: the claims of a session. */
export interface ChannelReader {
  tenantId: string
  workspaceId: string
  memberId: string
  widgets: Widget[]
  /** The session's role (its claims carry it; visitors have none). */
  role?: Role
  /** Set for web chat visitors, who read their own contact channel and nothing else. */
  contactId?: string
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/** The channel names of the public contract (API.md), and what reading each one takes. */
const CHANNELS: {
  pattern: RegExp
  widget?: Widget
  /** Only these roles read it (as the routes behind it allow). */
  roles?: Role[]
  ownMember?: true
  ownContact?: true
}[] = [
  { pattern: new RegExp(`^tenants/(${UUID})/workspaces/(${UUID})/inbox$`), widget: 'inbox' },
  {
    pattern: new RegExp(`^tenants/(${UUID})/workspaces/(${UUID})/conversations/(${UUID})$`),
    widget: 'inbox',
  },
  {
    pattern: new RegExp(`^tenants/(${UUID})/workspaces/(${UUID})/members/(${UUID})$`),
    ownMember: true,
  },
  // The workspace's WhatsApp numbers: states, QR codes, pairing codes (channel settings).
  { pattern: new RegExp(`^tenants/(${UUID})/workspaces/(${UUID})/whatsapp$`), widget: 'inbox' },
  {
    // A web chat visitor's own feed: public messages of its conversations, agents typing.
    pattern: new RegExp(`^tenants/(${UUID})/workspaces/(${UUID})/contacts/(${UUID})$`),
    ownContact: true,
  },
  {
    pattern: new RegExp(`^tenants/(${UUID})/workspaces/(${UUID})/recordings/(${UUID})$`),
    widget: 'recorder',
  },
  {
    pattern: new RegExp(`^tenants/(${UUID})/workspaces/(${UUID})/campaigns/(${UUID})$`),
    widget: 'campaigns',
  },
  // The workspace's billing: plan, subscription, usage, alerts (owners and admins read it, as
  // GET /v1/billing allows).
  {
    pattern: new RegExp(`^tenants/(${UUID})/workspaces/(${UUID})/billing$`),
    widget: 'billing',
    roles: ['owner', 'admin'],
  },
]

export type ChannelAccess = 'allowed' | 'not_found' | 'forbidden'

/**
 * Whether a session may read a channel. Another tenant's or workspace's channel, another
 * member's notifications and unknown names are `not_found` (nothing is revealed); a channel of
 * a widget the session was not given, or of a role it does not have, is `forbidden`.
 */
export function channelAccess(channel: string, reader: ChannelReader): ChannelAccess {
  if (typeof channel !== 'string' || channel.length > 200) return 'not_found'
  for (const rule of CHANNELS) {
    const match = rule.pattern.exec(channel)
    if (!match) continue
    if (match[1] !== reader.tenantId || match[2] !== reader.workspaceId) return 'not_found'
    if (rule.ownMember && match[3] !== reader.memberId) return 'not_found'
    if (rule.ownContact && match[3] !== reader.contactId) return 'not_found'
    if (!rule.ownContact && reader.contactId) return 'not_found'
    if (rule.widget && !reader.widgets.includes(rule.widget)) return 'forbidden'
    if (rule.roles && reader.role && !rule.roles.includes(reader.role)) return 'forbidden'
    return 'allowed'
  }
  return 'not_found'
}

/** Channel names, built in one place. */
export const channelNames = {
  inbox: (t: string, w: string) => `tenants/${t}/workspaces/${w}/inbox`,
  conversation: (t: string, w: string, id: string) =>
    `tenants/${t}/workspaces/${w}/conversations/${id}`,
  member: (t: string, w: string, id: string) => `tenants/${t}/workspaces/${w}/members/${id}`,
  contact: (t: string, w: string, id: string) => `tenants/${t}/workspaces/${w}/contacts/${id}`,
  whatsapp: (t: string, w: string) => `tenants/${t}/workspaces/${w}/whatsapp`,
  recording: (t: string, w: string, id: string) => `tenants/${t}/workspaces/${w}/recordings/${id}`,
  campaign: (t: string, w: string, id: string) => `tenants/${t}/workspaces/${w}/campaigns/${id}`,
  billing: (t: string, w: string) => `tenants/${t}/workspaces/${w}/billing`,
}
