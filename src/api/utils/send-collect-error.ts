import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { httpStatusForStripeError, stripeErrorDetails } from "../../stripe/errors"

/**
 * Answers a Stripe failure the admin can act on: 402 with Stripe's decline message and code for a
 * declined card, 409 with an offer to send a payment link when the bank wants the customer present.
 * Medusa's error handler replaces every conflict's message with a generic one, so our conflicts
 * ("nothing outstanding", "order canceled") are answered here with their own sentence.
 * Returns false for other errors, which Medusa's error handler then answers.
 */
export function sendCollectError(res: MedusaResponse, error: unknown): boolean {
  const stripe = stripeErrorDetails(error)
  if (!stripe) {
    // Errors that crossed a workflow boundary keep their type and message but not their class.
    const conflict = error as { type?: unknown; message?: unknown } | null
    if (conflict?.type === MedusaError.Types.CONFLICT && typeof conflict.message === "string") {
      res.status(409).json({ type: "conflict", code: "conflict", message: conflict.message })
      return true
    }
    return false
  }
  if (stripe.code === "authentication_required" || stripe.decline_code === "authentication_required") {
    res.status(409).json({
      type: "authentication_required",
      code: "authentication_required",
      message:
        "The customer's bank wants the customer to confirm this payment themselves. Send them a payment link for this amount instead.",
      offer: "payment_link",
      stripe_request_id: stripe.request_id,
    })
    return true
  }
  const status = httpStatusForStripeError(error) ?? 502
  res.status(status).json({
    type: stripe.kind,
    code: stripe.code ?? stripe.kind,
    decline_code: stripe.decline_code,
    message:
      stripe.kind === "undecided"
        ? "Stripe did not answer in time, so we do not know yet whether the card was charged. Retry with the same request (same Idempotency-Key) — it will not charge twice."
        : stripe.message,
    retryable: stripe.kind === "undecided" || stripe.kind === "rate_limited",
    stripe_request_id: stripe.request_id,
  })
  return true
}
