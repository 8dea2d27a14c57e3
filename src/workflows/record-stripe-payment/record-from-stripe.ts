import type { MedusaContainer } from "@medusajs/framework/types"
import type { RecordingSource } from "../../modules/stripe-collect/ledger"

/**
 * What became of a Stripe object handed to the ledger:
 * - recorded / already_recorded: money in, on the order of the attempt that claims it;
 * - not_ours: no attempt of ours claims it (someone else's payment, or a storefront checkout);
 * - not_paid: claimed, but Stripe has not taken the money (yet);
 * - declined / expired / not_charged: claimed, and now settled as that;
 * - mismatch: claimed, but amount, currency, account or order disagree with the attempt: never recorded.
 */
export type StripeRecordingResult =
  | "recorded"
  | "already_recorded"
  | "not_ours"
  | "not_paid"
  | "declined"
  | "expired"
  | "not_charged"
  | "mismatch"

export type PaymentIntentRef = {
  payment_intent_id: string
  /** Our attempt key from the object's metadata, when it has one (a claim to check, never a proof). */
  attempt_key?: string | null
  /** The account the event came from (`acct_...`), undefined for the API key's own account. */
  account: string | undefined
  source: RecordingSource
}

export type CheckoutSessionRef = {
  checkout_session_id: string
  account: string | undefined
  source: RecordingSource
}

/** Records a PaymentIntent Stripe reports (webhook, reconciliation), reading it from Stripe first. */
export async function recordPaymentIntentFromStripe(
  container: MedusaContainer,
  ref: PaymentIntentRef
): Promise<StripeRecordingResult> {
  void container
  void ref
  throw new Error("recordPaymentIntentFromStripe: being written by the lead")
}

/** Records a Checkout Session Stripe reports (webhook, return page, reconciliation), reading it from Stripe first. */
export async function recordCheckoutSessionFromStripe(
  container: MedusaContainer,
  ref: CheckoutSessionRef
): Promise<StripeRecordingResult> {
  void container
  void ref
  throw new Error("recordCheckoutSessionFromStripe: being written by the lead")
}
