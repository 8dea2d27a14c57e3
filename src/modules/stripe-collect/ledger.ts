/**
 * The words of the ledger: what an attempt to take money can be, and what can become of it.
 * An attempt is written before Stripe is called and is never deleted: it is the evidence that lets a
 * payment whose answer was lost be found again, and the only thing that decides which order money
 * belongs to.
 */

export type AttemptFlow = "admin_charge" | "payment_link"

export type AttemptStatus =
  /** Written; Stripe has not answered yet (or the process died before it could write the answer). */
  | "pending"
  /** A payment link's Checkout Session is open: the customer may pay on it. */
  | "open"
  /** Paid by a bank debit (SEPA, ACH) the bank has not settled yet: its amount is held, nothing recorded. */
  | "processing"
  /** Stripe's answer was lost: it may or may not have taken the money. Asked again by recovery. */
  | "lost"
  /** Stripe took the money and Medusa has not recorded it yet (recording failed): recovery records it. */
  | "succeeded"
  /** Recorded in Medusa as a captured payment on the order. Final. */
  | "recorded"
  /** The card (or its bank) said no. Final. */
  | "declined"
  /** Stripe refused the request for another reason; nothing was charged. Final. */
  | "failed"
  /** The answer was lost and Stripe has no payment for it: nothing was charged. Final. */
  | "not_charged"
  /** A link's Checkout Session closed without a payment. Final. */
  | "expired"

/** Attempts recovery still has to ask Stripe about. */
export const UNSETTLED_STATUSES: AttemptStatus[] = ["pending", "open", "processing", "lost", "succeeded"]

/** PaymentIntent / Checkout metadata key holding the attempt's key (Stripe's idempotency key of the call). */
export const ATTEMPT_METADATA_KEY = "stripe_collect_attempt"

/** The failure code shown on a charge whose outcome is unknown (the error mapper's code for it). */
export { UNDECIDED_OUTCOME_CODE } from "../../stripe/errors"

/** The failure code of a lost attempt Stripe never took. */
export const NOT_CHARGED_CODE = "not_charged"

/** Where a recorded payment was noticed: the request that made it, or a recovery path. */
export type RecordingSource = "charge" | "return" | "webhook" | "reconciliation" | "retry"

export type BeginChargeAttempt = {
  order_id: string
  amount: number
  currency_code: string
  stripe_account: string | null
  attempt_key: string
  request_key: string | null
  /** How the card is taken (src/charges/card-entry.ts), on the attempt's activity line. */
  card_entry?: string | null
  /** The admin user charging. */
  actor_id?: string | null
  /** The consent sentence when the card is being saved. */
  consent?: string | null
}

export type BeginLinkCheckout = {
  order_id: string
  payment_link_id: string
  amount: number
  currency_code: string
  stripe_account: string | null
  attempt_key: string
  payable_until: Date
}

/** What Stripe said about an attempt, to be written on it (and on the order's activity line). */
export type AttemptOutcome =
  | { status: "open"; checkout_session_id: string; payable_until: Date }
  | {
      status: "processing"
      payment_intent_id: string
      livemode: boolean
      /** How the customer paid, as the activity shows it: "SEPA Direct Debit •••• 3000". */
      method: string
    }
  | { status: "succeeded"; payment_intent_id: string; livemode: boolean; checkout_session_id?: string | null }
  | {
      status: "recorded"
      payment_intent_id: string
      checkout_session_id?: string | null
      payment_id: string
      payment_collection_id: string
      card_brand: string | null
      card_last4: string | null
      /** How the customer paid when it was not a plain card: "Klarna", "Apple Pay · Visa •••• 4242". */
      method?: string | null
      livemode: boolean
      source: RecordingSource
      /** Paid after the order was settled another way, or a link paid twice. */
      note?: string | null
    }
  | {
      status: "declined"
      payment_intent_id?: string | null
      failure_code: string
      decline_code?: string | null
      message: string
      stripe_request_id?: string | null
    }
  | { status: "lost"; message: string; payment_intent_id?: string | null; stripe_request_id?: string | null }
  | { status: "failed"; failure_code: string; message: string; stripe_request_id?: string | null; payment_intent_id?: string | null }
  | { status: "not_charged" }
  | { status: "expired" }
