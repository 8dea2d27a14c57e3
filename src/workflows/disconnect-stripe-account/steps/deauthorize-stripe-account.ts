import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { stripeGateway, stripeSettings } from "../../../stripe/configured-gateway"
import { connectClientId } from "../../../stripe-account/connect-client-id"
import { describeStripeConnectionFailure } from "../../../stripe-account/stripe-connection-failure"
import type { ConnectedAccountRef } from "./find-connected-account"

export const deauthorizeStripeAccountStepId = "deauthorize-stripe-account"

/**
 * Revokes the platform's access to a Connect OAuth account in Stripe. An account that is already
 * disconnected counts as done. An API-key connection has nothing to revoke in Stripe.
 * Runs last: a revocation cannot be undone.
 */
export const deauthorizeStripeAccountStep = createStep(
  deauthorizeStripeAccountStepId,
  async (account: ConnectedAccountRef, { container }) => {
    if (account.mode !== "oauth" || !account.stripe_account_id) {
      return new StepResponse({ deauthorized: false })
    }
    const clientId = connectClientId(stripeSettings(container).options)
    if (!clientId) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Stripe Connect is no longer configured (connect.clientId), so the account cannot be deauthorized"
      )
    }
    try {
      // false: the account had already revoked the platform itself.
      const { oauth } = stripeGateway(container)
      const deauthorized = await oauth.deauthorize(clientId, account.stripe_account_id)
      return new StepResponse({ deauthorized })
    } catch (error) {
      const failure = describeStripeConnectionFailure(error)
      if (!failure) {
        throw error
      }
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Could not disconnect: ${failure.message}`)
    }
  }
)
