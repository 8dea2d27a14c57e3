import type { RefundsGateway } from "../gateway"
import type { StripeCall } from "../stripe-call"

/** Refunds of payments the plugin took. */
export function refundsGateway(call: StripeCall): RefundsGateway {
  const { stripe } = call
  return {
    create: (params, key) => call.write("refund the payment", key, (options) => stripe.refunds.create(params, options)),
  }
}
