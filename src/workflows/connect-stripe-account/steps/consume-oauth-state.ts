import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { checkOAuthState, hashOAuthState, OAUTH_STATE_MESSAGES } from "../../../stripe-account/oauth-state"
import { findStripeConnection, resolveStripeCollectService, STRIPE_CONNECTION_LOCK } from "../../../stripe-account/stripe-connection"

export type ConsumeOAuthStateInput = { user_id: string; state?: string }

export const consumeOAuthStateStepId = "consume-stripe-oauth-state"

/**
 * Checks Stripe's `state` against the pending one and spends it: a state works once, for the
 * admin who started it, within 10 minutes. Not undone on a later failure: a retry needs a new one.
 */
export const consumeOAuthStateStep = createStep(consumeOAuthStateStepId, async (input: ConsumeOAuthStateInput, { container }) => {
  const service = resolveStripeCollectService(container)
  const check = await container.resolve(Modules.LOCKING).execute(
    STRIPE_CONNECTION_LOCK,
    async () => {
      const connection = await findStripeConnection(container)
      const check = checkOAuthState(connection, input.state, input.user_id, new Date())
      const matched = connection?.oauth_state_hash && input.state && connection.oauth_state_hash === hashOAuthState(input.state)
      if (connection && matched) {
        await service.updateStripeConnections({
          id: connection.id,
          oauth_state_hash: null,
          oauth_state_user_id: null,
          oauth_state_expires_at: null,
        })
      }
      return check
    },
    { timeout: 10 }
  )
  if (!check.ok) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, OAUTH_STATE_MESSAGES[check.reason], `oauth_state_${check.reason}`)
  }
  return new StepResponse(undefined)
})
