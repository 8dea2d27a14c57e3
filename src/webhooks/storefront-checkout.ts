import { PaymentActions } from "@medusajs/framework/utils"
import type Stripe from "stripe"
import { webhookActionForEvent } from "../providers/stripe-collect/webhooks"
import { ignored, processed, type EventOutcome, type StripeEventContext } from "./types"

/** Our provider's sessions: `pp_stripe-collect_<id>`. */
const OUR_PROVIDER_PREFIX = "pp_stripe-collect_"

/** The only actions Medusa's own webhook handling acts on (the rest never reach processPaymentWorkflow). */
const ACTIONS_MEDUSA_PROCESSES = new Set<string>([PaymentActions.AUTHORIZED, PaymentActions.SUCCESSFUL])

/** What a PaymentIntent says about the payment session it pays; checked against the session's saved data. */
export type StorefrontClaim = { session_id: string | undefined; payment_intent_id: string }

/**
 * A PaymentIntent no attempt of the ledger claims may still be a storefront checkout with our provider:
 * then Medusa's own processPaymentWorkflow handles it, as Medusa's webhook route would have. Only when
 * the named payment session exists, is our provider's, and itself saved this very PaymentIntent;
 * anything else is ignored.
 */
export async function settleStorefrontCheckout(
  event: Stripe.Event,
  claim: StorefrontClaim,
  context: StripeEventContext
): Promise<EventOutcome> {
  if (!claim.session_id) return ignored("no attempt of ours claims it and it names no payment session")
  const session = await context.storefront.findSession(claim.session_id)
  if (!session) return ignored(`not ours: payment session ${claim.session_id} does not exist`)
  if (!session.provider_id.startsWith(OUR_PROVIDER_PREFIX)) {
    return ignored(`not ours: payment session ${session.id} belongs to ${session.provider_id}`)
  }
  if (session.data.payment_intent_id !== claim.payment_intent_id) {
    return ignored(`not ours: payment session ${session.id} did not make PaymentIntent ${claim.payment_intent_id}`)
  }

  const action = webhookActionForEvent(event)
  const amount = action.data?.amount
  if (!ACTIONS_MEDUSA_PROCESSES.has(action.action) || amount === undefined) {
    return ignored(`storefront payment session ${session.id}: nothing for Medusa to do on ${event.type}`)
  }
  await context.storefront.processPayment({ action: action.action, data: { session_id: session.id, amount } })
  return processed(`storefront payment session ${session.id}: ${action.action}`)
}
