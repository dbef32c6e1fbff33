import type { HttpContext } from '@adonisjs/core/http'
import type { Infer } from '@vinejs/vine/types'
import Workspace from '#models/workspace'
import { paginate } from '#services/pagination'
import { validateBody, validateQuery } from '#validators/strict'
import { updateWorkspaceValidator } from '#validators/web_chat'
import { audit } from '#services/audit'
import { recordEvent } from '#services/outbox'
import { DateTime } from 'luxon'
import type { Tenancy } from '#services/tenancy'
import { workspacesQueryValidator } from '#validators/console_settings'
import { WorkspaceTransformer } from '#transformers/workspace_transformer'
import { UUID_PATTERN } from '#validators/rules'
import { ApiError } from '#exceptions/api_error'
import { campaignOptOutChange } from '#services/campaigns/consent'
import { settingsActor } from '#middleware/tenant_settings_auth_middleware'
import { withTenant } from '#services/tenant_context'

/**
 * The tenant's workspaces, for the reseller's backend (secret key) and the console (everyone
 * reads; owner and admin change, suspend and resume).
 */
export default class WorkspacesController {
  /** GET /v1/workspaces?q=&cursor=: newest first, each with its members count. */
  async index({ request, tenancy }: HttpContext) {
    const page = await validateQuery(request, workspacesQueryValidator)
    const query = Workspace.query({ client: tenancy.trx }).where('tenant_id', tenancy.tenantId)
    // ?q= (the console's search): the name or the reseller's own id, contains, any case.
    if (page.q) {
      const like = `%${page.q.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`
      query.where((q) => q.whereILike('name', like).orWhereILike('external_id', like))
    }
    const { data, nextCursor } = await paginate(query, page)
    const members = await membersCounts(
      tenancy.tenantId,
      data.map((w) => w.id)
    )
    return {
      data: data.map((w) => ({
        ...WorkspaceTransformer.transform(w),
        membersCount: members.get(w.id) ?? 0,
      })),
      nextCursor,
    }
  }

  async show({ params, tenancy }: HttpContext) {
    return WorkspaceTransformer.transform(await findWorkspace(tenancy, params.id))
  }

  /**
   * PATCH /v1/workspaces/:id { name?, status?, transcriptionMinutesQuota?,
   * webChat?: { enabled?, teamName?, replyTime?, preChat?: { ask?, required? }, emailCaptureSeconds? },
   * campaignOptOut?: { enabled?, optOutWords?, optInWords?, replaceDefaults?, optOutReply?, optInReply? } }
   * Only what is named changes.
   */
  async update({ params, request, tenancy }: HttpContext) {
    const workspace = await findWorkspace(tenancy, params.id)
    const { suspended, ...payload } = await validateBody(request, updateWorkspaceValidator)
    // { suspended } (API.md's console line) is { status } by another name; both must agree.
    if (suspended !== undefined) {
      const status = suspended ? 'suspended' : 'active'
      if (payload.status !== undefined && payload.status !== status)
        throw ApiError.validation([{ field: 'suspended', message: 'suspended contradicts status' }])
      payload.status = status
    }
    const before = workspace.webChatEnabled
    const wasStatus = workspace.status
    workspace.merge({
      status: payload.status ?? workspace.status,
      suspendedAt:
        payload.status === undefined || payload.status === wasStatus
          ? workspace.suspendedAt
          : payload.status === 'suspended'
            ? DateTime.now()
            : null,
      name: payload.name ?? workspace.name,
      ...chatChanges(workspace, payload.webChat),
      transcriptionMinutesQuota:
        payload.transcriptionMinutesQuota === undefined
          ? workspace.transcriptionMinutesQuota
          : payload.transcriptionMinutesQuota,
    })
    if (payload.campaignOptOut) {
      workspace.campaignOptOut = campaignOptOutChange(
        workspace.campaignOptOut,
        payload.campaignOptOut
      )
    }
    const chatChanged = CHAT_SETTINGS.filter((name) => name in workspace.$dirty)
    await workspace.useTransaction(tenancy.trx).save()
    if (chatChanged.length) {
      await audit(tenancy.trx, {
        tenantId: tenancy.tenantId,
        workspaceId: workspace.id,
        action: 'workspace.chat_settings_changed',
        actor: settingsActor(tenancy),
        target: { type: 'workspace', id: workspace.id },
        data: WorkspaceTransformer.transform(workspace).webChat,
      })
    }
    if (payload.campaignOptOut) {
      await audit(tenancy.trx, {
        tenantId: tenancy.tenantId,
        workspaceId: workspace.id,
        action: 'workspace.campaign_opt_out_changed',
        actor: settingsActor(tenancy),
        target: { type: 'workspace', id: workspace.id },
        data: WorkspaceTransformer.transform(workspace).campaignOptOut,
      })
    }
    if (before !== workspace.webChatEnabled) {
      await audit(tenancy.trx, {
        tenantId: tenancy.tenantId,
        workspaceId: workspace.id,
        action: 'workspace.web_chat_changed',
        actor: settingsActor(tenancy),
        target: { type: 'workspace', id: workspace.id },
        data: { enabled: workspace.webChatEnabled },
      })
    }
    if (wasStatus !== workspace.status) {
      await audit(tenancy.trx, {
        tenantId: tenancy.tenantId,
        workspaceId: workspace.id,
        action: workspace.status === 'suspended' ? 'workspace.suspended' : 'workspace.resumed',
        actor: settingsActor(tenancy),
        target: { type: 'workspace', id: workspace.id },
      })
      if (workspace.status === 'suspended') {
        // Its sessions are refused from now on; open streams close everywhere.
        await recordEvent(tenancy.trx, 'access:changed', {
          tenantId: tenancy.tenantId,
          workspaceId: workspace.id,
          reason: 'workspace_suspended',
        })
      }
    }
    return WorkspaceTransformer.transform(workspace)
  }
}

