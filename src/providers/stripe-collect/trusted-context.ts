import { MedusaError } from "@medusajs/framework/utils"
import type { PaymentProviderContext } from "@medusajs/framework/types"
import type Stripe from "stripe"
import type { StripeCollectOptions } from "./options"

/**
 * Trusted, server-side per-session settings: the plugin's workflows pass them in the `context` of
 * `createPaymentSessionsWorkflow`. A storefront cannot set a context (Medusa's store route passes none),
 * so these are the only per-session inputs the provider acts on besides the four a storefront may put
 * in `data` (see storefront-input.ts). Names are a contract with the plugin's workflows: do not rename.
 */
export type StripeCollectContext = PaymentProviderContext & {
  /** Connected account (`acct_...`) every call about this session is made on; defaults to the `connect.accountId` option. */
  stripe_account?: string
  /** Stripe customer (`cus_...`) to charge on when there is no account holder (a card on file). */
  stripe_customer?: string
  /** The customer is not present (a card on file charged by server code). */
  off_session?: boolean
  /** A mail/telephone order (honoured only with the `moto` option). */
  moto?: boolean
  /** `"automatic"` or `"manual"` for this session, instead of the `capture` option. */
  capture_method?: "automatic" | "manual"
  /**
   * A payment link's session: no PaymentIntent; the session waits (pending_authorization) and the
   * plugin's link code, which owns the Checkout Sessions, records what was paid.
   */
  deferred?: boolean
  /**
   * A PaymentIntent Stripe has already taken (status `succeeded`), exactly as the gateway returned it
   * (`payment_method` expanded): the session records it without calling Stripe.
   */
  adopt_payment_intent?: Stripe.PaymentIntent
}

export type CaptureMethod = "automatic" | "manual"

/** The connected account for a new session: the trusted context's, else the configured one. */
export function sessionAccount(context: StripeCollectContext, options: StripeCollectOptions): string | undefined {
  const named = context.stripe_account
  if (named === undefined || named === null || named === "") return options.connect?.accountId
  if (typeof named !== "string" || !named.startsWith("acct_")) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "context.stripe_account must be a Stripe account id (acct_...)")
  }
  return named
}

/** The Stripe customer of Medusa's account holder for this provider, when there is one. */
export function holderCustomerId(context: PaymentProviderContext): string | undefined {
  const id = context.account_holder?.data?.id
  return typeof id === "string" && id.startsWith("cus_") ? id : undefined
}

/** The account the account holder's Stripe customer lives on, as createAccountHolder wrote it. */
export function holderAccount(context: PaymentProviderContext): string | undefined {
  const account = context.account_holder?.data?.stripe_account
  return typeof account === "string" && account.startsWith("acct_") ? account : undefined
}

/** The account for calls about the account holder's customer and cards. */
export function customerAccount(context: StripeCollectContext, options: StripeCollectOptions): string | undefined {
  return holderAccount(context) ?? sessionAccount(context, options)
}

/** The Stripe customer a session charges on: the account holder's, else the trusted `stripe_customer`. */
export function sessionCustomer(context: StripeCollectContext): string | undefined {
  const fromContext = context.stripe_customer
  return holderCustomerId(context) ?? (typeof fromContext === "string" && fromContext.startsWith("cus_") ? fromContext : undefined)
}

export function isDeferred(context: StripeCollectContext): boolean {
  return context.deferred === true
}

export function captureMethodFor(context: StripeCollectContext, options: StripeCollectOptions): CaptureMethod {
  const chosen = context.capture_method
  if (chosen === "automatic" || chosen === "manual") return chosen
  return options.capture ? "automatic" : "manual"
}

export function isOffSession(context: StripeCollectContext): boolean {
  return context.off_session === true
}

/** MOTO only when the merchant enabled it in the options (Stripe must have approved the account). */
export function isMoto(context: StripeCollectContext, options: StripeCollectOptions): boolean {
  return context.moto === true && options.moto
}

/**
 * The PaymentIntent to record without calling Stripe, checked: an object with a `pi_` id that Stripe
 * has already taken (`succeeded`). Anything else named `adopt_payment_intent` is refused, the old id
 * string included, so a mistake never records a payment Stripe did not take.
 */
export function paymentIntentToAdopt(context: StripeCollectContext): Stripe.PaymentIntent | undefined {
  const value: unknown = context.adopt_payment_intent
  if (value === undefined || value === null) return undefined
  if (!isPaymentIntent(value)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "context.adopt_payment_intent must be the PaymentIntent object Stripe returned (an id pi_..., a status, an amount and a currency)"
    )
  }
  if (value.status !== "succeeded") {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `PaymentIntent ${value.id} is ${value.status}: only a payment Stripe has taken (succeeded) can be recorded this way`
    )
  }
  return value
}

function isPaymentIntent(value: unknown): value is Stripe.PaymentIntent {
  return (
    typeof value === "object" &&
    value !== null &&
    "id" in value &&
    typeof value.id === "string" &&
    value.id.startsWith("pi_") &&
    "status" in value &&
    typeof value.status === "string" &&
    "amount_received" in value &&
    typeof value.amount_received === "number" &&
    "currency" in value &&
    typeof value.currency === "string"
  )
}
