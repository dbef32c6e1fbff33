import { html } from 'lit'
import type { MessageKey } from '../kit/localize.js'
import type { Actor, Feature, MonthUsage, TenantStatus } from './api.js'
import type { Formats } from './format.js'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

/** A tenant's status in words, with a coloured dot (the words carry the meaning, not the colour). */
export const tenantStatus = (t: T, status: TenantStatus) =>
  html`<span class="status ${status}">${t(`admin.status.${status}`)}</span>`

/** This month's use, one short line per feature ("420 messages"). */
export const usageLines = (t: T, f: Formats, usage: MonthUsage, features: readonly Feature[]) =>
  features.map((feature) =>
    t(`admin.short.${feature}`, { n: f.number(usage.features?.[feature] ?? 0) })
  )

/** Who did it: an admin's email, or the operator's shell user. */
export const actorName = (t: T, actor: Actor | null) =>
  !actor
    ? t('admin.tenant.someone')
    : actor.email ||
      (actor.type === 'operator' ? t('admin.tenant.operator', { id: actor.id }) : actor.id)
