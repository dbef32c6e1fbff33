import type { HttpContext } from '@adonisjs/core/http'
import Segment from '#models/segment'
import SegmentPolicy from '#policies/segment_policy'
import { previewSegment } from '#services/campaigns/segments'
import { ContactTransformer } from '#transformers/inbox_transformers'
import { iso } from '#transformers/time'
import { validateBody } from '#validators/strict'
import {
  checkRules,
  createSegmentValidator,
  previewSegmentValidator,
  updateSegmentValidator,
} from '#validators/segments'

const transform = (s: Segment) => ({
  id: s.id,
  name: s.name,
  rules: s.rules,
  createdAt: iso(s.createdAt),
  updatedAt: iso(s.updatedAt),
})

/**
 * Segments of the workspace (campaign audiences): everyone with campaigns reads them and
 * previews who a rule tree reaches; admins and owners save, change and delete them.
 */
export default class SegmentsController {
  async preview({ request, member, bouncer }: HttpContext) {
    await bouncer.with(SegmentPolicy).authorize('read')
    const payload = await validateBody(request, previewSegmentValidator)
    const preview = await previewSegment(member, checkRules(payload.rules), payload.channel)
    return { ...preview, sample: preview.sample.map(ContactTransformer.transform) }
  }

  async index({ member, bouncer }: HttpContext) {
    await bouncer.with(SegmentPolicy).authorize('read')
    const rows = await Segment.scoped(member).orderBy('name').orderBy('id').limit(500)
    return { data: rows.map(transform) }
  }

  async store({ request, response, member, bouncer }: HttpContext) {
    await bouncer.with(SegmentPolicy).authorize('manage')
    const payload = await validateBody(request, createSegmentValidator)
    const created = await Segment.create(
      {
        tenantId: member.tenantId,
        workspaceId: member.workspaceId,
        name: payload.name,
        rules: checkRules(payload.rules),
      },
      { client: member.trx }
    )
    return response.created(transform(created))
  }

  async show({ params, member, bouncer }: HttpContext) {
    await bouncer.with(SegmentPolicy).authorize('read')
    return transform(await Segment.findScoped(member, params.id, 'Segment'))
  }

  async update({ params, request, member, bouncer }: HttpContext) {
    await bouncer.with(SegmentPolicy).authorize('manage')
    const segment = await Segment.findScoped(member, params.id, 'Segment')
    const payload = await validateBody(request, updateSegmentValidator)
    if (payload.name !== undefined) segment.name = payload.name
    if (payload.rules !== undefined) segment.rules = checkRules(payload.rules)
    await segment.save()
    return transform(segment)
  }

  async destroy({ params, response, member, bouncer }: HttpContext) {
    await bouncer.with(SegmentPolicy).authorize('manage')
    const segment = await Segment.findScoped(member, params.id, 'Segment')
    await segment.delete()
    return response.noContent()
  }
}
