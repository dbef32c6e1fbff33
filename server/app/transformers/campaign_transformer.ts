import type Campaign from '#models/campaign'
import type CampaignRecipient from '#models/campaign_recipient'
import type Contact from '#models/contact'
import { iso } from '#transformers/time'

/** A campaign as the API shows it (GET /v1/campaigns/:id, the list, `campaign.updated`). */
export const CampaignTransformer = {
  transform: (c: Campaign) => ({
    id: c.id,
    name: c.name,
    kind: c.kind,
    channel: c.channel,
    audience: c.audience,
    steps: c.steps,
    schedule: c.schedule ?? null,
    limits: c.limits ?? {},
    status: c.status,
    pausedReason: c.pausedReason ?? null,
    error: c.error ?? null,
    sendAt: iso(c.sendAt),
    launchedAt: iso(c.launchedAt),
    completedAt: iso(c.completedAt),
    audienceCount: c.audienceCount ?? null,
    /** Step index → the variant an A/B test chose (empty until one is decided). */
    winners: c.winners ?? {},
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  }),
}

export type ShownCampaign = ReturnType<typeof CampaignTransformer.transform>

/** One recipient row (GET /v1/campaigns/:id/recipients), with who it is. */
export const RecipientTransformer = {
  transform: (r: CampaignRecipient, contact?: Pick<Contact, 'id' | 'name' | 'phone'>) => ({
    id: r.id,
    contactId: r.contactId,
    contact: contact
      ? { id: contact.id, name: contact.name, phone: contact.phone }
      : { id: r.contactId, name: null, phone: null },
    status: r.status,
    reason: r.reason ?? null,
    detail: r.detail ?? null,
    step: r.step,
    variant: r.variant ?? null,
    sentAt: iso(r.sentAt),
    deliveredAt: iso(r.deliveredAt),
    readAt: iso(r.readAt),
    repliedAt: iso(r.repliedAt),
    classification: r.classification ?? null,
  }),
}
