import { AdminRequestError } from "./admin-request"
import type { StripeJsError } from "./load-stripe-js"

/** Why a charge did not go through, sorted by what the admin can do next. */
export type ChargeProblem =
  /** The bank said no: Stripe's message, try another card or a link. */
  | { kind: "declined"; message: string; declineCode: string | null }
  /** The bank wants the customer present: offer a payment link for the same amount. */
  | { kind: "authentication_required"; message: string }
  /** Unknown outcome (timeout, Stripe down): retry with the same key, it cannot charge twice. */
  | { kind: "retryable"; message: string }
  /** Refused before reaching the card (nothing outstanding, bad amount, ...). */
  | { kind: "rejected"; message: string }

export function chargeProblemFrom(error: unknown): ChargeProblem {
  if (!(error instanceof AdminRequestError)) {
    return { kind: "rejected", message: error instanceof Error ? error.message : "The charge failed." }
  }
  const { status, body } = error
  const message = error.message
  if (status === 0 || status >= 500 || body.retryable) return { kind: "retryable", message }
  if (status === 402) return { kind: "declined", message, declineCode: body.decline_code ?? body.code ?? null }
  if (status === 409 && (body.code === "authentication_required" || body.offer === "payment_link")) {
    return { kind: "authentication_required", message }
  }
  if (status === 401) return { kind: "rejected", message: "Your session has ended. Log in again, then retry." }
  return { kind: "rejected", message }
}

/** Why Stripe.js could not turn the typed card into a PaymentMethod (before anything reached our server). */
export function chargeProblemFromStripeJs(error: StripeJsError): ChargeProblem {
  const message = error.message || "Stripe could not read the card."
  if (error.type === "card_error") {
    return { kind: "declined", message, declineCode: error.decline_code ?? error.code ?? null }
  }
  return { kind: "rejected", message: `${message} Nothing was charged.` }
}
