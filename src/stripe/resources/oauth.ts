import type { OAuthGateway } from "../gateway"
import { stripeErrorDetails } from "../errors"
import type { StripeCall } from "../stripe-call"

/** Connect OAuth, as the platform (the call it is given must not be scoped to a connected account). */
export function oauthGateway(call: StripeCall): OAuthGateway {
  const { stripe } = call
  return {
    // A code works once: a repeat after a lost answer would be refused and revoke what the first try granted.
    token: (code) => call.requestOnce("connect the Stripe account", () => stripe.oauth.token({ grant_type: "authorization_code", code })),
    deauthorize: async (clientId, accountId) => {
      try {
        await call.request("disconnect the Stripe account", () =>
          stripe.oauth.deauthorize({ client_id: clientId, stripe_user_id: accountId })
        )
        return true
      } catch (error) {
        // Stripe answers invalid_client when the account already revoked the platform itself.
        if (stripeErrorDetails(error)?.stripe_type === "StripeInvalidClientError") return false
        throw error
      }
    },
  }
}
