import type { RefundsGateway } from "../gateway"
import type { StripeCall } from "../stripe-call"

/** Refunds of payments the plugin took, made by it or by anyone in Stripe. */
export function refundsGateway(call: StripeCall): RefundsGateway {
  const { stripe } = call
  return {
    create: (params, key) => call.write("refund the payment", key, (options) => stripe.refunds.create(params, options)),
    retrieve: (id) => call.request("read the refund", (options) => stripe.refunds.retrieve(id, {}, options)),
  }
}
