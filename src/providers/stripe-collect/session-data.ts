import type Stripe from "stripe"
import { asMinorUnits, type MinorUnits } from "../../stripe/money"
import type { CaptureMethod } from "./trusted-context"
import { PLUGIN_MARKER_KEY, PLUGIN_MARKER_VALUE, type StripeCollectMetadata } from "./metadata"

/**
 * What the provider keeps in a Medusa payment session's (and payment's) `data`.
 *
 * Medusa saves a new session's data as `{ ...callerData, ...initiateAnswer.data }` and hands only that
 * back to every later call (authorize, capture, refund, cancel, update). So initiatePayment writes every
 * key below, from server values (false/null when there is nothing), and later calls read only these
 * keys: whatever else a caller put in `data` is never read (and answered with null, callerKeysCleared).
 * The storefront sees this data too (client_secret for Stripe.js).
 */
export type StripeCollectSessionData = {
  /** The PaymentIntent id (Medusa's convention for `data.id`); null while nothing exists at Stripe. */
  id: string | null
  payment_intent_id: string | null
  /** Medusa's payment session id, as Medusa passed it at initiate; also in the PaymentIntent's metadata. */
  session_id: string
  [PLUGIN_MARKER_KEY]: typeof PLUGIN_MARKER_VALUE
  /** Connected account every Stripe call for this session is made on (trusted context or options). */
  stripe_account: string | null
  /** A payment link's session: no Stripe calls; the plugin's link code records what was paid. */
  deferred: boolean
  /** A PaymentIntent Stripe had already taken, recorded without calling Stripe (trusted context). */
  adopted: boolean
  currency: string
  amount: MinorUnits
  /** The PaymentIntent's status as last seen; null while nothing exists at Stripe. */
  status: string | null
  amount_capturable: MinorUnits
  amount_received: MinorUnits
  amount_refunded: MinorUnits
  refund_ids: string[]
  capture_method: CaptureMethod
  /** For Stripe.js on the storefront; never kept for an adopted payment. */
  client_secret: string | null
  customer: string | null
  payment_method: string | null
  return_url: string | null
  save_payment_method: boolean
  off_session: boolean
  moto: boolean
  /** The metadata sent to Stripe: ours, plus the caller's under `storefront_` keys. */
  metadata: StripeCollectMetadata
  /** The card charged, for the admin's eyes (from the expanded PaymentMethod). */
  card: CardSummary | null
  latest_charge: string | null
  next_action: { type: string; redirect_url: string | null } | null
  last_payment_error: { code: string | null; decline_code: string | null; message: string | null } | null
  livemode: boolean | null
}

export type CardSummary = {
  brand: string
  last4: string
  exp_month: number
  exp_year: number
  funding: string
  country: string | null
}

/**
 * Null for every key of the caller's data, so the saved `{ ...callerData, ...answer }` carries no value
 * the caller made up (an `order_id`, a flow, an attempt key, ...) — spread it under the provider's own data.
 */
export function callerKeysCleared(callerData: Record<string, unknown> | undefined): Record<string, null> {
  return Object.fromEntries(Object.keys(callerData ?? {}).map((key) => [key, null]))
}

/** Typed reads of the data the provider wrote (Medusa hands it over as `Record<string, unknown>`). */
export class SessionDataReader {
  constructor(private readonly data: Record<string, unknown> = {}) {}

  get raw(): Record<string, unknown> {
    return this.data
  }

  string(key: keyof StripeCollectSessionData): string | undefined {
    const value = this.data[key]
    return typeof value === "string" && value.length > 0 ? value : undefined
  }

  number(key: keyof StripeCollectSessionData): number | undefined {
    const value = this.data[key]
    return typeof value === "number" && Number.isFinite(value) ? value : undefined
  }

  /** An amount the provider wrote, in Stripe's minor units. */
  minor(key: "amount" | "amount_capturable" | "amount_received" | "amount_refunded"): MinorUnits | undefined {
    const value = this.number(key)
    return value !== undefined && Number.isSafeInteger(value) ? asMinorUnits(value) : undefined
  }

  flag(key: keyof StripeCollectSessionData): boolean {
    return this.data[key] === true
  }

  strings(key: keyof StripeCollectSessionData): string[] {
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

  get adopted(): boolean {
    return this.flag("adopted")
  }

  get card(): CardSummary | null {
    const card = this.data.card
    return isCardSummary(card) ? card : null
  }
}

/** What Stripe says about a PaymentIntent, over the session's own data (`base`). */
export function dataForPaymentIntent(intent: Stripe.PaymentIntent, base: SessionDataReader): Record<string, unknown> {
  const error = intent.last_payment_error
  const snapshot: Omit<
    StripeCollectSessionData,
    | "session_id"
    | typeof PLUGIN_MARKER_KEY
    | "stripe_account"
    | "deferred"
    | "adopted"
    | "amount_refunded"
    | "refund_ids"
    | "return_url"
    | "save_payment_method"
    | "off_session"
    | "moto"
    | "metadata"
  > = {
    id: intent.id,
    payment_intent_id: intent.id,
    status: intent.status,
    currency: intent.currency,
    amount: asMinorUnits(intent.amount),
    amount_capturable: asMinorUnits(intent.amount_capturable),
    amount_received: asMinorUnits(intent.amount_received),
    capture_method: intent.capture_method === "manual" ? "manual" : "automatic",
    // An adopted payment was paid elsewhere: its secret has no use here and is never stored.
    client_secret: base.adopted ? null : intent.client_secret,
    customer: idOf(intent.customer),
    payment_method: idOf(intent.payment_method),
    card: cardOf(intent.payment_method) ?? base.card,
    latest_charge: idOf(intent.latest_charge),
    next_action: intent.next_action
      ? { type: intent.next_action.type, redirect_url: intent.next_action.redirect_to_url?.url ?? null }
      : null,
    last_payment_error: error
      ? { code: error.code ?? null, decline_code: error.decline_code ?? null, message: error.message ?? null }
      : null,
    livemode: intent.livemode,
  }
  return { ...base.raw, ...snapshot }
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

/** What Stripe has refunded of an adopted PaymentIntent, when its latest charge came expanded. */
export function refundedOf(intent: Stripe.PaymentIntent): MinorUnits {
  const charge = intent.latest_charge
  return asMinorUnits(charge && typeof charge === "object" ? charge.amount_refunded : 0)
}

/** The id of an expandable Stripe field, expanded or not. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null
  return typeof value === "string" ? value : value.id
}

function isCardSummary(value: unknown): value is CardSummary {
  return !!value && typeof value === "object" && "brand" in value && "last4" in value
}
