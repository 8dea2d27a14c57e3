import type { MedusaContainer } from "@medusajs/framework/types"
import type Stripe from "stripe"
import { STRIPE_COLLECT_MODULE } from "../modules/stripe-collect"
import type StripeCollectModuleService from "../modules/stripe-collect/service"
import { stripeGateway } from "../stripe/configured-gateway"

/** Stripe's idempotency key for expiring one Checkout Session of a link. */
export const expireKey = (linkId: string, sessionId: string) => `stripe-collect-link-${linkId}-expire-${sessionId}`

type Attempt = Awaited<ReturnType<StripeCollectModuleService["retrievePaymentAttempt"]>>

export type LinkCheckoutState =
  | { state: "none" }
  | { state: "expired" }
  /** Paid before it could be closed: the payment is Stripe's, and is recorded from this session. */
  | { state: "complete"; attempt: Attempt; session: Stripe.Checkout.Session }

/**
 * Closes the link's open Checkout Sessions at Stripe (the ledger knows which are open), so nobody can pay
 * on them; each becomes "expired" in the ledger. Answers "complete" with the session a customer paid
 * before it could be closed.
 */
export async function expireLinkCheckouts(container: MedusaContainer, link: { id: string }): Promise<LinkCheckoutState> {
  const service = container.resolve<StripeCollectModuleService>(STRIPE_COLLECT_MODULE)
  const open = await service.listPaymentAttempts({ payment_link_id: link.id, status: "open" })
  for (const attempt of open) {
    if (!attempt.checkout_session_id) continue
    const session = await stripeGateway(container)
      .onAccount(attempt.stripe_account ?? undefined)
      .checkoutSessions.expire(attempt.checkout_session_id, expireKey(link.id, attempt.checkout_session_id))
    if (session.status === "complete") return { state: "complete", attempt, session }
    await service.settleAttempt(attempt.id, { status: "expired" })
  }
  return open.length ? { state: "expired" } : { state: "none" }
}
