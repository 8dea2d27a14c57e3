// Stripe.js, loaded once per page from the URL the server names (https://js.stripe.com/v3/, or the
// local sandbox's), with the types of the small part the Charge card popup uses.

export type StripeJsError = {
  type: string
  code?: string
  decline_code?: string
  message?: string
  param?: string
}

export type StripeCardChangeEvent = {
  elementType: "card"
  empty: boolean
  complete: boolean
  brand: string
  error?: StripeJsError
}

export type StripeCardElementOptions = {
  hidePostalCode?: boolean
  disabled?: boolean
  style?: {
    base?: Record<string, string | Record<string, string>>
    invalid?: Record<string, string>
  }
}

export type StripeCardElement = {
  mount(target: HTMLElement | string): void
  unmount(): void
  destroy(): void
  focus(): void
  update(options: StripeCardElementOptions): void
  on(event: "ready" | "focus" | "blur" | "escape", handler: () => void): StripeCardElement
  on(event: "change", handler: (event: StripeCardChangeEvent) => void): StripeCardElement
}

export type BillingDetails = {
  name?: string
  email?: string
  phone?: string
  address?: {
    line1?: string
    line2?: string
    city?: string
    state?: string
    postal_code?: string
    country?: string
  }
}

export type PaymentMethodResult =
  | { paymentMethod: { id: string; card?: { brand: string; last4: string } }; error?: undefined }
  | { paymentMethod?: undefined; error: StripeJsError }

export type StripeJs = {
  elements(options?: Record<string, unknown>): { create(type: "card", options?: StripeCardElementOptions): StripeCardElement }
  createPaymentMethod(params: { type: "card"; card: StripeCardElement; billing_details?: BillingDetails }): Promise<PaymentMethodResult>
}

export type StripeJsFactory = (publishableKey: string, options?: { stripeAccount?: string }) => StripeJs

declare global {
  interface Window {
    Stripe?: StripeJsFactory
  }
}

/** How long the script may take before the popup says it could not load. */
const LOAD_TIMEOUT_MS = 20_000

const loads = new Map<string, Promise<StripeJsFactory>>()
const instances = new Map<string, StripeJs>()

/** Adds Stripe.js's script tag once; a failed load is forgotten, so a retry adds a fresh tag. */
export function loadStripeJs(url: string): Promise<StripeJsFactory> {
  const known = loads.get(url)
  if (known) return known
  const loading = new Promise<StripeJsFactory>((resolve, reject) => {
    if (window.Stripe) {
      resolve(window.Stripe)
      return
    }
    const script = document.createElement("script")
    const fail = (message: string) => {
      window.clearTimeout(timer)
      script.remove()
      loads.delete(url)
      reject(new Error(message))
    }
    const timer = window.setTimeout(() => fail(`Stripe.js did not load from ${url} in time.`), LOAD_TIMEOUT_MS)
    script.src = url
    script.async = true
    script.onload = () => {
      window.clearTimeout(timer)
      if (window.Stripe) resolve(window.Stripe)
      else fail(`${url} loaded, but it is not Stripe.js.`)
    }
    script.onerror = () => fail(`Stripe.js could not be loaded from ${url}.`)
    document.head.appendChild(script)
  })
  loads.set(url, loading)
  return loading
}

/** One Stripe.js instance per key and account, as Stripe recommends. */
export async function stripeJsFor(url: string, publishableKey: string, stripeAccount: string | null): Promise<StripeJs> {
  const factory = await loadStripeJs(url)
  const id = `${publishableKey}|${stripeAccount ?? ""}`
  let stripe = instances.get(id)
  if (!stripe) {
    stripe = factory(publishableKey, stripeAccount ? { stripeAccount } : undefined)
    instances.set(id, stripe)
  }
  return stripe
}
