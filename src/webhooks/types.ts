import type { WebhookActionResult } from "@medusajs/framework/types"
import type Stripe from "stripe"
import type { CheckoutSessionRef, PaymentIntentRef, StripeRecordingResult } from "../ledger/record-from-stripe"
import type { RefundRecordingResult } from "../ledger/record-refund-from-stripe"
import type { DisputeRecordingResult } from "../ledger/record-dispute-from-stripe"

/** How handling an event ended; written on the event's row (`finishStripeEvent`). */
export type EventOutcome = {
  status: "processed" | "ignored"
  /** What was done, or why nothing was: one line for whoever reads the row. */
  outcome: string
}

/** A Medusa payment session as the storefront check reads it. */
export type StorefrontSession = {
  id: string
  provider_id: string
  data: Record<string, unknown>
}

/** What handlers may do; wired from the container (stripe-event-context.ts), faked in unit tests. */
export type StripeEventContext = {
  /** The ledger: the only way money is recorded on an order. */
  ledger: {
    recordPaymentIntent(ref: PaymentIntentRef): Promise<StripeRecordingResult>
    recordCheckoutSession(ref: CheckoutSessionRef): Promise<StripeRecordingResult>
    /** Money out: a refund, against a payment the ledger recorded. */
    recordRefund(ref: { refund_id: string; account: string | undefined }): Promise<RefundRecordingResult>
    /** A dispute or inquiry on a payment the ledger recorded. */
    recordDispute(ref: { dispute_id: string; account: string | undefined }): Promise<DisputeRecordingResult>
  }
  /** Medusa's own handling of storefront sessions of our provider. */
  storefront: {
    findSession(id: string): Promise<StorefrontSession | undefined>
    processPayment(action: WebhookActionResult): Promise<void>
  }
  events: {
    finishStripeEvent(id: string, status: "processed" | "ignored" | "failed", outcome: string): Promise<void>
  }
}

/** One handler per Stripe object type; it receives every event about that type of object. */
export type StripeObjectHandler = (event: Stripe.Event, context: StripeEventContext) => Promise<EventOutcome>

export const processed = (outcome: string): EventOutcome => ({ status: "processed", outcome })
export const ignored = (outcome: string): EventOutcome => ({ status: "ignored", outcome })
