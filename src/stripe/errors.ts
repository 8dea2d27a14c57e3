import { MedusaError } from "@medusajs/framework/utils"
import Stripe from "stripe"

/**
 * The one mapper from Stripe's errors to MedusaErrors. It keeps what the merchant and the buyer
 * need (Stripe's code, decline code, message, request id) and tells three outcomes apart:
 * the card said no (402, safe to try another card), the request was wrong (4xx), and "we do not
 * know" (connection lost, timeout, Stripe 5xx after the SDK's retries) — where charging again
 * could charge twice.
 */

export type StripeFailureKind =
  /** The card or its issuer refused (includes authentication_required off-session). HTTP 402. */
  | "card_declined"
  /** Bad parameters or the object's state does not allow it. HTTP 400. */
  | "invalid_request"
  /** The Stripe object does not exist (or is on another account). HTTP 404. */
  | "not_found"
  /** The same idempotency key was used with other parameters, or a concurrent request holds it. HTTP 409. */
  | "idempotency_conflict"
  /** Stripe kept answering 429 after our retries; nothing was done. */
  | "rate_limited"
  /** The API key is wrong, revoked or lacks a permission: a configuration problem. */
  | "authentication"
  /** The outcome is unknown: the request may have succeeded. Never charge again; reconcile. */
  | "undecided"
  /** Anything else Stripe reported. */
  | "unknown"

/** Everything a route or the activity log needs about a Stripe failure; no secrets. */
export type StripeErrorDetails = {
  kind: StripeFailureKind
  /** Stripe's error message (for card errors, safe to show the buyer). */
  message: string
  /** Stripe's error code, e.g. `card_declined`, `payment_intent_unexpected_state`. */
  code?: string
  /** The issuer's reason for card declines, e.g. `insufficient_funds`. */
  decline_code?: string
  /** Stripe's request id (`req_...`), for the merchant's request log and support. */
  request_id?: string
  /** The HTTP status Stripe answered with, when it answered. */
  status_code?: number
  /** The SDK's error class, e.g. `StripeCardError`. */
  stripe_type?: string
  param?: string
  doc_url?: string
  payment_intent_id?: string
  payment_intent_status?: string
  charge_id?: string
}

/** A MedusaError carrying Stripe's details; `stripe` is a plain own property so it survives serialization. */
export class StripeCollectError extends MedusaError {
  readonly stripe: StripeErrorDetails

  constructor(type: string, message: string, details: StripeErrorDetails, cause?: unknown) {
    super(type, message, codeFor(details))
    this.name = "StripeCollectError"
    this.stripe = details
    // The SDK's error (with the PaymentIntent Stripe attached) stays reachable but out of JSON and logs.
    Object.defineProperty(this, "cause", { value: cause, enumerable: false, writable: false })
  }
}

/** Error code used for undecided outcomes, so callers can match on `error.code` too. */
export const UNDECIDED_OUTCOME_CODE = "stripe_outcome_unknown"

// The decline code for declines (what the payer's bank said), Stripe's code otherwise.
function codeFor(details: StripeErrorDetails): string {
  if (details.kind === "undecided") return UNDECIDED_OUTCOME_CODE
  return details.decline_code ?? details.code ?? details.kind
}

const MEDUSA_TYPE_BY_KIND: Record<StripeFailureKind, string> = {
  card_declined: MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR,
  invalid_request: MedusaError.Types.INVALID_DATA,
  not_found: MedusaError.Types.NOT_FOUND,
  idempotency_conflict: MedusaError.Types.CONFLICT,
  rate_limited: MedusaError.Types.UNEXPECTED_STATE,
  authentication: MedusaError.Types.UNEXPECTED_STATE,
  undecided: MedusaError.Types.UNEXPECTED_STATE,
  unknown: MedusaError.Types.UNEXPECTED_STATE,
}

const HTTP_STATUS_BY_KIND: Record<StripeFailureKind, number> = {
  card_declined: 402,
  invalid_request: 400,
  not_found: 404,
  idempotency_conflict: 409,
  rate_limited: 503,
  authentication: 502,
  undecided: 502,
  unknown: 502,
}

/**
 * Maps any error thrown while talking to Stripe. `doing` completes "Stripe could not ...",
 * e.g. "capture the payment". MedusaErrors that are not Stripe's pass through untouched.
 */
