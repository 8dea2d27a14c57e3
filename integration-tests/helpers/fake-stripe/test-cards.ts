// Stripe's test PaymentMethod ids the fake gateway understands, and what charging each one does.
import type Stripe from "stripe"

export type FakeCard = {
  brand: string
  last4: string
  /** What charging it answers: paid, a decline (code, decline code, message), or 3-D Secure. */
  outcome:
    { kind: "succeeds" } | { kind: "declined"; code: string; decline_code: string; message: string } | { kind: "authentication_required" }
}

const declined = (decline_code: string, message: string, code = "card_declined"): FakeCard["outcome"] => ({
  kind: "declined",
  code,
  decline_code,
  message,
})

/** https://docs.stripe.com/testing — the magic ids, each making a new PaymentMethod when used. */
export const FAKE_TEST_CARDS: Record<string, FakeCard> = {
  pm_card_visa: { brand: "visa", last4: "4242", outcome: { kind: "succeeds" } },
  pm_card_mastercard: { brand: "mastercard", last4: "4444", outcome: { kind: "succeeds" } },
  pm_card_amex: { brand: "amex", last4: "8431", outcome: { kind: "succeeds" } },
  pm_card_chargeDeclined: { brand: "visa", last4: "0002", outcome: declined("generic_decline", "Your card was declined.") },
  pm_card_visa_chargeDeclined: { brand: "visa", last4: "0002", outcome: declined("generic_decline", "Your card was declined.") },
  pm_card_chargeDeclinedInsufficientFunds: {
    brand: "visa",
    last4: "9995",
    outcome: declined("insufficient_funds", "Your card has insufficient funds."),
  },
  pm_card_chargeDeclinedExpiredCard: {
    brand: "visa",
    last4: "0069",
    outcome: declined("expired_card", "Your card has expired.", "expired_card"),
  },
  pm_card_authenticationRequired: { brand: "visa", last4: "3184", outcome: { kind: "authentication_required" } },
}

export type Charged = "succeeded" | "requires_capture" | "requires_action"

/** The status a confirmed PaymentIntent gets for a card that goes through. */
export function statusAfterPayment(captureMethod: Stripe.PaymentIntent.CaptureMethod): Charged {
  return captureMethod === "manual" ? "requires_capture" : "succeeded"
}
