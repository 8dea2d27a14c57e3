import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { reportIntegrationErrorWorkflow } from "../report-integration-error"
import type { ReportIntegrationErrorInput } from "../../integration-errors/types"
import { forgetRevokedAccountStep } from "./steps/forget-revoked-account"

export type StripeAccessRevokedInput = {
  /** The account of Stripe's `account.application.deauthorized` event (the event's `account`). */
  stripe_account_id: string
  /** The event id, for the error log. */
  stripe_event_id?: string | null
}

/**
 * For the webhook handler of `account.application.deauthorized`: the merchant revoked the plugin
 * in Stripe, so the store is no longer connected and the error address is told to reconnect.
 */
export const stripeAccessRevokedWorkflow = createWorkflow("stripe-collect-stripe-access-revoked", (input: StripeAccessRevokedInput) => {
  const affected = forgetRevokedAccountStep(transform({ input }, ({ input }) => ({ stripe_account_id: input.stripe_account_id })))
  when({ affected }, ({ affected }) => affected).then(() => {
    reportIntegrationErrorWorkflow.runAsStep({
      input: transform({ input }, ({ input }): ReportIntegrationErrorInput => ({
        kind: "stripe_access_rejected",
        operation: "Receive Stripe webhook",
        message: `Stripe says the account ${input.stripe_account_id} revoked this store's access${
          input.stripe_event_id ? ` (event ${input.stripe_event_id})` : ""
        }. Payments cannot be taken until Stripe is connected again in Settings → Stripe.`,
      })),
    })
  })
  return new WorkflowResponse(transform({ affected }, ({ affected }) => ({ disconnected: affected })))
})
