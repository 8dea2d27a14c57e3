import type Stripe from "stripe"
import { PLUGIN_MARKER_KEY, PLUGIN_MARKER_VALUE } from "./metadata"

/**
 * What the provider keeps in a Medusa payment session's (and payment's) `data`. Medusa stores it
 * and hands it back on every later call; the storefront sees it too (client_secret for Stripe.js).
 * Fields set from trusted input only (stripe_account, off_session, moto) are always written by us,
 * so a storefront cannot smuggle them in through the session's data.
 */
export type StripeCollectSessionData = {
  /** The PaymentIntent id (Medusa's convention for `data.id`); null while a deferred session waits. */
  id: string | null
  payment_intent_id: string | null
  /** Medusa payment session id, also in the Stripe object's metadata. */
  session_id: string | null
  [PLUGIN_MARKER_KEY]: typeof PLUGIN_MARKER_VALUE
  /** Connected account every Stripe call for this session is made on. */
  stripe_account: string | null
  /** Deferred (payment link): no PaymentIntent until the customer pays on a Checkout Session. */
  deferred: boolean
  /** Admin charge: the PaymentIntent is created and confirmed in one call at authorization. */
  charge_on_authorize: boolean
  /** Set by server code: report a PaymentIntent Stripe captured as authorized, to capture through Medusa. */
  capture_through_medusa?: boolean
  checkout_session_id: string | null
  checkout_session_ids: string[]
  currency: string
  /** Minor units, as at Stripe. */
  amount: number
  amount_capturable?: number
  amount_received?: number
  amount_refunded?: number
  refund_ids?: string[]
  status?: string
  capture_method?: string
  client_secret?: string | null
  customer?: string | null
  payment_method?: string | null
  latest_charge?: string | null
  off_session: boolean
  moto: boolean
  next_action?: { type: string; redirect_url?: string | null } | null
  last_payment_error?: { code?: string; decline_code?: string; message?: string } | null
  description?: string | null
  receipt_email?: string | null
  save_payment_method?: boolean
  order_id?: string | null
  /** The metadata put on the PaymentIntent (ours, plus the caller's references). */
  metadata?: Record<string, string>
  /** The card charged, for the admin's eyes (from the expanded PaymentMethod). */
  card?: CardSummary | null
  livemode?: boolean
}

export type CardSummary = {
  brand: string
  last4: string
  exp_month: number
  exp_year: number
  funding: string
  country: string | null
}

/** Typed reads of Medusa's `Record<string, unknown>` data. */
export class SessionDataReader {
  constructor(private readonly data: Record<string, unknown> = {}) {}

  get raw(): Record<string, unknown> {
    return this.data
  }

  string(key: string): string | undefined {
    const value = this.data[key]
    return typeof value === "string" && value.length > 0 ? value : undefined
  }

  number(key: string): number | undefined {
    const value = this.data[key]
    return typeof value === "number" && Number.isFinite(value) ? value : undefined
  }

  flag(key: string): boolean {
    return this.data[key] === true || this.data[key] === "true"
  }

  strings(key: string): string[] {
    const value = this.data[key]
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string" && v.length > 0) : []
  }

  get paymentIntentId(): string | undefined {
    const id = this.string("payment_intent_id") ?? this.string("id")
    return id?.startsWith("pi_") ? id : undefined
  }

  get stripeAccount(): string | undefined {
    return this.string("stripe_account")
  }

  get deferred(): boolean {
    return this.flag("deferred")
  }

  /** Checkout Sessions made for a deferred session, newest first, without repeats. */
  get checkoutSessionIds(): string[] {
    const single = this.string("checkout_session_id")
    return [...new Set([...(single ? [single] : []), ...this.strings("checkout_session_ids")])]
  }
}

/** The session data for a PaymentIntent, keeping our bookkeeping from `base`. */
export function dataForPaymentIntent(
  intent: Stripe.PaymentIntent,
  base: Record<string, unknown>
): Record<string, unknown> {
  const error = intent.last_payment_error
  return {
    ...base,
    id: intent.id,
    payment_intent_id: intent.id,
    status: intent.status,
    currency: intent.currency,
    amount: intent.amount,
    amount_capturable: intent.amount_capturable,
    amount_received: intent.amount_received,
    capture_method: intent.capture_method,
    client_secret: intent.client_secret,
    customer: idOf(intent.customer),
    payment_method: idOf(intent.payment_method),
    card: cardOf(intent.payment_method) ?? (isCardSummary(base.card) ? base.card : null),
    latest_charge: idOf(intent.latest_charge),
    next_action: intent.next_action
      ? { type: intent.next_action.type, redirect_url: intent.next_action.redirect_to_url?.url ?? null }
      : null,
    last_payment_error: error
      ? { code: error.code, decline_code: error.decline_code, message: error.message }
      : null,
    livemode: intent.livemode,
  }
}

/** Brand and last digits of an expanded card PaymentMethod; undefined when not expanded. */
export function cardOf(method: string | Stripe.PaymentMethod | null | undefined): CardSummary | undefined {
  if (!method || typeof method === "string" || !method.card) return undefined
  return {
    brand: method.card.brand,
    last4: method.card.last4,
    exp_month: method.card.exp_month,
    exp_year: method.card.exp_year,
    funding: method.card.funding,
    country: method.card.country ?? null,
  }
}

function isCardSummary(value: unknown): value is CardSummary {
  return !!value && typeof value === "object" && "brand" in value && "last4" in value
}

/** The id of an expandable Stripe field, expanded or not. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null
  return typeof value === "string" ? value : value.id
}
