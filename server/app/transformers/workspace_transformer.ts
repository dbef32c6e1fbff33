import type Workspace from '#models/workspace'

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
    transcriptionMinutesQuota: w.transcriptionMinutesQuota,
    createdAt: w.createdAt.toUTC().toISO(),
    updatedAt: w.updatedAt.toUTC().toISO(),
  }),
}
