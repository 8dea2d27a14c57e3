import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import Stripe from "stripe"
import { connectClientId, stripeAccess } from "../../connect-stripe-account/stripe-access"
import { describeStripeConnectionFailure } from "../../connect-stripe-account/stripe-connection-failure"
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
    const { stripe, options } = stripeAccess(container)
    const clientId = connectClientId(options)
    if (!clientId) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Stripe Connect is no longer configured (connect.clientId), so the account cannot be deauthorized"
      )
    }
    try {
      await stripe.oauth.deauthorize({ client_id: clientId, stripe_user_id: account.stripe_account_id })
    } catch (error) {
      // Stripe answers invalid_client when the account already revoked the platform itself.
      if (error instanceof Stripe.errors.StripeInvalidClientError) {
        return new StepResponse({ deauthorized: false })
      }
      const failure = describeStripeConnectionFailure(error)
      if (!failure) {
        throw error
      }
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Could not disconnect: ${failure.message}`)
    }
    return new StepResponse({ deauthorized: true })
  }
)
