import type { MessageKey } from '../kit/localize.js'
import type { CampaignDraft } from './campaign-model.js'
import { missingValues } from './audience-count-controller.js'

/** Which builder step a field of the API's 422 details belongs to. */
export const stepOf = (field: string) =>
  /^(steps)/.test(field) ? 1 : /^(schedule|limits)/.test(field) ? 2 : 0

/** Problems of one step, by the API's field names, so they show where the server's would. */
export function checkStep(
  d: CampaignDraft,
  t: (key: MessageKey) => string,
  step: number
): Record<string, string> {
  const errors: Record<string, string> = {}
  const required = t('builder.required')
  if (step === 0) {
    if (!d.name.trim()) errors.name = required
    const a = d.audience
    if ('segmentId' in a && !a.segmentId)
      errors['audience.segmentId'] = t('builder.audience.chooseSegment')
    if ('rules' in a) {
      if (!a.rules.rules.length) errors['audience.rules'] = t('builder.audience.noRules')
      for (const field of missingValues(a.rules)) errors[field] = required
    }
  }
  if (step === 1)
    d.steps.forEach((s, i) => {
      s.variants.forEach((v, j) => {
        if (!v.body.trim()) errors[`steps.${i}.variants.${j}.body`] = t('builder.message.empty')
      })
      if (s.abTest && !(s.abTest.testShare > 0 && s.abTest.testShare <= 0.5))
        errors[`steps.${i}.abTest.testShare`] = t('builder.message.testShareRange')
    })
  if (step === 2) {
    if (d.schedule && !d.schedule.sendAt) errors['schedule.sendAt'] = required
    const q = d.limits.quietHours
    if (q && q.start === q.end) errors['limits.quietHours'] = t('builder.schedule.quietSame')
    const cap = d.limits.frequencyCap
    if (cap && !(cap.messages >= 1 && cap.days >= 1))
      errors['limits.frequencyCap'] = t('builder.schedule.capRange')
  }
  return errors
}
