import type { DisputesGateway } from "../gateway"
import type { StripeCall } from "../stripe-call"

/** Disputes (chargebacks and inquiries): read only; evidence is submitted in Stripe. */
export function disputesGateway(call: StripeCall): DisputesGateway {
  const { stripe } = call
  return {
    retrieve: (id) => call.request("read the dispute", (options) => stripe.disputes.retrieve(id, {}, options)),
  }
}
