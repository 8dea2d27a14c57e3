import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { consumeOAuthStateStep } from "./steps/consume-oauth-state"
import { exchangeOAuthCodeStep } from "./steps/exchange-oauth-code"
import { retrieveConnectedAccountStep } from "./steps/retrieve-connected-account"
import { upsertStripeConnectionStep, type StripeConnectionChanges } from "../steps/upsert-stripe-connection"

export type ConnectStripeAccountInput = {
  /** The admin Stripe sent back; must be the one who started the authorization. */
  user_id: string
  state?: string
  code?: string
  error?: string
  error_description?: string
}

/** Finishes Connect OAuth from Stripe's redirect: checks `state`, exchanges the code, saves the account. */
export const connectStripeAccountWorkflow = createWorkflow("stripe-collect-connect-stripe-account", (input: ConnectStripeAccountInput) => {
  consumeOAuthStateStep(transform({ input }, ({ input }) => ({ user_id: input.user_id, state: input.state })))
  const connected = exchangeOAuthCodeStep(
    transform({ input }, ({ input }) => ({
      code: input.code,
      error: input.error,
      error_description: input.error_description,
    }))
  )
  const account = retrieveConnectedAccountStep(
    transform({ connected }, ({ connected }) => ({ stripe_account_id: connected.stripe_account_id }))
  )
  const connection = upsertStripeConnectionStep(
    transform({ connected, account }, ({ connected, account }): StripeConnectionChanges => ({
      mode: "oauth",
      stripe_account_id: account.stripe_account_id,
      account_display_name: account.account_display_name,
      livemode: connected.livemode,
      connected_at: new Date(),
    }))
  )
  return new WorkflowResponse(transform({ connection }, ({ connection }) => ({ stripe_account_id: connection.stripe_account_id })))
})
