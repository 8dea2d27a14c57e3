import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { buildAuthorizeUrl } from "../../../stripe-account/authorize-url"
import { createOAuthState, hashOAuthState, OAUTH_STATE_TTL_MS } from "../../../stripe-account/oauth-state"
import { stripeSettings } from "../../../stripe/configured-gateway"
import { connectClientId } from "../../../stripe-account/connect-client-id"

export type PrepareOAuthStateInput = { user_id: string; redirect_uri: string }

export type PreparedOAuthState = {
  authorize_url: string
  /** What the connection row keeps: the hash only, the admin, the expiry. */
  pending: { oauth_state_hash: string; oauth_state_user_id: string; oauth_state_expires_at: Date }
}

export const prepareOAuthStateStepId = "prepare-stripe-oauth-state"

/** A fresh single-use `state` for this admin and the Stripe authorize URL that carries it. */
export const prepareOAuthStateStep = createStep(prepareOAuthStateStepId, async (input: PrepareOAuthStateInput, { container }) => {
  const { options } = stripeSettings(container)
  const clientId = connectClientId(options)
  if (!clientId) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "Stripe Connect is not configured: set connect.clientId in the stripe-collect provider's options (or use the API key mode)"
    )
  }
  const state = createOAuthState()
  return new StepResponse<PreparedOAuthState>({
    authorize_url: buildAuthorizeUrl({
      clientId,
      state,
      redirectUri: input.redirect_uri,
      apiBase: options.apiBase,
    }),
    pending: {
      oauth_state_hash: hashOAuthState(state),
      oauth_state_user_id: input.user_id,
      oauth_state_expires_at: new Date(Date.now() + OAUTH_STATE_TTL_MS),
    },
  })
})