export function toMedusaError(error: unknown, doing: string): MedusaError {
  if (error instanceof StripeCollectError) return error
  const details = stripeErrorDetails(error)
  if (!details) {
    if (error instanceof MedusaError) return error
    const message = error instanceof Error ? error.message : String(error)
    return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Could not ${doing}: ${message}`)
  }
  return new StripeCollectError(MEDUSA_TYPE_BY_KIND[details.kind], messageFor(details, doing), details, error)
}

/** The Stripe details of an error (ours or the SDK's), or undefined when it is not a Stripe failure. */
export function stripeErrorDetails(error: unknown): StripeErrorDetails | undefined {
  if (!isObject(error)) return undefined
  if (isObject(error.stripe) && typeof error.stripe.kind === "string") {
    return error.stripe as StripeErrorDetails
  }
  if (!isSdkError(error)) return undefined

  const raw = error
  const paymentIntent = isObject(raw.payment_intent) ? raw.payment_intent : undefined
  const details: StripeErrorDetails = {
    kind: kindOf(raw),
    message: stringOr(raw.message) ?? "Stripe reported an error",
    code: stringOr(raw.code),
    decline_code: stringOr(raw.decline_code),
    request_id: stringOr(raw.requestId),
    status_code: typeof raw.statusCode === "number" ? raw.statusCode : undefined,
    stripe_type: stringOr(raw.type),
    param: stringOr(raw.param),
    doc_url: stringOr(raw.doc_url),
    payment_intent_id: paymentIntent ? stringOr(paymentIntent.id) : undefined,
    payment_intent_status: paymentIntent ? stringOr(paymentIntent.status) : undefined,
    charge_id: stringOr(raw.charge),
  }
  return Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)) as StripeErrorDetails
}

/** The card (or its issuer) refused: tell the payer, let them try another card. */
export function isCardDecline(error: unknown): boolean {
  return stripeErrorDetails(error)?.kind === "card_declined"
}

/** Nobody knows whether Stripe did it: do not retry with a new key, do not charge again. */
export function isUndecidedOutcome(error: unknown): boolean {
  return stripeErrorDetails(error)?.kind === "undecided"
}

/** The HTTP status a route should answer for a Stripe failure (402 declined, 409 conflict, ...). */
export function httpStatusForStripeError(error: unknown): number | undefined {
  const details = stripeErrorDetails(error)
  return details ? HTTP_STATUS_BY_KIND[details.kind] : undefined
}

function kindOf(error: Record<string, unknown>): StripeFailureKind {
  const type = stringOr(error.type) ?? ""
  const status = typeof error.statusCode === "number" ? error.statusCode : undefined
  // Stripe answers 409 idempotency_error while another request holds the key; the SDK calls it an API error.
  if (error.rawType === "idempotency_error") return "idempotency_conflict"
  switch (type) {
    case "StripeCardError":
      return "card_declined"
    case "StripeConnectionError":
      return "undecided"
    case "StripeRateLimitError":
      return "rate_limited"
    case "StripeAuthenticationError":
    case "StripePermissionError":
      return "authentication"
    case "StripeIdempotencyError":
      return "idempotency_conflict"
  }
  if (status !== undefined && status >= 500) return "undecided"
  if (type === "StripeAPIError") return "undecided"
  if (error.code === "resource_missing" || status === 404) return "not_found"
  if (type === "StripeInvalidRequestError" || (status !== undefined && status >= 400)) {
    return "invalid_request"
  }
  return "unknown"
}

function messageFor(details: StripeErrorDetails, doing: string): string {
  const reference = details.request_id ? ` (Stripe request ${details.request_id})` : ""
  switch (details.kind) {
    case "card_declined": {
      const reason = details.decline_code ?? details.code
      return `${details.message}${reason ? ` [${reason}]` : ""}`
    }
    case "undecided":
      return (
        `Stripe did not answer while trying to ${doing}: ${details.message.replace(/\.+$/, "")}. ` +
        `The payment may or may not have gone through — do not charge again; ` +
        `check it in Stripe${reference} or wait for Stripe's webhook.`
      )
    case "rate_limited":
      return `Stripe is rate limiting requests, so it could not ${doing}; nothing was charged. Try again shortly.${reference}`
    case "authentication":
      return `Stripe refused the API key while trying to ${doing}: ${details.message}${reference}`
    default:
      return `Stripe could not ${doing}: ${details.message}${reference}`
  }
}

function isSdkError(error: Record<string, unknown>): boolean {
  if (error instanceof Stripe.errors.StripeError) return true
  // Another copy of the SDK (or a serialized error) still has the SDK's shape.
  return typeof error.type === "string" && error.type.startsWith("Stripe") && "raw" in error
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined
}
