import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { upsertStripeConnectionStep } from "../steps/upsert-stripe-connection"
import { deauthorizeStripeAccountStep } from "./steps/deauthorize-stripe-account"
import { findConnectedAccountStep } from "./steps/find-connected-account"

/** Forgets the connected Stripe account and, for Connect OAuth, revokes the platform's access in Stripe. */
export const disconnectStripeAccountWorkflow = createWorkflow("stripe-collect-disconnect-stripe-account", () => {
  const account = findConnectedAccountStep()
  upsertStripeConnectionStep(
    transform({}, () => ({
      stripe_account_id: null,
      account_display_name: null,
      livemode: false,
      connected_at: null,
    }))
  )
  const revoked = deauthorizeStripeAccountStep(account)
  return new WorkflowResponse(
    transform({ account, revoked }, ({ account, revoked }) => ({
      disconnected_account_id: account.stripe_account_id,
      deauthorized: revoked.deauthorized,
    }))
  )
})
