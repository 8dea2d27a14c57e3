import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { upsertStripeConnectionStep } from "../steps/upsert-stripe-connection"

/** Call when a Stripe webhook event passed its signature check: the settings page shows it as healthy. */
export const recordWebhookReceivedWorkflow = createWorkflow("stripe-collect-record-webhook-received", () => {
  const changes = transform({}, () => ({ last_webhook_at: new Date(), webhook_failure_count: 0 }))
  const connection = upsertStripeConnectionStep(changes)
  return new WorkflowResponse(transform({ connection }, ({ connection }) => ({ last_webhook_at: connection.last_webhook_at })))
})
