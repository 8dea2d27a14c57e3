import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type Stripe from "stripe"
import { stripeGateway, stripeSettings } from "../../../stripe/configured-gateway"
import { connectClientId } from "../../../stripe-account/connect-client-id"
import { describeStripeConnectionFailure } from "../../../stripe-account/stripe-connection-failure"

export type ExchangeOAuthCodeInput = {
  code?: string
  /** Set by Stripe instead of `code` when the merchant did not authorize. */
  error?: string
  error_description?: string
}

export type ConnectedStripeAccount = { stripe_account_id: string; livemode: boolean }

/** Stripe's OAuth `error` values, in the merchant's words. */
const AUTHORIZATION_ERRORS: Record<string, string> = {
  access_denied: "Authorization was cancelled in Stripe",
}

export const exchangeOAuthCodeStepId = "exchange-stripe-oauth-code"

/**
 * Trades the authorization code for the connected account's id. The tokens Stripe also returns
 * are dropped: later calls use the platform key with `Stripe-Account`, so no token is ever stored.
 * Undo deauthorizes, so a connection that failed to save does not stay granted in Stripe.
 */
export const exchangeOAuthCodeStep = createStep(
  exchangeOAuthCodeStepId,
  async (input: ExchangeOAuthCodeInput, { container }) => {
    if (input.error) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        AUTHORIZATION_ERRORS[input.error] ?? `Stripe did not authorize the connection: ${input.error_description || input.error}`,
        input.error === "access_denied" ? "cancelled_in_stripe" : "not_authorized"
      )
    }
    if (!input.code) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Stripe sent no authorization code. Press Done to connect again.", "no_code")
    }

    let token: Stripe.OAuthToken
    try {
      const { oauth } = stripeGateway(container)
      token = await oauth.token(input.code)
    } catch (error) {
      const failure = describeStripeConnectionFailure(error)
      if (!failure) {
        throw error
      }
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `${failure.message}. Press Done to connect again.`, failure.kind)
    }
    if (!token.stripe_user_id) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Stripe's answer named no connected account")
    }
    const connected: ConnectedStripeAccount = {
      stripe_account_id: token.stripe_user_id,
      livemode: token.livemode ?? false,
    }
    return new StepResponse(connected, connected.stripe_account_id)
  },
  async (stripeAccountId, { container }) => {
    if (!stripeAccountId) {
      return
    }
    const clientId = connectClientId(stripeSettings(container).options)
    if (!clientId) {
      return
    }
    try {
      const { oauth } = stripeGateway(container)
      await oauth.deauthorize(clientId, stripeAccountId)
    } catch (error) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `stripe-collect: could not deauthorize ${stripeAccountId} after a failed connect: ${
            error instanceof Error ? error.message : String(error)
          }`
        )
    }
  }
)
