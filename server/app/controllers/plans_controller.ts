import type { HttpContext } from '@adonisjs/core/http'
import Plan from '#models/plan'
import { audit } from '#services/audit'
import { requireStripe } from '#services/billing/stripe_client'
import { PlanSync, showPlan } from '#services/billing/plans'
import { validateBody } from '#validators/strict'
import { checkPlan, createPlanValidator, updatePlanValidator } from '#validators/billing'

/**
 * The tenant's plans (secret key), each kept in sync with a Product and Prices in its Stripe
 * account. DELETE archives (the plan and its Stripe objects): workspaces on it keep it until
 * they change plans. Every route answers 424 until Stripe is configured.
 */
export default class PlansController {
  async index({ tenancy }: HttpContext) {
    await requireStripe(tenancy.trx, tenancy.tenantId)
    const plans = await Plan.scoped(tenancy).whereNull('archived_at').orderBy('created_at')
    return { data: plans.map((p) => showPlan(p)), nextCursor: null }
  }

  async show({ params, tenancy }: HttpContext) {
    await requireStripe(tenancy.trx, tenancy.tenantId)
    return showPlan(await Plan.findScoped(tenancy, params.id, 'Plan'))
  }

  async store({ request, response, tenancy }: HttpContext) {
    const { settings, stripe } = await requireStripe(tenancy.trx, tenancy.tenantId)
    const payload = await validateBody(request, createPlanValidator)
    checkPlan(payload)
    const plan = new Plan()
    plan.merge({
      tenantId: tenancy.tenantId,
      name: payload.name,
      description: payload.description ?? null,
      prices: [],
      trialDays: payload.trialDays ?? null,
      limits: payload.limits ?? {},
      overage: {},
      public: payload.public ?? true,
      perSeat: payload.perSeat ?? false,
      stripeProductId: null,
    })
    Plan.assignId(plan)
    await new PlanSync(tenancy.trx, stripe, { ...settings, tenantId: tenancy.tenantId }).sync(
      plan,
      { prices: payload.prices ?? [], overage: payload.overage ?? {} }
    )
    await plan.useTransaction(tenancy.trx).save()
    await this.audit(tenancy, 'plan.created', plan)
    return response.created(showPlan(plan))
  }

  async update({ params, request, tenancy }: HttpContext) {
    const { settings, stripe } = await requireStripe(tenancy.trx, tenancy.tenantId)
    const plan = await Plan.findScoped(tenancy, params.id, 'Plan')
    const payload = await validateBody(request, updatePlanValidator)
    const limits = payload.limits ?? plan.limits
    const prices =
      payload.prices ??
      plan.prices.map(({ interval, amount, currency }) => ({ interval, amount, currency }))
    const overage =
      payload.overage ??
      Object.fromEntries(
        Object.entries(plan.overage).map(([f, o]) => [f, { unitAmount: o!.unitAmount }])
      )
    checkPlan({ prices, limits, overage })
    plan.merge({
      name: payload.name ?? plan.name,
      description: payload.description === undefined ? plan.description : payload.description,
      trialDays: payload.trialDays === undefined ? plan.trialDays : payload.trialDays,
      limits,
      public: payload.public ?? plan.public,
      perSeat: payload.perSeat ?? plan.perSeat,
    })
    if (!plan.archivedAt) {
      await new PlanSync(tenancy.trx, stripe, { ...settings, tenantId: tenancy.tenantId }).sync(
        plan,
        { prices, overage }
      )
    }
    await plan.save()
    await this.audit(tenancy, 'plan.updated', plan)
    return showPlan(plan)
  }

  async destroy({ params, response, tenancy }: HttpContext) {
    const { settings, stripe } = await requireStripe(tenancy.trx, tenancy.tenantId)
    const plan = await Plan.findScoped(tenancy, params.id, 'Plan')
    if (!plan.archivedAt) {
      await new PlanSync(tenancy.trx, stripe, { ...settings, tenantId: tenancy.tenantId }).archive(
        plan
      )
      await plan.save()
      await this.audit(tenancy, 'plan.archived', plan)
    }
    return response.noContent()
  }

  private audit(tenancy: HttpContext['tenancy'], action: string, plan: Plan) {
    return audit(tenancy.trx, {
      tenantId: tenancy.tenantId,
      action,
      actor: { type: 'secret_key', id: tenancy.actor.id },
      target: { type: 'plan', id: plan.id },
    })
  }
}
