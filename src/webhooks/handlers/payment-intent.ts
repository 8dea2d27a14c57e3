import type Stripe from "stripe"
import { ATTEMPT_METADATA_KEY } from "../../modules/stripe-collect/ledger"
import { ledgerOutcome } from "../ledger-outcome"
import { settleStorefrontCheckout } from "../storefront-checkout"
import { ignored, type EventOutcome, type StripeEventContext } from "../types"

/** PaymentIntent events that can change what is recorded; the others (created, processing, ...) change nothing. */
type SettlingIntentEvent =
  | Stripe.PaymentIntentSucceededEvent
  | Stripe.PaymentIntentPaymentFailedEvent
  | Stripe.PaymentIntentCanceledEvent
  | Stripe.PaymentIntentAmountCapturableUpdatedEvent

function settlingIntentEvent(event: Stripe.Event): SettlingIntentEvent | undefined {
  switch (event.type) {
    case "payment_intent.succeeded":
    case "payment_intent.payment_failed":
    case "payment_intent.canceled":
    case "payment_intent.amount_capturable_updated":
      return event
    default:
      return undefined
  }
}

/**
 * PaymentIntents: the ledger decides whether one is ours (an admin charge, a link's payment) by the
 * records our server wrote; if none claims it, it may be a storefront checkout with our provider.
 * Only ids from the verified event are passed on; the ledger reads the object from Stripe itself.
 */
export async function handlePaymentIntentEvent(event: Stripe.Event, context: StripeEventContext): Promise<EventOutcome> {
  const settling = settlingIntentEvent(event)
  if (!settling) return ignored(`${event.type}: nothing to record`)
  const intent = settling.data.object

  const result = await context.ledger.recordPaymentIntent({
    payment_intent_id: intent.id,
    // Only a claim: the ledger checks it against the attempt it names.
    attempt_key: intent.metadata?.[ATTEMPT_METADATA_KEY] ?? null,
    account: event.account ?? undefined,
    source: "webhook",
  })
  if (result !== "not_ours") return ledgerOutcome(result)
  return settleStorefrontCheckout(event, { session_id: intent.metadata?.session_id, payment_intent_id: intent.id }, context)
}
