import type Stripe from "stripe"
import { ledgerOutcome } from "../ledger-outcome"
import { ignored, type EventOutcome, type StripeEventContext } from "../types"

type CheckoutSessionEvent =
  | Stripe.CheckoutSessionCompletedEvent
  | Stripe.CheckoutSessionAsyncPaymentSucceededEvent
  | Stripe.CheckoutSessionAsyncPaymentFailedEvent
  | Stripe.CheckoutSessionExpiredEvent

function checkoutSessionEvent(event: Stripe.Event): CheckoutSessionEvent | undefined {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      return event
    default:
      return undefined
  }
}

/**
 * Checkout Sessions: only payment links open them, so the ledger alone decides (the link Checkout our
 * server opened); one it does not know is someone else's, whatever its metadata says.
 */
export async function handleCheckoutSessionEvent(event: Stripe.Event, context: StripeEventContext): Promise<EventOutcome> {
  const settling = checkoutSessionEvent(event)
  if (!settling) return ignored(`${event.type}: nothing to record`)
  const session = settling.data.object

  const result = await context.ledger.recordCheckoutSession({
    checkout_session_id: session.id,
    account: event.account ?? undefined,
    source: "webhook",
  })
  if (result === "not_ours") return ignored("not ours: no payment link of this shop opened this Checkout Session")
  return ledgerOutcome(result)
}
