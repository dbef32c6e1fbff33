/**
 * Stripe.js, loaded only when a payment needs it, from Stripe's own origin as Stripe requires
 * (never bundled): one script tag for the page, whatever the number of widgets. A page that
 * already has `window.Stripe` (the host loaded it, or a test put a double there) is not asked
 * to load it again.
 */

export const STRIPE_JS = 'https://js.stripe.com/v3/'

interface StripeError {
  message?: string
  code?: string
}
type Outcome = Promise<{ error?: StripeError }>

/** What the widget uses of a Payment Element. */
export interface StripePaymentElement {
  mount(target: HTMLElement): void
  destroy(): void
  focus?(): void
  on?(event: 'ready' | 'change', handler: (event?: { complete?: boolean }) => void): void
}

/** What the widget uses of a Stripe instance (Stripe.js v3). */
export interface StripeInstance {
  elements(options: { clientSecret: string; appearance?: object; locale?: string }): {
    create(type: 'payment', options?: object): StripePaymentElement
  }
  confirmSetup(options: {
    elements: unknown
    redirect: 'if_required'
    confirmParams: { return_url: string }
  }): Outcome
  confirmCardPayment?(clientSecret: string): Outcome
  confirmCardSetup?(clientSecret: string): Outcome
  handleNextAction?(options: { clientSecret: string }): Outcome
}

export type StripeFactory = (
  publishableKey: string,
  options?: { stripeAccount?: string; locale?: string }
) => StripeInstance

/** Stripe.js could not load: a Content-Security-Policy, an ad blocker, no network. */
export class StripeUnavailableError extends Error {
  code = 'STRIPE_UNAVAILABLE' as const
  constructor() {
    super('Stripe.js could not be loaded from https://js.stripe.com')
  }
}

const factory = () => (window as { Stripe?: StripeFactory }).Stripe
let loading: Promise<StripeFactory> | undefined

/** Stripe's factory, loading https://js.stripe.com/v3/ the first time (one script tag). */
export function loadStripe(timeoutMs = 20_000): Promise<StripeFactory> {
  const ready = factory()
  if (ready) return Promise.resolve(ready)
  loading ??= new Promise<StripeFactory>((resolve, reject) => {
    let script = document.querySelector<HTMLScriptElement>(`script[src^="${STRIPE_JS}"]`)
    const fail = () => {
      clearTimeout(timer)
      document.removeEventListener('securitypolicyviolation', onViolation)
      // A later attempt (the host fixed its policy and the user retried) starts afresh.
      if (!factory()) script?.remove()
      loading = undefined
      reject(new StripeUnavailableError())
    }
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI.startsWith('https://js.stripe.com')) fail()
    }
    const timer = setTimeout(fail, timeoutMs)
    document.addEventListener('securitypolicyviolation', onViolation)
    try {
      if (!script) {
        script = document.createElement('script')
        script.src = STRIPE_JS
        script.async = true
        document.head.append(script)
      }
    } catch {
      // Trusted Types refuse a plain URL: the same as a blocked script.
      return fail()
    }
    script.addEventListener('error', fail)
    script.addEventListener('load', () => {
      const loaded = factory()
      if (!loaded) return fail()
      clearTimeout(timer)
      document.removeEventListener('securitypolicyviolation', onViolation)
      resolve(loaded)
    })
  })
  return loading
}

const instances = new Map<string, StripeInstance>()

/** One Stripe instance per key and connected account (Stripe warns against creating several). */
export async function stripeFor(
  keys: { publishableKey: string; stripeAccount?: string | null },
  locale: string
) {
  const Stripe = await loadStripe()
  const id = `${keys.publishableKey}:${keys.stripeAccount ?? ''}:${locale}`
  let stripe = instances.get(id)
  if (!stripe) {
    stripe = Stripe(keys.publishableKey, {
      locale,
      ...(keys.stripeAccount ? { stripeAccount: keys.stripeAccount } : {}),
    })
    instances.set(id, stripe)
  }
  return stripe
}

/**
 * Confirms a payment or setup the customer's bank must approve (3-D Secure), from the client
 * secret the server answered: a SetupIntent's (a trial) or a PaymentIntent's.
 */
export async function confirmAction(stripe: StripeInstance, clientSecret: string) {
  const next = (secret: string) => stripe.handleNextAction!({ clientSecret: secret })
  const confirm = clientSecret.startsWith('seti_')
    ? (stripe.confirmCardSetup?.bind(stripe) ?? next)
    : (stripe.confirmCardPayment?.bind(stripe) ?? next)
  const result = await confirm(clientSecret)
  if (result.error)
    throw Object.assign(new Error(result.error.message ?? ''), { stripe: result.error })
}

/** Any CSS colour as #rrggbb (Stripe's appearance API takes hex, rgb and hsl, not oklch). */
function hex(css: string) {
  const canvas = new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })
  if (!canvas) return undefined
  canvas.fillStyle = css
  canvas.fillRect(0, 0, 1, 1)
  const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`
}

/**
 * The Payment Element dressed in the tenant's theme: colours read from elements styled by the
 * tokens (`probe` has `color: primary`, `background: surface`…), `night` in the dark scheme.
 */
export function appearanceFrom(probe: Element, text: Element) {
  const box = getComputedStyle(probe)
  const ink = getComputedStyle(text)
  const background = hex(box.backgroundColor)
  const level = (at: number) => Number.parseInt(background?.slice(at, at + 2) ?? 'ff', 16)
  const dark = level(1) + level(3) + level(5) < 384
  return {
    theme: dark ? 'night' : 'stripe',
    variables: {
      colorPrimary: hex(box.color),
      colorBackground: background,
      colorText: hex(ink.color),
      colorDanger: hex(box.borderTopColor),
      fontFamily: ink.fontFamily,
      borderRadius: box.borderTopLeftRadius,
    },
  }
}
