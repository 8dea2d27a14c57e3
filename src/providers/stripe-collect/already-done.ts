import type Stripe from "stripe"
import { stripeErrorDetails } from "../../stripe/errors"

/**
 * Stripe's refusals that mean "this is done already" (captured, canceled, refunded, gone): what Medusa
 * asks for is then true at Stripe, so the provider answers success instead of an error.
 */

/** The PaymentIntent Stripe attached to its error about one (already captured, already canceled, ...). */
export function intentFromError(error: unknown): Stripe.PaymentIntent | undefined {
  if (!error || typeof error !== "object") return undefined
  const direct = "payment_intent" in error ? error.payment_intent : undefined
  if (isIntent(direct)) return direct
  // The gateway's StripeCollectError keeps the SDK's error (and its PaymentIntent) as `cause`.
  const cause = "cause" in error ? error.cause : undefined
  return cause && typeof cause === "object" && "payment_intent" in cause && isIntent(cause.payment_intent)
    ? cause.payment_intent
    : undefined
}

/** Stripe refused to confirm because the PaymentIntent moved on (confirmed by Stripe.js or an earlier attempt). */
export function confirmedElsewhere(error: unknown, confirmable: ReadonlySet<string>): Stripe.PaymentIntent | undefined {
  const intent = intentFromError(error)
  return stripeErrorDetails(error)?.code === "payment_intent_unexpected_state" && intent && !confirmable.has(intent.status)
    ? intent
    : undefined
}

/** Refunded already (e.g. from Stripe's dashboard). */
export function isAlreadyRefunded(error: unknown): boolean {
  return stripeErrorDetails(error)?.code === "charge_already_refunded"
}

/** The PaymentIntent is past canceling (paid meanwhile) or gone: nothing left to stop. */
export function isPastCanceling(error: unknown): boolean {
  const details = stripeErrorDetails(error)
  return details?.code === "payment_intent_unexpected_state" || details?.kind === "not_found"
}

function isIntent(value: unknown): value is Stripe.PaymentIntent {
  return (
    !!value &&
    typeof value === "object" &&
    "object" in value &&
    value.object === "payment_intent" &&
    "status" in value &&
    typeof value.status === "string"
  )
}