const CHAT_SETTINGS = [
  'chatTeamName',
  'chatReplyTime',
  'chatPreChat',
  'chatPreChatRequired',
  'chatEmailCaptureSeconds',
] as const

/** The web chat settings a PATCH names; null clears the team name or the email prompt. */
function chatChanges(workspace: Workspace, chat: UpdateWorkspace['webChat']) {
  return {
    webChatEnabled: chat?.enabled ?? workspace.webChatEnabled,
    chatTeamName: chat?.teamName === undefined ? workspace.chatTeamName : chat.teamName,
    chatReplyTime: chat?.replyTime ?? workspace.chatReplyTime,
    chatPreChat: chat?.preChat?.ask ?? workspace.chatPreChat,
    chatPreChatRequired: chat?.preChat?.required ?? workspace.chatPreChatRequired,
    chatEmailCaptureSeconds:
      chat?.emailCaptureSeconds === undefined
        ? workspace.chatEmailCaptureSeconds
        : chat.emailCaptureSeconds,
  }
}

type UpdateWorkspace = Infer<typeof updateWorkspaceValidator>

/**
 * Members per workspace of one page, in one grouped count. On the relay pool scoped to the tenant:
 * the application role sees one workspace's members at a time.
 */
async function membersCounts(tenantId: string, ids: string[]) {
  if (!ids.length) return new Map<string, number>()
  const rows = await withTenant(
    { tenantId },
    (trx) =>
      trx
        .from('members')
        .where('tenant_id', tenantId)
        .whereIn('workspace_id', ids)
        .groupBy('workspace_id')
        .select('workspace_id')
        .count('* as n'),
    'relay'
  )
  return new Map(
    (rows as { workspace_id: string; n: string | number }[]).map((r) => [
      r.workspace_id,
      Number(r.n),
    ])
  )
}

/**
 * Tenant-settings routes: one of the tenant's workspaces (Workspace is scoped by tenant only), named
 * by Parley's id or, failing that, by the reseller's own (the `workspace.id` of POST /v1/sessions).
 */
async function findWorkspace(tenancy: Tenancy, id: string) {
  const byParleyId = UUID_PATTERN.test(id)
    ? await Workspace.scoped(tenancy).where('id', id).first()
    : null
  const found = byParleyId ?? (await Workspace.scoped(tenancy).where('external_id', id).first())
  if (!found) throw ApiError.notFound('Workspace')
  return found
}
