/**
 * What `<parley-campaigns>` tells the host page, in the kit's style (`parley-<noun>-<past verb>`,
 * bubbling and composed): `campaignId` names the campaign, `status` is its state afterwards.
 */
const init = { bubbles: true, composed: true }

abstract class CampaignEvent extends Event {
  constructor(
    type: string,
    public campaignId: string,
    public status: string
  ) {
    super(type, init)
  }
}

/** A campaign was created or its draft saved. */
export class ParleyCampaignSavedEvent extends CampaignEvent {
  static readonly type = 'parley-campaign-saved'
  constructor(id: string, status: string) {
    super(ParleyCampaignSavedEvent.type, id, status)
  }
}

/** A campaign was launched (now running, or scheduled). */
export class ParleyCampaignLaunchedEvent extends CampaignEvent {
  static readonly type = 'parley-campaign-launched'
  constructor(id: string, status: string) {
    super(ParleyCampaignLaunchedEvent.type, id, status)
  }
}

/** A campaign was paused, resumed or cancelled by the user: `action` says which. */
export class ParleyCampaignChangedEvent extends CampaignEvent {
  static readonly type = 'parley-campaign-changed'
  constructor(
    id: string,
    status: string,
    public action: 'pause' | 'resume' | 'cancel'
  ) {
    super(ParleyCampaignChangedEvent.type, id, status)
  }
}

/** The user opened a campaign (or went back to the list: `campaignId` is ''). */
export class ParleyCampaignOpenedEvent extends CampaignEvent {
  static readonly type = 'parley-campaign-opened'
  constructor(id: string, status: string) {
    super(ParleyCampaignOpenedEvent.type, id, status)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'parley-campaign-saved': ParleyCampaignSavedEvent
    'parley-campaign-launched': ParleyCampaignLaunchedEvent
    'parley-campaign-changed': ParleyCampaignChangedEvent
    'parley-campaign-opened': ParleyCampaignOpenedEvent
  }
}
