import type { MedusaContainer } from "@medusajs/framework/types"
import { getStripeAccountId } from "../workflows/connect-stripe-account/get-stripe-account-id"
import { stripeAccess } from "../workflows/connect-stripe-account/stripe-access"

/** Stripe's idempotency key for expiring one Checkout Session of a link. */
export const expireKey = (linkId: string, sessionId: string) => `stripe-collect-link-${linkId}-expire-${sessionId}`

/**
 * Expires the link's Checkout Session at Stripe if it is still open, so nobody can pay on it. Answers
 * what the session is now: "expired", "complete" (paid before it could be closed), or null without one.
 */
export async function expireLinkCheckout(
  container: MedusaContainer,
  link: { id: string; checkout_session_id: string | null }
): Promise<"expired" | "complete" | null> {
  if (!link.checkout_session_id) return null
  const { stripe } = stripeAccess(container)
  const stripeAccount = await getStripeAccountId(container)
  const session = await stripe.checkout.sessions.retrieve(link.checkout_session_id, {}, { stripeAccount })
  if (session.status !== "open") return session.status === "complete" ? "complete" : "expired"
  const expired = await stripe.checkout.sessions.expire(
    session.id,
    {},
    { stripeAccount, idempotencyKey: expireKey(link.id, session.id) }
  )
  return expired.status === "complete" ? "complete" : "expired"
}
