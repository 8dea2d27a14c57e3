import type { MedusaContainer } from "@medusajs/framework/types"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import { ATTEMPT_METADATA_KEY, type RecordingSource } from "../modules/stripe-collect/ledger"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { stripeGateway } from "../stripe/configured-gateway"
import { recordAttemptPayment, recordCheckoutSession, type StripeRecordingResult } from "./record-from-stripe"

type Attempt = Awaited<ReturnType<StripeCollectModuleService["retrievePaymentAttempt"]>>

/**
 * A lost answer is "not charged" only once no request could still be running for it: a charge waits at
 * most a minute for the order's lock and the gateway's tries take a few minutes at most, and Stripe's
 * Search API indexes within about a minute.
 */
export const NOT_CHARGED_AFTER_MS = 5 * 60_000

/**
 * Asks Stripe about one unsettled attempt — by the id Stripe gave it, else by the attempt key we wrote
 * in the metadata (Search API) — and records or settles it. One or two Stripe requests per attempt,
 * whatever else the Stripe account holds.
 */
export async function recoverAttempt(
  container: MedusaContainer,
  attempt: Attempt,
  source: RecordingSource,
  now: Date = new Date()
): Promise<StripeRecordingResult> {
  const { paymentIntents, checkoutSessions } = stripeGateway(container).onAccount(attempt.stripe_account ?? undefined)
  if (attempt.flow === "payment_link" && attempt.checkout_session_id) {
    const session = await checkoutSessions.retrieve(attempt.checkout_session_id, ["payment_intent", "payment_intent.payment_method"])
    return recordCheckoutSession(container, attempt, session, source)
  }
  if (attempt.payment_intent_id) {
    const intent = await paymentIntents.retrieve(attempt.payment_intent_id, ["payment_method", "latest_charge"])
    return recordAttemptPayment(container, attempt, intent, { source })
  }

  const made = await paymentIntents.searchByMetadata(ATTEMPT_METADATA_KEY, attempt.attempt_key)
  const found = made.find((i) => i.status === "succeeded") ?? made[0]
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  if (found) {
    if (found.status !== "succeeded") return recordAttemptPayment(container, attempt, found, { source })
    // Written first, so a recording that fails still leaves Stripe's id on the attempt for the next try and the merchant.
    const taken = await service.settleAttempt(attempt.id, { status: "succeeded", payment_intent_id: found.id, livemode: found.livemode })
    // Search answers carry the PaymentMethod's id only; the card shown on the order needs it expanded.
    const intent = await paymentIntents.retrieve(found.id, ["payment_method", "latest_charge"])
    return recordAttemptPayment(container, taken, intent, { source })
  }

  if (attempt.flow === "admin_charge" && now.getTime() - new Date(attempt.created_at).getTime() >= NOT_CHARGED_AFTER_MS) {
    await service.settleAttempt(attempt.id, { status: "not_charged" })
    return "not_charged"
  }
  // A Checkout whose opening answer was lost: the customer never got it, and after its expiry nobody can pay on it.
  if (attempt.flow === "payment_link" && attempt.payable_until && now.getTime() > new Date(attempt.payable_until).getTime()) {
    await service.settleAttempt(attempt.id, { status: "expired" })
    return "expired"
  }
  return "not_paid"
}
