import type { PaymentMethodsGateway } from "../gateway"
import { stripeErrorDetails } from "../errors"
import type { StripeCall } from "../stripe-call"

/** Saved PaymentMethods. */
export function paymentMethodsGateway(call: StripeCall): PaymentMethodsGateway {
  const { stripe } = call
  return {
    detach: async (id, key) => {
      try {
        await call.write("remove the saved card", key, (options) => stripe.paymentMethods.detach(id, {}, options))
      } catch (error) {
        // Gone (404), or no longer attached to anyone (Stripe's payment_method_unexpected_state): done already.
        const details = stripeErrorDetails(error)
        if (details?.kind === "not_found") return
        if (details?.kind === "invalid_request" && details.code === "payment_method_unexpected_state") return
        throw error
      }
    },
    retrieve: async (id) => {
      try {
        return await call.request("read the card", (options) => stripe.paymentMethods.retrieve(id, {}, options))
      } catch (error) {
        if (stripeErrorDetails(error)?.kind === "not_found") return null
        throw error
      }
    },
    update: (id, params, key) => call.write("update the saved card", key, (options) => stripe.paymentMethods.update(id, params, options)),
  }
}
