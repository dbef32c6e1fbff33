import type Workspace from '#models/workspace'
import { optOutSettings } from '#services/campaigns/consent'

/** API shape: ids as strings, ISO-8601 UTC times, nothing internal. */
export const WorkspaceTransformer = {
  transform: (w: Workspace) => ({
    id: w.id,
    externalId: w.externalId,
    name: w.name,
    status: w.status,
    suspendedAt: w.suspendedAt?.toUTC().toISO() ?? null,
    webChat: {
      enabled: w.webChatEnabled,
      teamName: w.chatTeamName,
      replyTime: w.chatReplyTime,
      preChat: { ask: w.chatPreChat, required: w.chatPreChatRequired },
      emailCaptureSeconds: w.chatEmailCaptureSeconds,
    },
    /** Opt-out words of campaigns and their confirmations, defaults filled in. */
    campaignOptOut: optOutSettings(w.campaignOptOut),
    transcriptionMinutesQuota: w.transcriptionMinutesQuota,
    createdAt: w.createdAt.toUTC().toISO(),
    updatedAt: w.updatedAt.toUTC().toISO(),
  }),
}
