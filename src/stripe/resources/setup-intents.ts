import type { SetupIntentsGateway } from "../gateway"
import type { StripeCall } from "../stripe-call"

/** SetupIntents: saving a card for later without charging it. */
export function setupIntentsGateway(call: StripeCall): SetupIntentsGateway {
  const { stripe } = call
  return {
    create: (params, key) => call.write("save the card", key, (options) => stripe.setupIntents.create(params, options)),
  }
}
