import type { CheckoutSessionsGateway } from "../gateway"
import { stripeErrorDetails } from "../errors"
import type { StripeCall } from "../stripe-call"

/** Checkout Sessions: a payment link's Pay press opens one; a charge or a cancel closes it. */
export function checkoutSessionsGateway(call: StripeCall): CheckoutSessionsGateway {
  const { stripe } = call
  const retrieve: CheckoutSessionsGateway["retrieve"] = (id, expand) =>
    call.request("read the Checkout Session", (options) => stripe.checkout.sessions.retrieve(id, expand?.length ? { expand } : {}, options))
  return {
    open: (params, key) => call.write("open Stripe Checkout", key, (options) => stripe.checkout.sessions.create(params, options)),
    retrieve,
    expire: async (id, key) => {
      try {
        return await call.write("close the Checkout Session", key, (options) => stripe.checkout.sessions.expire(id, {}, options))
      } catch (error) {
        // Stripe refuses to expire a session that is no longer open: paid meanwhile, or expired already.
        if (stripeErrorDetails(error)?.kind !== "invalid_request") throw error
        const session = await retrieve(id)
        if (session.status === "open") throw error
        return session
      }
    },
  }
}
