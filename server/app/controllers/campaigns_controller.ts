import type { HttpContext } from '@adonisjs/core/http'
import Campaign from '#models/campaign'
import CampaignPolicy from '#policies/campaign_policy'
import {
  cancelCampaign,
  createCampaign,
  deleteCampaign,
  launchCampaign,
  pauseCampaign,
  previewCampaign,
  resumeCampaign,
  updateCampaign,
  type CampaignInput,
} from '#services/campaigns/campaigns'
import {
  campaignStats,
  campaignSummaries,
  recipientsCsv,
  recipientsPage,
} from '#services/campaigns/stats'
import { enrolContacts } from '#services/campaigns/enrolments'
import { paginate } from '#services/pagination'
import { CampaignTransformer } from '#transformers/campaign_transformer'
import { validateBody, validateQuery } from '#validators/strict'
import {
  createCampaignValidator,
  enrolContactsValidator,
  listCampaignsValidator,
  listRecipientsValidator,
  previewCampaignValidator,
  updateCampaignValidator,
  validateCampaignBody,
} from '#validators/campaigns'

const find = (ctx: HttpContext) => Campaign.findScoped(ctx.member, ctx.params.id, 'Campaign')

/**
 * Broadcasts and drips (API.md, "Campaigns"): everyone with campaigns reads them, their stats
 * and recipients; admins and owners build, launch, pause, resume, cancel and delete them. The
 * lifecycle lives in services/campaigns/campaigns.ts; sending is the engine's.
 */
export default class CampaignsController {
  async index({ request, member, bouncer }: HttpContext) {
    await bouncer.with(CampaignPolicy).authorize('read')
    const { status, ...page } = await validateQuery(request, listCampaignsValidator)
    const query = Campaign.scoped(member)
    if (status) query.where('status', status)
    const { data, nextCursor } = await paginate(query, page)
    // Each launched campaign's key numbers (audience, sent, replied), for the whole page at once.
    const summaries = await campaignSummaries(member, data)
    return {
      data: data.map((c) => ({
        ...CampaignTransformer.transform(c),
        stats: summaries.get(c.id) ?? null,
      })),
      nextCursor,
    }
  }

  async store({ request, response, member, bouncer }: HttpContext) {
    await bouncer.with(CampaignPolicy).authorize('manage')
    const payload = await validateCampaignBody(request, createCampaignValidator)
    const campaign = await createCampaign(member, payload as CampaignInput)
    return response.created(CampaignTransformer.transform(campaign))
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with(CampaignPolicy).authorize('read')
    return CampaignTransformer.transform(await find(ctx))
  }

  async update({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(CampaignPolicy).authorize('manage')
    await Campaign.findScoped(member, params.id, 'Campaign')
    const payload = await validateCampaignBody(request, updateCampaignValidator)
    const campaign = await updateCampaign(member, params.id, payload as Partial<CampaignInput>)
    return CampaignTransformer.transform(campaign)
  }

  async destroy({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(CampaignPolicy).authorize('manage')
    await deleteCampaign(member, params.id)
    return response.noContent()
  }

  async preview(ctx: HttpContext) {
    await ctx.bouncer.with(CampaignPolicy).authorize('read')
    const campaign = await find(ctx)
    const { contactId } = await validateBody(ctx.request, previewCampaignValidator)
    return previewCampaign(ctx.member, campaign, contactId)
  }

  async launch({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(CampaignPolicy).authorize('manage')
    return response.accepted(CampaignTransformer.transform(await launchCampaign(member, params.id)))
  }

  async pause({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(CampaignPolicy).authorize('manage')
    return response.accepted(CampaignTransformer.transform(await pauseCampaign(member, params.id)))
  }

  async resume({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(CampaignPolicy).authorize('manage')
    return response.accepted(CampaignTransformer.transform(await resumeCampaign(member, params.id)))
  }

  async cancel({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(CampaignPolicy).authorize('manage')
    return response.accepted(CampaignTransformer.transform(await cancelCampaign(member, params.id)))
  }

  /** Contacts join a drip that has started (from the reseller's code rather than a segment). */
  async enrol({ params, request, response, member, bouncer }: HttpContext) {
    await bouncer.with(CampaignPolicy).authorize('manage')
    await Campaign.findScoped(member, params.id, 'Campaign')
    const { contactIds } = await validateBody(request, enrolContactsValidator)
    return response.accepted(await enrolContacts(member, params.id, contactIds))
  }

  async stats(ctx: HttpContext) {
    await ctx.bouncer.with(CampaignPolicy).authorize('read')
    return campaignStats(ctx.member, await find(ctx))
  }

  /** JSON pages, or with `Accept: text/csv` every row (of the status asked) as a streamed CSV. */
  async recipients(ctx: HttpContext) {
    const { request, response, member } = ctx
    await ctx.bouncer.with(CampaignPolicy).authorize('read')
    const campaign = await find(ctx)
    const query = await validateQuery(request, listRecipientsValidator)
    if (request.accepts(['application/json', 'text/csv']) === 'text/csv') {
      response.header('Content-Type', 'text/csv; charset=utf-8')
      response.header(
        'Content-Disposition',
        `attachment; filename="campaign-${campaign.id}-recipients.csv"`
      )
      const scope = { tenantId: member.tenantId, workspaceId: member.workspaceId }
      return response.stream(recipientsCsv(scope, campaign.id, query.status))
    }
    return recipientsPage(member, campaign.id, query)
  }
}
