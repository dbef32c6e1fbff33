import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { api, realtime, whenConfigured } from '../kit/runtime.js'
import { describeError } from '../kit/errors.js'
import type { Billing, Invoice, InvoicePage, Plan } from './billing.types.js'

type Role = 'owner' | 'admin' | 'agent' | 'viewer'

interface Me {
  tenant: { id: string }
  workspaceId: string
  member: { role: Role }
}

/**
 * What the page is: loading; ready; `forbidden` (the API's 403: not an owner or admin);
 * `notConfigured` (424: the reseller has not connected Stripe); `error` (anything else).
 */
export type Phase = 'loading' | 'ready' | 'forbidden' | 'notConfigured' | 'error'

/**
 * The workspace's billing as the API has it: the subscription and usage, the public plans and
 * the invoices page by page, refreshed whenever the server says `billing.updated` on the
 * workspace's billing channel (a webhook applied, another tab changed the plan).
 */
export class BillingData implements ReactiveController {
  phase: Phase = 'loading'
  error?: unknown
  role: Role = 'viewer'
  billing?: Billing
  plans: Plan[] = []
  invoices: Invoice[] = []
  nextCursor: string | null = null
  upcoming: InvoicePage['upcoming'] = null
  loadingMore = false

  #unsubscribe?: Promise<() => Promise<void>>
  #reloading?: Promise<void>
  #again = false

  constructor(
    private host: ReactiveControllerHost & EventTarget,
    private onError: (error: unknown) => void
  ) {
    host.addController(this)
  }

  hostConnected() {
    void this.load()
  }

  hostDisconnected() {
    void this.#unsubscribe?.then((off) => off()).catch(() => {})
    this.#unsubscribe = undefined
  }

  /** Only owners change anything (the server checks too). */
  get canManage() {
    return this.role === 'owner'
  }

  async load() {
    this.phase = 'loading'
    this.host.requestUpdate()
    try {
      await whenConfigured()
      const me = await api().request<Me>('/v1/me')
      this.role = me.member.role
      const [billing, plans, invoices] = await Promise.all([
        api().request<Billing>('/v1/billing'),
        api().request<{ data: Plan[] }>('/v1/billing/plans'),
        api().request<InvoicePage>('/v1/billing/invoices'),
      ])
      this.billing = billing
      this.plans = plans.data
      this.#first(invoices)
      this.phase = 'ready'
      this.#follow(me)
    } catch (error) {
      this.error = error
      const { code } = describeError(error)
      this.phase =
        code === 'AUTHORIZATION_ERROR'
          ? 'forbidden'
          : code === 'PROVIDER_NOT_CONFIGURED'
            ? 'notConfigured'
            : 'error'
      // Not being allowed is this member's normal state, not a failure to report.
      if (this.phase !== 'forbidden') this.onError(error)
    }
    this.host.requestUpdate()
  }

  /** The subscription, usage and first page of invoices again; calls that overlap run once more. */
  reload(): Promise<void> {
    if (this.#reloading) {
      this.#again = true
      return this.#reloading
    }
    this.#reloading = (async () => {
      do {
        this.#again = false
        try {
          const [billing, invoices] = await Promise.all([
            api().request<Billing>('/v1/billing'),
            api().request<InvoicePage>('/v1/billing/invoices'),
          ])
          this.billing = billing
          this.#first(invoices)
        } catch (error) {
          this.onError(error)
        }
        this.host.requestUpdate()
      } while (this.#again)
    })().finally(() => (this.#reloading = undefined))
    return this.#reloading
  }

  async more() {
    if (!this.nextCursor || this.loadingMore) return
    this.loadingMore = true
    this.host.requestUpdate()
    try {
      const page = await api().request<InvoicePage>('/v1/billing/invoices', {
        query: { cursor: this.nextCursor },
      })
      this.invoices = [...this.invoices, ...page.data]
      this.nextCursor = page.nextCursor
    } catch (error) {
      this.onError(error)
    } finally {
      this.loadingMore = false
      this.host.requestUpdate()
    }
  }

  #first(page: InvoicePage) {
    this.invoices = page.data
    this.nextCursor = page.nextCursor
    this.upcoming = page.upcoming ?? null
  }

  #follow(me: Me) {
    if (this.#unsubscribe) return
    const channel = `tenants/${me.tenant.id}/workspaces/${me.workspaceId}/billing`
    this.#unsubscribe = realtime().then((client) =>
      client.subscribe(channel, (event) => {
        if (event.type === 'billing.updated') void this.reload()
      })
    )
    // Live updates are a convenience: without them the widget still works on reloads.
    this.#unsubscribe.catch(() => (this.#unsubscribe = undefined))
  }
}
