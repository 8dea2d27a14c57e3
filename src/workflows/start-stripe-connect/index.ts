import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { prepareOAuthStateStep } from "./steps/prepare-oauth-state"
import { upsertStripeConnectionStep } from "../steps/upsert-stripe-connection"

export type StartStripeConnectInput = {
  /** The admin pressing Done: only they can finish this authorization. */
  user_id: string
  /** Where Stripe sends the admin back: `<backend>/admin/stripe-collect/connect/callback`. */
  redirect_uri: string
}

/** Starts Connect OAuth: remembers a fresh state (hashed) and returns Stripe's authorize URL. */
export const startStripeConnectWorkflow = createWorkflow("stripe-collect-start-stripe-connect", (input: StartStripeConnectInput) => {
  const prepared = prepareOAuthStateStep(input)
  upsertStripeConnectionStep(transform({ prepared }, ({ prepared }) => prepared.pending))
  return new WorkflowResponse(transform({ prepared }, ({ prepared }) => ({ authorize_url: prepared.authorize_url })))
})
