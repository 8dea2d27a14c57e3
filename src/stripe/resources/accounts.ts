import type { AccountsGateway } from "../gateway"
import type { StripeCall } from "../stripe-call"

/** The Stripe account the calls act on. */
export function accountsGateway(call: StripeCall): AccountsGateway {
  const { stripe } = call
  return {
    retrieveCurrent: () => call.request("read the Stripe account", (options) => stripe.accounts.retrieveCurrent({}, options)),
  }
}
